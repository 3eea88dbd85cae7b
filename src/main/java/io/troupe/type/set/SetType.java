package io.troupe.type.set;

import io.troupe.keyspace.MemoryUsage;
import io.troupe.keyspace.Args;
import io.troupe.keyspace.TypedValue;
import io.troupe.type.sort.SortSource;
import io.troupe.type.BytesTable;
import io.troupe.type.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The set type's value, in one of the two encodings Redis 7.0 has for sets
 * (the small-set listpack encoding only came with Redis 7.2).
 *
 * <ul>
 *   <li>{@code intset}: while every member is an integer as string2ll reads it
 *       and there are at most {@code set-max-intset-entries} members: a sorted
 *       array of integers packed at the narrowest width (2, 4 or 8 bytes,
 *       little-endian) that holds them all, widened on demand. Members come
 *       out in ascending order.
 *   <li>{@code hashtable}: a {@link BytesTable} of members.
 * </ul>
 *
 * <p>The conversion is one-way. Byte arrays handed in are kept; arrays handed
 * out must not be modified. Corresponds to the setType* API of Redis's t_set.c
 * and to intset.c.
 */
public final class SetType implements TypedValue, SortSource {
  /**
   * The intset: {@code intCount} integers of {@code intWidth} bytes, ascending,
   * at the start of the array (the rest is room to grow); null once converted.
   */
  private byte[] ints = new byte[0];
  private int intWidth = 2;
  private int intCount;
  private BytesTable table;

  /** An empty set (intset encoding until a member needs more). */
  public SetType() {}

  @Override
  public String typeName() {
    return "set";
  }

  /** The intset's array, or the hashtable. */
  @Override
  public long memoryUsage() {
    return MemoryUsage.object(4 + 4 + 4 + 4) + MemoryUsage.of(ints)
        + (table == null ? 0 : table.memoryUsage());
  }

  @Override
  public SetType deepCopy() {
    SetType c = new SetType();
    if (table != null) {
      c.ints = null;
      c.table = table.copy();
    } else {
      c.ints = Arrays.copyOf(ints, intCount * intWidth);
      c.intWidth = intWidth;
      c.intCount = intCount;
    }
    return c;
  }

  @Override
  public Kind sortKind() {
    return Kind.SET;
  }

  @Override
  public int sortSize() {
    return size();
  }

  @Override
  public Iterable<byte[]> elements() {
    java.util.List<byte[]> out = new java.util.ArrayList<>(size());
    forEach(out::add);
    return out;
  }

  /** OBJECT ENCODING's name: "intset" or "hashtable". */
  @Override
  public String encoding() {
    return table == null ? "intset" : "hashtable";
  }

  public int size() {
    return table == null ? intCount : table.size();
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /**
   * Adds {@code member} (setTypeAdd); false when it was there already. An intset
   * becomes a hashtable for a member that is not an integer, or when it then
   * holds more than {@code maxIntsetEntries} members.
   */
  public boolean add(byte[] member, long maxIntsetEntries) {
    if (table == null) {
      Long v = Args.toLong(member);
      if (v != null) {
        if (!intsetAdd(v)) {
          return false;
        }
        if (intCount > maxIntsetEntries) {
          convert();
        }
        return true;
      }
      convert();
    }
    return table.add(member);
  }

  /** Removes {@code member}; false when absent. */
  public boolean remove(byte[] member) {
    if (table != null) {
      return table.remove(member);
    }
    Long v = Args.toLong(member);
    if (v == null) {
      return false;
    }
    int at = search(v);
    if (at < 0) {
      return false;
    }
    removeIntAt(at);
    return true;
  }

  public boolean contains(byte[] member) {
    if (table != null) {
      return table.indexOf(member) >= 0;
    }
    Long v = Args.toLong(member);
    return v != null && search(v) >= 0;
  }

  /** The member at position {@code i} of the encoding, {@code 0 <= i < size()}. */
  public byte[] memberAt(int i) {
    return table != null ? table.key(i) : format(intAt(i));
  }

  /** Visits every member in encoding order (ascending for an intset). */
  public void forEach(Consumer<byte[]> action) {
    int n = size();
    for (int i = 0; i < n; i++) {
      action.accept(memberAt(i));
    }
  }

  /** {@code count} members picked independently (SRANDMEMBER with a negative count). */
  public void randomWithRepeats(long count, RandomGenerator random, Consumer<byte[]> out) {
    int n = size();
    for (long c = 0; c < count; c++) {
      out.accept(memberAt(random.nextInt(n)));
    }
  }

  /** {@code count} distinct members, {@code count <= size()}, in random order. */
  public void randomDistinct(int count, RandomGenerator random, Consumer<byte[]> out) {
    for (int i : Sampling.distinct(size(), count, random)) {
      out.accept(memberAt(i));
    }
  }

  /** Removes and returns a random member (SPOP); the set must not be empty. */
  public byte[] popRandom(RandomGenerator random) {
    int i = random.nextInt(size());
    if (table != null) {
      byte[] m = table.key(i);
      table.removeAt(i);
      return m;
    }
    byte[] m = format(intAt(i));
    removeIntAt(i);
    return m;
  }

  /**
   * One step of SSCAN: an intset returns every member and cursor 0; a hashtable
   * visits buckets from {@code cursor} until {@code count} members were
   * collected or {@code 10 * count} buckets were seen. Returns the next cursor.
   */
  public long scan(long cursor, long count, Consumer<byte[]> out) {
    if (table == null) {
      forEach(out);
      return 0;
    }
    long[] collected = {0};
    long maxBuckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
    do {
      cursor = table.scan(cursor, i -> {
        out.accept(table.key(i));
        collected[0]++;
      });
    } while (cursor != 0 && maxBuckets-- > 0 && collected[0] < count);
    return cursor;
  }

  private void convert() {
    BytesTable t = new BytesTable(false, intCount);
    for (int i = 0; i < intCount; i++) {
      t.add(format(intAt(i)));
    }
    table = t;
    ints = null;
    intCount = 0;
  }

  private static byte[] format(long v) {
    return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
  }

  // ---- intset ---------------------------------------------------------------------------

  private static int widthFor(long v) {
    if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      return 2;
    }
    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      return 4;
    }
    return 8;
  }

  private long intAt(int i) {
    return read(ints, intWidth, i);
  }

  private static long read(byte[] a, int width, int i) {
    int p = i * width;
    long v = 0;
    for (int b = width - 1; b >= 0; b--) {
      v = (v << 8) | (a[p + b] & 0xff);
    }
    // sign-extend from the stored width
    int unused = 64 - 8 * width;
    return (v << unused) >> unused;
  }

  private static void write(byte[] a, int width, int i, long v) {
    int p = i * width;
    for (int b = 0; b < width; b++) {
      a[p + b] = (byte) (v >>> (8 * b));
    }
  }

  /** Binary search: the index of {@code v}, or {@code -(insertion point) - 1}. */
  private int search(long v) {
    int lo = 0;
    int hi = intCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long m = intAt(mid);
      if (m < v) {
        lo = mid + 1;
      } else if (m > v) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }

  private boolean intsetAdd(long v) {
    int width = widthFor(v);
    if (width > intWidth) {
      // A value too wide for the current width is below or above all members.
      byte[] n = new byte[(intCount + 1) * width];
      int shift = v < 0 ? 1 : 0;
      for (int i = 0; i < intCount; i++) {
        write(n, width, i + shift, intAt(i));
      }
      write(n, width, v < 0 ? 0 : intCount, v);
      ints = n;
      intWidth = width;
      intCount++;
      return true;
    }
    int at = search(v);
    if (at >= 0) {
      return false;
    }
    at = -at - 1;
    int used = intCount * intWidth;
    if (used + intWidth > ints.length) {
      int cap = intCount + 1 + ((intCount + 1) >> 1);
      ints = Arrays.copyOf(ints, cap * intWidth);
    }
    System.arraycopy(ints, at * intWidth, ints, (at + 1) * intWidth, used - at * intWidth);
    write(ints, intWidth, at, v);
    intCount++;
    return true;
  }

  private void removeIntAt(int at) {
    int used = intCount * intWidth;
    System.arraycopy(ints, (at + 1) * intWidth, ints, at * intWidth, used - (at + 1) * intWidth);
    intCount--;
    if (intCount * intWidth < ints.length / 2) {
      ints = Arrays.copyOf(ints, intCount * intWidth);
    }
  }
}

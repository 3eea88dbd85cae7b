package io.troupe.type.hash;

import io.troupe.keyspace.MemoryUsage;
import io.troupe.keyspace.TypedValue;
import io.troupe.type.sort.SortHash;
import io.troupe.type.BytesTable;
import io.troupe.type.Sampling;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * The hash type's value: field → value, both byte strings, in one of two
 * encodings as Redis 7.0 keeps them.
 *
 * <ul>
 *   <li>{@code listpack}: every field and value packed into one byte array as
 *       (varint length, bytes) entries, field then value, in insertion order;
 *       lookups walk it. Used while the hash has at most
 *       {@code hash-max-listpack-entries} fields and no field or value is longer
 *       than {@code hash-max-listpack-value} bytes.
 *   <li>{@code hashtable}: a {@link BytesTable}. The conversion is one-way, as in
 *       Redis: deleting fields never packs a hash again.
 * </ul>
 *
 * <p>Byte arrays handed in are kept (callers pass fresh argument arrays);
 * arrays handed out must not be modified. Corresponds to the hashType* API of
 * Redis's t_hash.c.
 */
public final class HashType implements TypedValue, SortHash {
  /** Packed entries (listpack encoding), or null once converted. */
  private byte[] packed = new byte[0];
  /** Bytes of {@code packed} in use (the rest is room to grow). */
  private int packedLen;
  private int packedPairs;
  /** The hashtable encoding, or null while packed. */
  private BytesTable table;

  public HashType() {}

  @Override
  public String typeName() {
    return "hash";
  }

  @Override
  public HashType deepCopy() {
    HashType c = new HashType();
    if (table != null) {
      c.packed = null;
      c.table = table.copy();
    } else {
      c.packed = Arrays.copyOf(packed, packedLen);
      c.packedLen = packedLen;
      c.packedPairs = packedPairs;
    }
    return c;
  }

  /** The listpack's array, or the hashtable. */
  @Override
  public long memoryUsage() {
    return MemoryUsage.object(4 + 4 + 4 + 4) + MemoryUsage.of(packed)
        + (table == null ? 0 : table.memoryUsage());
  }

  /** SORT BY/GET key->field. */
  @Override
  public byte[] sortField(byte[] field) {
    return get(field);
  }

  /** OBJECT ENCODING's name: "listpack" or "hashtable". */
  @Override
  public String encoding() {
    return table == null ? "listpack" : "hashtable";
  }

  public int size() {
    return table == null ? packedPairs : table.size();
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** The value of {@code field}, or null. */
  public byte[] get(byte[] field) {
    if (table != null) {
      int i = table.indexOf(field);
      return i < 0 ? null : table.value(i);
    }
    int at = find(field);
    if (at < 0) {
      return null;
    }
    int v = skip(at);
    return Arrays.copyOfRange(packed, dataStart(v), skip(v));
  }

  public boolean exists(byte[] field) {
    return table != null ? table.indexOf(field) >= 0 : find(field) >= 0;
  }

  /**
   * Sets {@code field} to {@code value} (hashTypeSet); true when the field is new.
   * Converts to hashtable first when either is longer than {@code maxValue}, and
   * after the insert when the hash then has more than {@code maxEntries} fields.
   */
  public boolean set(byte[] field, byte[] value, long maxEntries, long maxValue) {
    if (table == null && (field.length > maxValue || value.length > maxValue)) {
      convert();
    }
    if (table != null) {
      return table.put(field, value);
    }
    int at = find(field);
    boolean created = at < 0;
    if (created) {
      byte[] add = new byte[entryLength(field) + entryLength(value)];
      int p = writeEntry(add, 0, field);
      writeEntry(add, p, value);
      splice(packedLen, 0, add);
      packedPairs++;
      if (packedPairs > maxEntries) {
        convert();
      }
    } else {
      int v = skip(at);
      byte[] add = new byte[entryLength(value)];
      writeEntry(add, 0, value);
      splice(v, skip(v) - v, add);
    }
    return created;
  }

  /** Removes {@code field}; false when absent. */
  public boolean delete(byte[] field) {
    if (table != null) {
      return table.remove(field);
    }
    int at = find(field);
    if (at < 0) {
      return false;
    }
    splice(at, skip(skip(at)) - at, new byte[0]);
    packedPairs--;
    return true;
  }

  /** Visits every field and value in encoding order (insertion order while packed). */
  public void forEach(BiConsumer<byte[], byte[]> action) {
    if (table != null) {
      for (int i = 0; i < table.size(); i++) {
        action.accept(table.key(i), table.value(i));
      }
      return;
    }
    int p = 0;
    for (int i = 0; i < packedPairs; i++) {
      int v = skip(p);
      int end = skip(v);
      action.accept(Arrays.copyOfRange(packed, dataStart(p), v),
          Arrays.copyOfRange(packed, dataStart(v), end));
      p = end;
    }
  }

  /**
   * {@code count} fields picked independently (repeats allowed), each with its
   * value, for HRANDFIELD with a negative count.
   */
  public void randomWithRepeats(long count, RandomGenerator random, BiConsumer<byte[], byte[]> out) {
    byte[][] flat = table == null ? flatten() : null;
    int n = size();
    for (long c = 0; c < count; c++) {
      int i = random.nextInt(n);
      if (flat != null) {
        out.accept(flat[2 * i], flat[2 * i + 1]);
      } else {
        out.accept(table.key(i), table.value(i));
      }
    }
  }

  /** {@code count} distinct fields with their values, {@code count < size()} (HRANDFIELD count). */
  public void randomDistinct(int count, RandomGenerator random, BiConsumer<byte[], byte[]> out) {
    byte[][] flat = table == null ? flatten() : null;
    for (int i : Sampling.distinct(size(), count, random)) {
      if (flat != null) {
        out.accept(flat[2 * i], flat[2 * i + 1]);
      } else {
        out.accept(table.key(i), table.value(i));
      }
    }
  }

  /**
   * One step of HSCAN: the listpack encoding returns every pair and cursor 0;
   * the hashtable visits buckets from {@code cursor} until {@code count} fields
   * were collected or {@code 10 * count} buckets were seen. Returns the next
   * cursor.
   */
  public long scan(long cursor, long count, BiConsumer<byte[], byte[]> out) {
    if (table == null) {
      forEach(out);
      return 0;
    }
    long[] collected = {0};
    long maxBuckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
    do {
      cursor = table.scan(cursor, i -> {
        out.accept(table.key(i), table.value(i));
        collected[0]++;
      });
    } while (cursor != 0 && maxBuckets-- > 0 && collected[0] < count);
    return cursor;
  }

  private byte[][] flatten() {
    byte[][] flat = new byte[2 * size()][];
    int[] k = {0};
    forEach((f, v) -> {
      flat[k[0]++] = f;
      flat[k[0]++] = v;
    });
    return flat;
  }

  private void convert() {
    BytesTable t = new BytesTable(true, packedPairs);
    forEach(t::put);
    table = t;
    packed = null;
    packedLen = 0;
    packedPairs = 0;
  }

  // ---- packed entries: varint length (7 bits a byte, low first), then the bytes ----------

  /** The offset of {@code field}'s entry, or -1. */
  private int find(byte[] field) {
    int p = 0;
    for (int i = 0; i < packedPairs; i++) {
      int start = dataStart(p);
      int end = skip(p);
      if (end - start == field.length
          && Arrays.equals(packed, start, end, field, 0, field.length)) {
        return p;
      }
      p = skip(end);
    }
    return -1;
  }

  /** The offset just past the entry at {@code p}. */
  private int skip(int p) {
    int len = 0;
    int shift = 0;
    byte b;
    do {
      b = packed[p++];
      len |= (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    return p + len;
  }

  /** The offset of the bytes of the entry at {@code p}. */
  private int dataStart(int p) {
    while (packed[p] < 0) {
      p++;
    }
    return p + 1;
  }

  private static int entryLength(byte[] s) {
    int n = s.length;
    int header = 1;
    while (n >= 0x80) {
      n >>>= 7;
      header++;
    }
    return header + s.length;
  }

  private static int writeEntry(byte[] dst, int p, byte[] s) {
    int n = s.length;
    while (n >= 0x80) {
      dst[p++] = (byte) (n & 0x7f | 0x80);
      n >>>= 7;
    }
    dst[p++] = (byte) n;
    System.arraycopy(s, 0, dst, p, s.length);
    return p + s.length;
  }

  /**
   * Replaces {@code packed[at, at + removed)} with {@code insert}, in place when
   * the array has room (growing by half again when not, so appends are
   * amortized O(1)); a buffer more than half empty is trimmed.
   */
  private void splice(int at, int removed, byte[] insert) {
    int len = packedLen - removed + insert.length;
    int tail = packedLen - at - removed;
    if (len > packed.length || len < packed.length / 2) {
      byte[] n = new byte[len > packed.length ? len + (len >> 1) : len];
      System.arraycopy(packed, 0, n, 0, at);
      System.arraycopy(packed, at + removed, n, at + insert.length, tail);
      packed = n;
    } else {
      System.arraycopy(packed, at + removed, packed, at + insert.length, tail);
    }
    System.arraycopy(insert, 0, packed, at, insert.length);
    packedLen = len;
  }
}

package io.troupe.type;

import io.troupe.keyspace.MemoryUsage;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A compact hash table of byte-string keys with optional byte-string values:
 * the "hashtable" encoding of hashes and sets (Redis's dict). Entries live in
 * parallel arrays, dense in {@code [0, size)}: a removal moves the last entry
 * into the hole, so a uniformly random entry is one random index (SPOP,
 * SRANDMEMBER, HRANDFIELD). Buckets chain entries through an {@code int[]},
 * so an element costs one byte array plus two array slots and its bucket
 * share, no node object. With values, key and value share that one array
 * (varint key length, key, value): {@link #key} and {@link #value} then
 * return copies.
 *
 * <p>The bucket count is a power of two; {@link #scan} visits buckets in
 * reverse-binary order of the cursor (the order of Redis's dictScan), which
 * guarantees that an entry present for the whole of an iteration is returned
 * at least once however the table grows or shrinks in between, at the price of
 * possible repeats.
 *
 * <p>The hash function is seeded per process, so clients cannot pick keys that
 * collide (Redis seeds SipHash for the same reason).
 */
public final class BytesTable {
  private static final int MIN_BUCKETS = 4;
  private static final int SEED = new SecureRandom().nextInt();

  /** The entries: the key itself, or with values (varint key length, key, value). */
  private byte[][] keys;
  private final boolean withValues;
  /** Next entry in the same bucket, or -1. */
  private int[] next;
  /** First entry of each bucket, or -1. */
  private int[] buckets;
  private int size;

  /** An empty table; {@code withValues} for hashes, false for sets. */
  public BytesTable(boolean withValues, int expected) {
    int cap = Math.max(expected, 4);
    this.withValues = withValues;
    keys = new byte[cap][];
    next = new int[cap];
    buckets = new int[bucketsFor(expected)];
    Arrays.fill(buckets, -1);
  }

  private BytesTable(BytesTable o) {
    withValues = o.withValues;
    keys = new byte[Math.max(o.size, 4)][];
    next = new int[keys.length];
    for (int i = 0; i < o.size; i++) {
      keys[i] = o.keys[i].clone();
    }
    size = o.size;
    buckets = new int[bucketsFor(size)];
    rebuild();
  }

  /**
   * Estimated heap bytes: the table object, its three arrays and the entry
   * arrays (sampled beyond {@link MemoryUsage#SAMPLES} entries).
   */
  public long memoryUsage() {
    byte[][] k = keys;
    return MemoryUsage.object(4 + 1 + 4 + 4 + 4) + MemoryUsage.refArray(k.length)
        + MemoryUsage.refArray(next.length) + MemoryUsage.refArray(buckets.length)
        + MemoryUsage.sampledSum(size, i -> MemoryUsage.bytes(k[i].length));
  }

  /** An independent copy (COPY), keys and values cloned. */
  public BytesTable copy() {
    return new BytesTable(this);
  }

  public int size() {
    return size;
  }

  /** The number of buckets (a power of two); exposed for tests of the scan guarantee. */
  public int bucketCount() {
    return buckets.length;
  }

  /** The key of entry {@code i}, {@code 0 <= i < size()}. Callers must not modify it. */
  public byte[] key(int i) {
    byte[] e = keys[i];
    if (!withValues) {
      return e;
    }
    int start = keyStart(e);
    return Arrays.copyOfRange(e, start, start + keyLength(e));
  }

  /** The value of entry {@code i} (a copy). */
  public byte[] value(int i) {
    byte[] e = keys[i];
    return Arrays.copyOfRange(e, keyStart(e) + keyLength(e), e.length);
  }

  /** The length of the value of entry {@code i}. */
  public int valueLength(int i) {
    byte[] e = keys[i];
    return e.length - keyStart(e) - keyLength(e);
  }

  public void setValue(int i, byte[] value) {
    keys[i] = pack(key(i), value);
  }

  /** The entry index of {@code key}, or -1. */
  public int indexOf(byte[] key) {
    for (int e = buckets[hash(key, 0, key.length) & (buckets.length - 1)]; e >= 0; e = next[e]) {
      if (keyEquals(keys[e], key)) {
        return e;
      }
    }
    return -1;
  }

  /** Adds {@code key} (sets); false when it was there already. */
  public boolean add(byte[] key) {
    return put(key, null);
  }

  /** Sets {@code key} to {@code value}; true when the key is new, false when its value was replaced. */
  public boolean put(byte[] key, byte[] value) {
    int h = hash(key, 0, key.length);
    for (int e = buckets[h & (buckets.length - 1)]; e >= 0; e = next[e]) {
      if (keyEquals(keys[e], key)) {
        if (withValues) {
          keys[e] = pack(key, value);
        }
        return false;
      }
    }
    if (size == keys.length) {
      resizeEntries(Math.max(4, size + (size >> 1)));
    }
    int e = size++;
    keys[e] = withValues ? pack(key, value) : key;
    if (size > buckets.length) {
      buckets = new int[buckets.length * 2];
      rebuild();
    } else {
      int b = h & (buckets.length - 1);
      next[e] = buckets[b];
      buckets[b] = e;
    }
    return true;
  }

  /** Removes {@code key}; false when absent. */
  public boolean remove(byte[] key) {
    int i = indexOf(key);
    if (i < 0) {
      return false;
    }
    removeAt(i);
    return true;
  }

  /** Removes entry {@code i}; the last entry takes its index. */
  public void removeAt(int i) {
    unlink(i, entryHash(keys[i]) & (buckets.length - 1));
    int last = size - 1;
    if (i != last) {
      // Move the last entry into the hole: repoint whatever referenced it.
      int b = entryHash(keys[last]) & (buckets.length - 1);
      if (buckets[b] == last) {
        buckets[b] = i;
      } else {
        int p = buckets[b];
        while (next[p] != last) {
          p = next[p];
        }
        next[p] = i;
      }
      keys[i] = keys[last];
      next[i] = next[last];
    }
    keys[last] = null;
    size = last;
    // Shrink as Redis does when a table is less than 10% full.
    if (buckets.length > MIN_BUCKETS && size * 10L < buckets.length) {
      buckets = new int[bucketsFor(size)];
      rebuild();
      if (keys.length > 2 * Math.max(size, 4)) {
        resizeEntries(Math.max(size, 4));
      }
    }
  }

  private void unlink(int e, int b) {
    if (buckets[b] == e) {
      buckets[b] = next[e];
      return;
    }
    int p = buckets[b];
    while (next[p] != e) {
      p = next[p];
    }
    next[p] = next[e];
  }

  /**
   * Visits the entries of the bucket {@code cursor} names (through {@code visit},
   * by entry index; the visitor must not change the table) and returns the next
   * cursor, 0 when the iteration is complete. Cursors are unsigned 64-bit.
   */
  public long scan(long cursor, IntConsumer visit) {
    long mask = buckets.length - 1;
    for (int e = buckets[(int) (cursor & mask)]; e >= 0; e = next[e]) {
      visit.accept(e);
    }
    // Increment the cursor's bits above the mask in reverse order.
    long v = cursor | ~mask;
    v = Long.reverse(v);
    v++;
    return Long.reverse(v);
  }

  private void resizeEntries(int cap) {
    keys = Arrays.copyOf(keys, cap);
    next = Arrays.copyOf(next, cap);
  }

  private void rebuild() {
    Arrays.fill(buckets, -1);
    int mask = buckets.length - 1;
    for (int e = 0; e < size; e++) {
      int b = entryHash(keys[e]) & mask;
      next[e] = buckets[b];
      buckets[b] = e;
    }
  }

  private static int bucketsFor(int n) {
    int b = MIN_BUCKETS;
    while (b < n) {
      b <<= 1;
    }
    return b;
  }

  // ---- entries with values: varint key length (7 bits a byte, low first), key, value ----

  private static byte[] pack(byte[] key, byte[] value) {
    int n = key.length;
    int header = 1;
    while (n >= 0x80) {
      n >>>= 7;
      header++;
    }
    byte[] e = new byte[header + key.length + value.length];
    int p = 0;
    n = key.length;
    while (n >= 0x80) {
      e[p++] = (byte) (n & 0x7f | 0x80);
      n >>>= 7;
    }
    e[p++] = (byte) n;
    System.arraycopy(key, 0, e, p, key.length);
    System.arraycopy(value, 0, e, p + key.length, value.length);
    return e;
  }

  private static int keyStart(byte[] e) {
    int p = 0;
    while (e[p] < 0) {
      p++;
    }
    return p + 1;
  }

  private static int keyLength(byte[] e) {
    int len = 0;
    int shift = 0;
    int p = 0;
    byte b;
    do {
      b = e[p++];
      len |= (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    return len;
  }

  private boolean keyEquals(byte[] entry, byte[] key) {
    if (!withValues) {
      return Arrays.equals(entry, key);
    }
    int start = keyStart(entry);
    return keyLength(entry) == key.length
        && Arrays.equals(entry, start, start + key.length, key, 0, key.length);
  }

  private int entryHash(byte[] entry) {
    if (!withValues) {
      return hash(entry, 0, entry.length);
    }
    return hash(entry, keyStart(entry), keyLength(entry));
  }

  /** Seeded MurmurHash3 (x86, 32-bit) of {@code key[from, from + n)}. */
  static int hash(byte[] key, int from, int n) {
    int h = SEED;
    int i = from;
    int end = from + n;
    for (; i + 4 <= end; i += 4) {
      int k = (key[i] & 0xff) | (key[i + 1] & 0xff) << 8 | (key[i + 2] & 0xff) << 16 | key[i + 3] << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int rest = end - i;
    if (rest > 0) {
      int k = key[i] & 0xff;
      if (rest > 1) {
        k |= (key[i + 1] & 0xff) << 8;
      }
      if (rest > 2) {
        k |= (key[i + 2] & 0xff) << 16;
      }
      h ^= mixK(k);
    }
    h ^= n;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    return k * 0x1b873593;
  }
}

package io.troupe.keyspace;

/**
 * Heap-size arithmetic for the memory estimates maxmemory works from (the
 * part of Redis's zmalloc accounting that object sizes give): what an object
 * or array costs on a 64-bit HotSpot JVM with compressed references and class
 * pointers (the default below 32 GB of heap): a 12-byte object header, a
 * 16-byte array header, 4-byte references, everything rounded up to 8 bytes.
 *
 * <p>The type classes use these helpers in their {@link TypedValue#memoryUsage()}.
 */
public final class MemoryUsage {
  /** An {@link Entry}: header, key/value/next references, hash, expiry, indexes, clocks. */
  public static final long ENTRY = object(4 + 4 + 4 + 4 + 8 + 4 + 4 + 4);

  private MemoryUsage() {}

  /** {@code n} rounded up to the JVM's 8-byte object alignment. */
  public static long align(long n) {
    return (n + 7) & ~7L;
  }

  /** An object whose fields take {@code fieldBytes} bytes. */
  public static long object(long fieldBytes) {
    return align(12 + fieldBytes);
  }

  /** A byte array of {@code length}. */
  public static long bytes(long length) {
    return align(16 + length);
  }

  /** A byte array, null counting nothing. */
  public static long of(byte[] a) {
    return a == null ? 0 : bytes(a.length);
  }

  /** An array of {@code length} references or ints. */
  public static long refArray(long length) {
    return align(16 + 4 * length);
  }

  /** An array of {@code length} longs or doubles. */
  public static long longArray(long length) {
    return align(16 + 8 * length);
  }

  /**
   * The estimated bytes of a value: a string's array, or what a typed value
   * says of itself. Capped to an int, which is how an {@link Entry} caches it.
   */
  public static int ofValue(Object value) {
    long n;
    if (value instanceof byte[] s) {
      n = bytes(s.length);
    } else if (value instanceof TypedValue t) {
      n = t.memoryUsage();
    } else {
      n = 0;
    }
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  /** How many elements a large value's estimate measures (the rest is scaled from them). */
  public static final int SAMPLES = 64;

  /**
   * The sum of {@code bytesOf(i)} over {@code 0 <= i < count}: exact up to
   * {@link #SAMPLES} elements, beyond that measured at that many evenly spaced
   * indexes and scaled, so a write to a large value stays cheap to account.
   */
  public static long sampledSum(int count, java.util.function.IntToLongFunction bytesOf) {
    if (count <= SAMPLES) {
      long sum = 0;
      for (int i = 0; i < count; i++) {
        sum += bytesOf.applyAsLong(i);
      }
      return sum;
    }
    long sum = 0;
    for (int k = 0; k < SAMPLES; k++) {
      sum += bytesOf.applyAsLong((int) ((long) k * count / SAMPLES));
    }
    return sum * count / SAMPLES;
  }

  /** What a key costs beside its value: the entry, the key's bytes and its bucket reference. */
  public static long keyOverhead(byte[] key) {
    return ENTRY + bytes(key.length);
  }
}

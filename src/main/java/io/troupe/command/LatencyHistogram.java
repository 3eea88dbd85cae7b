package io.troupe.command;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A latency histogram with the bucketing of an HDR histogram of 2
 * significant digits over 1 ns .. 1 s, as Redis keeps one per command for
 * INFO latencystats: values (ns) below 256 are exact, and above that each
 * power of two is split into 128 equal steps. A percentile is reported as the
 * highest value equivalent to the step it falls in, so the figures match
 * Redis's (2 µs shows as 2.007). Recording is lock-free.
 */
public final class LatencyHistogram {
  static final long LOWEST = 1;
  static final long HIGHEST = 1_000_000_000L;
  private static final int SUB_BITS = 7; // half of the 256 sub-buckets
  private static final int SUB_HALF = 1 << SUB_BITS;
  private static final int BUCKETS = 23; // 256 << 22 > 1e9
  private static final int LENGTH = (BUCKETS + 1) * SUB_HALF;
  /**
   * Counts striped by recording thread, so connections on different
   * threads recording the same (hot) bucket do not contend on one cache line.
   */
  private static final int STRIPES = 4;
  private final AtomicLongArray[] stripes = new AtomicLongArray[STRIPES];

  public LatencyHistogram() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new AtomicLongArray(LENGTH);
    }
  }

  /** Records one value in nanoseconds (clamped to 1 ns .. 1 s). */
  public void record(long nanos) {
    long v = Math.max(LOWEST, Math.min(HIGHEST, nanos));
    stripes[(int) Thread.currentThread().getId() & (STRIPES - 1)].incrementAndGet(index(v));
  }

  private long count(int index) {
    long n = 0;
    for (AtomicLongArray a : stripes) {
      n += a.get(index);
    }
    return n;
  }

  public long totalCount() {
    long n = 0;
    for (int i = 0; i < LENGTH; i++) {
      n += count(i);
    }
    return n;
  }

  static int bucketOf(long v) {
    return 64 - Long.numberOfLeadingZeros(v | (2 * SUB_HALF - 1)) - (SUB_BITS + 1);
  }

  static int index(long v) {
    int bucket = bucketOf(v);
    int sub = (int) (v >>> bucket);
    return ((bucket + 1) << SUB_BITS) + (sub - SUB_HALF);
  }

  static long valueAt(int index) {
    int bucket = (index >> SUB_BITS) - 1;
    int sub = (index & (SUB_HALF - 1)) + SUB_HALF;
    if (bucket < 0) {
      sub -= SUB_HALF;
      bucket = 0;
    }
    return (long) sub << bucket;
  }

  /** The highest value in the same step as {@code v}. */
  static long highestEquivalent(long v) {
    int bucket = bucketOf(v);
    int sub = (int) (v >>> bucket);
    int adjusted = sub >= 2 * SUB_HALF ? bucket + 1 : bucket;
    long lowest = (long) sub << bucket;
    return lowest + (1L << adjusted) - 1;
  }

  /** The value (ns) at {@code percentile} (0..100), as hdr_value_at_percentile; 0 when empty. */
  public long valueAtPercentile(double percentile) {
    long count = totalCount();
    if (count == 0) {
      return 0;
    }
    double p = Math.min(percentile, 100.0);
    long wanted = Math.max(1, (long) (p / 100 * count + 0.5));
    long seen = 0;
    int n = LENGTH;
    int i = 0;
    for (; i < n; i++) {
      seen += count(i);
      if (seen >= wanted) {
        break;
      }
    }
    if (i == n) {
      i = n - 1;
    }
    long v = valueAt(i);
    return percentile == 0.0 ? v : highestEquivalent(v);
  }

  /**
   * The non-empty power-of-two ranges for LATENCY HISTOGRAM: upper bound
   * (ns, 1024 .. 2^k) to the cumulative count up to it, as Redis's
   * iteration over its histogram at 1024 ns steps doubling.
   */
  public java.util.SortedMap<Long, Long> cumulativeByPowerOfTwo() {
    java.util.TreeMap<Long, Long> out = new java.util.TreeMap<>();
    long cumulative = 0;
    long bound = 1024;
    for (int i = 0; i < LENGTH; i++) {
      long c = count(i);
      if (c == 0) {
        continue;
      }
      long v = valueAt(i);
      while (v >= bound) {
        bound <<= 1;
      }
      cumulative += c;
      out.put(bound, cumulative);
    }
    return out;
  }

  public void reset() {
    for (AtomicLongArray a : stripes) {
      for (int i = 0; i < LENGTH; i++) {
        a.set(i, 0);
      }
    }
  }
}

package io.troupe.type.zset;

import java.util.Arrays;

/** The ranges of ZRANGEBYSCORE and ZRANGEBYLEX (Redis's zrangespec and zlexrangespec). */
public final class Ranges {
  private Ranges() {}

  /** A score interval; {@code minex}/{@code maxex} make a bound exclusive ("(1.5"). */
  public record ScoreRange(double min, double max, boolean minex, boolean maxex) {
    public boolean gteMin(double v) {
      return minex ? v > min : v >= min;
    }

    public boolean lteMax(double v) {
      return maxex ? v < max : v <= max;
    }

    public boolean contains(double v) {
      return gteMin(v) && lteMax(v);
    }

    /** True when no score can be in the range (min above max, or equal with an open end). */
    public boolean isEmpty() {
      return min > max || (min == max && (minex || maxex));
    }
  }

  /** "-" as a lex bound: below every member (compared by identity). */
  public static final byte[] MIN_STRING = new byte[0];
  /** "+" as a lex bound: above every member (compared by identity). */
  public static final byte[] MAX_STRING = new byte[0];

  /** A member interval for lexicographic ranges; bounds may be {@link #MIN_STRING}/{@link #MAX_STRING}. */
  public record LexRange(byte[] min, byte[] max, boolean minex, boolean maxex) {
    public boolean gteMin(byte[] v) {
      int c = compareLex(v, min);
      return minex ? c > 0 : c >= 0;
    }

    public boolean lteMax(byte[] v) {
      int c = compareLex(v, max);
      return maxex ? c < 0 : c <= 0;
    }

    public boolean contains(byte[] v) {
      return gteMin(v) && lteMax(v);
    }

    public boolean isEmpty() {
      int c = compareLex(min, max);
      return c > 0 || (c == 0 && (minex || maxex));
    }
  }

  /** Redis's sdscmplex: memcmp order with "-" below and "+" above everything. */
  static int compareLex(byte[] a, byte[] b) {
    if (a == b) {
      return 0;
    }
    if (a == MIN_STRING || b == MAX_STRING) {
      return -1;
    }
    if (a == MAX_STRING || b == MIN_STRING) {
      return 1;
    }
    return Arrays.compareUnsigned(a, b);
  }
}

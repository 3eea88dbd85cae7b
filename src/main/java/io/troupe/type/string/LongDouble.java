package io.troupe.type.string;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * An x87 80-bit {@code long double} (64-bit significand, binary exponent range
 * -16382..16383, subnormals down to 2^-16445), the type Redis computes
 * INCRBYFLOAT in. Values are exact ({@code ±mantissa * 2^exponent}); every
 * parse and every sum rounds to nearest, ties to even, as glibc's strtold and
 * the FPU do. {@link #toHumanString()} prints as {@code "%.17Lf"} with trailing
 * zeros stripped (Redis's ld2string in LD_STR_HUMAN mode).
 */
public final class LongDouble {
  static final int PRECISION = 64;
  static final int MAX_EXP = 16383;
  static final int MIN_QUANTUM_EXP = -16382 - (PRECISION - 1);
  /** Redis refuses numbers of this many characters or more (MAX_LONG_DOUBLE_CHARS). */
  static final int MAX_CHARS = 5 * 1024;

  /** Either infinity; the sign does not matter to Redis, only that it is not finite. */
  public static final LongDouble INFINITY = new LongDouble(false, BigInteger.ZERO, 0, true);
  public static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0, false);

  private final boolean negative;
  private final BigInteger mantissa;
  private final int exponent;
  private final boolean infinite;

  private LongDouble(boolean negative, BigInteger mantissa, int exponent, boolean infinite) {
    this.negative = negative;
    this.mantissa = mantissa;
    this.exponent = exponent;
    this.infinite = infinite;
  }

  public boolean isInfinite() {
    return infinite;
  }

  public boolean isZero() {
    return !infinite && mantissa.signum() == 0;
  }

  /** The exact value (finite values only). */
  public BigDecimal toBigDecimal() {
    BigDecimal v;
    if (exponent >= 0) {
      v = new BigDecimal(mantissa.shiftLeft(exponent));
    } else {
      v = new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
    }
    return negative ? v.negate() : v;
  }

  /** {@code this + other}, rounded to long double; infinite when either is or on overflow. */
  public LongDouble add(LongDouble other) {
    if (infinite || other.infinite) {
      return INFINITY;
    }
    int e = Math.min(exponent, other.exponent);
    BigInteger a = mantissa.shiftLeft(exponent - e);
    BigInteger b = other.mantissa.shiftLeft(other.exponent - e);
    BigInteger sum = (negative ? a.negate() : a).add(other.negative ? b.negate() : b);
    if (sum.signum() == 0) {
      return ZERO;
    }
    return round(sum.signum() < 0, sum.abs(), BigInteger.ONE, e);
  }

  /**
   * Rounds {@code num / den * 2^shift} (num, den positive) to the nearest long
   * double, ties to even; {@link #INFINITY} on overflow, {@link #ZERO} on total
   * underflow.
   */
  static LongDouble round(boolean negative, BigInteger num, BigInteger den, int shift) {
    int top = num.bitLength() - den.bitLength() + shift; // floor(log2 v) is top or top - 1
    for (int lead = top; ; lead--) {
      int quantum = Math.max(lead - (PRECISION - 1), MIN_QUANTUM_EXP);
      int k = shift - quantum;
      BigInteger n = k >= 0 ? num.shiftLeft(k) : num;
      BigInteger d = k >= 0 ? den : den.shiftLeft(-k);
      BigInteger[] qr = n.divideAndRemainder(d);
      BigInteger q = qr[0];
      if (q.bitLength() < PRECISION && quantum > MIN_QUANTUM_EXP && lead == top) {
        continue; // the leading bit is one lower: redo with one more bit of precision
      }
      int cmp = qr[1].shiftLeft(1).compareTo(d);
      if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
        q = q.add(BigInteger.ONE);
      }
      if (q.signum() == 0) {
        return ZERO;
      }
      if (quantum + q.bitLength() - 1 > MAX_EXP) {
        return INFINITY;
      }
      return new LongDouble(negative, q, quantum, false);
    }
  }

  /**
   * Parses a number as Redis's string2ld does (glibc strtold on the bytes):
   * decimal or hexadecimal floats, an optional sign, "inf"/"infinity"; no
   * leading space, nothing left over, no NaN, no overflow and no underflow
   * to zero. Returns null when Redis would answer "not a valid float".
   */
  public static LongDouble parse(byte[] s) {
    if (s.length == 0 || s.length >= MAX_CHARS) {
      return null;
    }
    int end = 0;
    while (end < s.length && s[end] != 0) {
      end++; // strtold reads a C string: it stops at the first NUL
    }
    if (end == 0) {
      return ZERO; // nothing converted and nothing left before the NUL
    }
    int c0 = s[0];
    if (c0 == ' ' || (c0 >= '\t' && c0 <= '\r')) {
      return null;
    }
    String t = new String(s, 0, end, StandardCharsets.ISO_8859_1);
    int i = 0;
    boolean negative = false;
    if (t.charAt(0) == '+' || t.charAt(0) == '-') {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    String rest = t.substring(i).toLowerCase(java.util.Locale.ROOT);
    if (rest.equals("inf") || rest.equals("infinity")) {
      return INFINITY;
    }
    if (rest.startsWith("0x")) {
      return parseHex(negative, rest.substring(2));
    }
    return parseDecimal(negative, rest);
  }

  private static LongDouble parseDecimal(boolean negative, String t) {
    int i = 0;
    int n = t.length();
    StringBuilder digits = new StringBuilder();
    int fraction = 0;
    while (i < n && isDigit(t.charAt(i))) {
      digits.append(t.charAt(i++));
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(t.charAt(i))) {
        digits.append(t.charAt(i++));
        fraction++;
      }
    }
    if (digits.length() == 0) {
      return null;
    }
    long exp = 0;
    if (i < n && t.charAt(i) == 'e') {
      i++;
      exp = parseExponent(t, i);
      if (exp == Long.MIN_VALUE) {
        return null;
      }
      i = n;
    }
    if (i != n) {
      return null;
    }
    BigInteger m = new BigInteger(digits.toString());
    if (m.signum() == 0) {
      return ZERO;
    }
    long scale = exp - fraction; // value = m * 10^scale
    long magnitude = m.toString().length() + scale; // value < 10^magnitude
    if (magnitude > 4940) {
      return null; // overflow: HUGE_VALL with ERANGE
    }
    if (magnitude < -4960) {
      return null; // underflow to zero with ERANGE
    }
    LongDouble v;
    if (scale >= 0) {
      v = round(negative, m.multiply(BigInteger.TEN.pow((int) scale)), BigInteger.ONE, 0);
    } else {
      v = round(negative, m, BigInteger.TEN.pow((int) -scale), 0);
    }
    return v.infinite || v.isZero() ? null : v;
  }

  private static LongDouble parseHex(boolean negative, String t) {
    int i = 0;
    int n = t.length();
    StringBuilder digits = new StringBuilder();
    int fraction = 0;
    while (i < n && Character.digit(t.charAt(i), 16) >= 0) {
      digits.append(t.charAt(i++));
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && Character.digit(t.charAt(i), 16) >= 0) {
        digits.append(t.charAt(i++));
        fraction++;
      }
    }
    if (digits.length() == 0) {
      return null;
    }
    long exp = 0;
    if (i < n && t.charAt(i) == 'p') {
      i++;
      exp = parseExponent(t, i);
      if (exp == Long.MIN_VALUE) {
        return null;
      }
      i = n;
    }
    if (i != n) {
      return null;
    }
    BigInteger m = new BigInteger(digits.toString(), 16);
    if (m.signum() == 0) {
      return ZERO;
    }
    long shift = exp - 4L * fraction;
    long top = m.bitLength() + shift;
    if (top > MAX_EXP + 2) {
      return null;
    }
    if (top < MIN_QUANTUM_EXP - 2) {
      return null;
    }
    LongDouble v = round(negative, m, BigInteger.ONE, (int) shift);
    return v.infinite || v.isZero() ? null : v;
  }

  /** A decimal exponent with optional sign, saturated; Long.MIN_VALUE when malformed. */
  private static long parseExponent(String t, int i) {
    int n = t.length();
    boolean neg = false;
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      neg = t.charAt(i) == '-';
      i++;
    }
    if (i == n) {
      return Long.MIN_VALUE;
    }
    long e = 0;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (!isDigit(c)) {
        return Long.MIN_VALUE;
      }
      e = Math.min(e * 10 + (c - '0'), 1_000_000_000L);
    }
    return neg ? -e : e;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code "%.17Lf"} with trailing zeros and a trailing '.' removed; "-0" becomes "0". */
  public String toHumanString() {
    String s = toBigDecimal().setScale(17, java.math.RoundingMode.HALF_EVEN).toPlainString();
    // BigDecimal drops the sign of a value that rounds to zero, where printf
    // keeps it; Redis turns that "-0" into "0", so the result is the same.
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    s = s.substring(0, end);
    return s.equals("-0") ? "0" : s;
  }

  @Override
  public String toString() {
    return infinite ? "inf" : toHumanString();
  }
}

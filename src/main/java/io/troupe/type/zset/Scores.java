package io.troupe.type.zset;

import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;

/**
 * Score parsing as Redis does it with C's strtod: decimal and hexadecimal
 * forms, "inf"/"infinity"/"nan" in any case, an optional sign. Two flavours:
 * {@link #parseStrict} (getDoubleFromObject: the whole argument, no leading
 * space, no overflow or underflow to zero, no NaN) and {@link #parseLoose}
 * (zslParseRange: strtod's leading blanks allowed, "" is 0, out-of-range
 * values saturate, only NaN and trailing garbage are refused).
 */
public final class Scores {
  private Scores() {}

  /** Result of one strtod call: the value, where parsing stopped, and ERANGE. */
  record Parsed(double value, int end, boolean range) {}

  /** getDoubleFromObject: the score, or {@code error} when the argument is not a valid double. */
  public static double parseStrict(byte[] s, String error) {
    if (s.length == 0 || isSpace(s[0])) {
      throw new CommandException(error);
    }
    Parsed p = strtod(s, 0);
    if (p.end != s.length || Double.isNaN(p.value)
        || (p.range && (Double.isInfinite(p.value) || p.value == 0))) {
      throw new CommandException(error);
    }
    return p.value;
  }

  /** The score or null when {@code s} is not a strict double (see {@link #parseStrict}). */
  public static Double tryStrict(byte[] s) {
    try {
      return parseStrict(s, RespErrors.NOT_FLOAT);
    } catch (CommandException e) {
      return null;
    }
  }

  /**
   * zslParseRange's strtod use on {@code s[from..]}: null when NaN or when
   * anything but the end (or a NUL) follows the number.
   */
  public static Double parseLoose(byte[] s, int from) {
    Parsed p = strtod(s, from);
    if (p.end != s.length && s[p.end] != 0) {
      return null;
    }
    if (Double.isNaN(p.value)) {
      return null;
    }
    return p.value;
  }

  /**
   * C's strtod over a whole C string (it ends at the value's end or at a NUL),
   * as SORT reads BY weights: leading white space, sign, decimal or
   * hexadecimal, inf/infinity; "" reads as 0. Null when strtod would not
   * consume the whole string, sets ERANGE (overflow, or a tiny result that
   * lost precision) or gives NaN.
   */
  public static Double strtodWhole(byte[] s) {
    Parsed p = strtod(s, 0);
    if (p.end < s.length && s[p.end] != 0 || p.range || Double.isNaN(p.value)) {
      return null;
    }
    return p.value;
  }

  /**
   * C's strtod on {@code s[from..]}: the value, the index after the number,
   * and ERANGE as glibc sets it (overflow, or a subnormal/zero result from
   * non-zero digits that is not exact).
   */
  static Parsed strtod(byte[] s, int from) {
    int n = s.length;
    int i = from;
    while (i < n && isSpace(s[i])) {
      i++;
    }
    int start = i;
    boolean negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
      negative = s[i] == '-';
      i++;
    }
    // inf / infinity / nan
    if (matchWord(s, i, "infinity")) {
      return new Parsed(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, i + 8, false);
    }
    if (matchWord(s, i, "inf")) {
      return new Parsed(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, i + 3, false);
    }
    if (matchWord(s, i, "nan")) {
      int j = i + 3;
      if (j < n && s[j] == '(') {
        int k = j + 1;
        while (k < n && (isAlnum(s[k]) || s[k] == '_')) {
          k++;
        }
        if (k < n && s[k] == ')') {
          j = k + 1;
        }
      }
      return new Parsed(Double.NaN, j, false);
    }
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
      Parsed hex = hex(s, i + 2, negative);
      if (hex != null) {
        return hex;
      }
      // "0x" without hex digits: the "0" alone is the number
      return new Parsed(negative ? -0.0 : 0.0, i + 1, false);
    }
    int digitsStart = i;
    int mantissaDigits = 0;
    boolean nonZero = false;
    while (i < n && isDigit(s[i])) {
      nonZero |= s[i] != '0';
      i++;
      mantissaDigits++;
    }
    if (i < n && s[i] == '.') {
      i++;
      while (i < n && isDigit(s[i])) {
        nonZero |= s[i] != '0';
        i++;
        mantissaDigits++;
      }
    }
    if (mantissaDigits == 0) {
      return new Parsed(0.0, from, false); // no conversion: endptr is the start
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      int j = i + 1;
      if (j < n && (s[j] == '+' || s[j] == '-')) {
        j++;
      }
      if (j < n && isDigit(s[j])) {
        while (j < n && isDigit(s[j])) {
          j++;
        }
        i = j;
      }
    }
    String text = new String(s, digitsStart, i - digitsStart, StandardCharsets.US_ASCII);
    double v = parseJava(text);
    boolean range = Double.isInfinite(v) || (nonZero && Math.abs(v) < Double.MIN_NORMAL
        && new java.math.BigDecimal(normalise(text)).compareTo(new java.math.BigDecimal(v)) != 0);
    return new Parsed(negative ? -v : v, i, range);
  }

  /** Java's correctly rounded decimal conversion (as glibc's strtod), for a validated text. */
  private static double parseJava(String text) {
    return Double.parseDouble(normalise(text));
  }

  /** A validated decimal text in the form Java's parsers take ("5." and ".5" get their zero). */
  private static String normalise(String text) {
    String t = text;
    int dot = t.indexOf('.');
    if (dot == 0) {
      t = "0" + t;
    }
    int e = indexOfExponent(t);
    String mant = e < 0 ? t : t.substring(0, e);
    if (mant.endsWith(".")) {
      t = mant + "0" + (e < 0 ? "" : t.substring(e));
    }
    return t;
  }

  private static int indexOfExponent(String t) {
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c == 'e' || c == 'E') {
        return k;
      }
    }
    return -1;
  }

  /** Hexadecimal float after "0x": null when no hex digit follows. */
  private static Parsed hex(byte[] s, int i, boolean negative) {
    int n = s.length;
    StringBuilder digits = new StringBuilder();
    int scale = 0; // binary exponent adjustment from fractional digits
    boolean any = false;
    while (i < n && hexValue(s[i]) >= 0) {
      digits.append((char) s[i]);
      i++;
      any = true;
    }
    if (i < n && s[i] == '.') {
      int j = i + 1;
      StringBuilder frac = new StringBuilder();
      while (j < n && hexValue(s[j]) >= 0) {
        frac.append((char) s[j]);
        j++;
      }
      if (any || frac.length() > 0) {
        digits.append(frac);
        scale -= 4 * frac.length();
        any = true;
        i = j;
      }
    }
    if (!any) {
      return null;
    }
    long exp = 0;
    if (i < n && (s[i] == 'p' || s[i] == 'P')) {
      int j = i + 1;
      boolean eneg = false;
      if (j < n && (s[j] == '+' || s[j] == '-')) {
        eneg = s[j] == '-';
        j++;
      }
      if (j < n && isDigit(s[j])) {
        while (j < n && isDigit(s[j])) {
          if (exp < 100000) {
            exp = exp * 10 + (s[j] - '0');
          }
          j++;
        }
        if (eneg) {
          exp = -exp;
        }
        i = j;
      }
    }
    java.math.BigInteger m = new java.math.BigInteger(digits.toString(), 16);
    double v;
    boolean range = false;
    if (m.signum() == 0) {
      v = 0;
    } else {
      long e2 = exp + scale;
      java.math.BigDecimal exact = new java.math.BigDecimal(m).multiply(
          e2 >= 0 ? new java.math.BigDecimal(java.math.BigInteger.TWO.pow((int) Math.min(e2, 5000)))
              : java.math.BigDecimal.ONE.divide(
                  new java.math.BigDecimal(java.math.BigInteger.TWO.pow((int) Math.min(-e2, 5000)))));
      v = exact.doubleValue();
      range = Double.isInfinite(v)
          || (Math.abs(v) < Double.MIN_NORMAL && exact.compareTo(new java.math.BigDecimal(v)) != 0);
    }
    return new Parsed(negative ? -v : v, i, range);
  }

  private static boolean matchWord(byte[] s, int i, String word) {
    if (i + word.length() > s.length) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if ((s[i + k] | 0x20) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    int c = b | 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isAlnum(byte b) {
    return isDigit(b) || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
  }

  static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
  }
}

package io.troupe.type.sort;

import java.util.Arrays;
import java.util.Comparator;

/**
 * SORT's plain-Java insides (no keyspace): reading a weight as C's strtod
 * reads it, the {@code *} / {@code ->} substitution of BY and GET patterns,
 * and the comparison rules of Redis's sortCompare. Used by
 * {@link SortCommands}.
 */
public final class SortType {
  private SortType() {}

  /** One element being sorted: the element, its numeric weight, or its BY value for ALPHA. */
  public static final class Item {
    final byte[] element;
    double score;
    byte[] cmp;

    Item(byte[] element) {
      this.element = element;
    }

    public byte[] element() {
      return element;
    }
  }

  /** A key named by a pattern, and the hash field after "->" (null for a plain string key). */
  public record PatternRef(byte[] key, byte[] field) {}

  /**
   * lookupKeyByPattern's name building: the first '*' of {@code pattern} is
   * replaced by {@code element}; a "->" after the '*' followed by at least
   * one character splits off a hash field. Null when the pattern has no '*'
   * (a fixed key is never looked up). The pattern "#" is the caller's.
   */
  public static PatternRef substitute(byte[] pattern, byte[] element) {
    int star = indexOf(pattern, (byte) '*', 0);
    if (star < 0) {
      return null;
    }
    int arrow = -1;
    for (int i = star + 1; i + 1 < pattern.length; i++) {
      if (pattern[i] == '-' && pattern[i + 1] == '>') {
        arrow = i;
        break;
      }
    }
    byte[] field = null;
    int keyEnd = pattern.length;
    if (arrow >= 0 && arrow + 2 < pattern.length) {
      field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
      keyEnd = arrow;
    }
    int postfix = keyEnd - star - 1;
    byte[] key = new byte[star + element.length + postfix];
    System.arraycopy(pattern, 0, key, 0, star);
    System.arraycopy(element, 0, key, star, element.length);
    System.arraycopy(pattern, star + 1, key, star + element.length, postfix);
    return new PatternRef(key, field);
  }

  /** True for the pattern "#" (GET # returns the element itself). */
  public static boolean isHash(byte[] pattern) {
    return pattern.length == 1 && pattern[0] == '#';
  }

  /** True when the pattern contains '*' (it names keys, other than the sorted one, to read). */
  public static boolean hasStar(byte[] pattern) {
    return indexOf(pattern, (byte) '*', 0) >= 0;
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  // ---- strtod ------------------------------------------------------------------------------

  /**
   * The weight SORT reads from a string: C's strtod over the whole value
   * (leading white space, sign, decimal or hexadecimal, inf/infinity; an
   * empty string reads as 0). Null when strtod would not consume the whole
   * value, overflow or underflow (ERANGE), or give NaN: "One or more scores
   * can't be converted into double".
   */
  public static Double parseScore(byte[] s) {
    int n = s.length;
    int i = 0;
    while (i < n && isSpace(s[i])) {
      i++;
    }
    if (i == n) {
      // No conversion: strtod leaves the end pointer at the start.
      return n == 0 ? 0.0 : null;
    }
    int start = i;
    boolean negative = false;
    if (s[i] == '+' || s[i] == '-') {
      negative = s[i] == '-';
      i++;
    }
    if (matchesWord(s, i, "infinity")) {
      return atEnd(s, i + 8) ? (negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : null;
    }
    if (matchesWord(s, i, "inf")) {
      return atEnd(s, i + 3) ? (negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : null;
    }
    if (matchesWord(s, i, "nan")) {
      return null;
    }
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')
        && (isHexDigit(s, i + 2) || (i + 3 < n && s[i + 2] == '.' && isHexDigit(s, i + 3)))) {
      return parseHex(s, i + 2, negative);
    }
    int digitsStart = i;
    int mantissaDigits = 0;
    boolean nonZero = false;
    while (i < n && isDigit(s[i])) {
      nonZero |= s[i] != '0';
      mantissaDigits++;
      i++;
    }
    if (i < n && s[i] == '.') {
      i++;
      while (i < n && isDigit(s[i])) {
        nonZero |= s[i] != '0';
        mantissaDigits++;
        i++;
      }
    }
    if (mantissaDigits == 0) {
      return null;
    }
    int numberEnd = i;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      int j = i + 1;
      if (j < n && (s[j] == '+' || s[j] == '-')) {
        j++;
      }
      if (j < n && isDigit(s[j])) {
        while (j < n && isDigit(s[j])) {
          j++;
        }
        numberEnd = j;
      }
    }
    if (!atEnd(s, numberEnd)) {
      return null;
    }
    String text = new String(s, digitsStart, numberEnd - digitsStart, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (text.startsWith(".")) {
      text = "0" + text;
    }
    double v = Double.parseDouble(text);
    if (Double.isInfinite(v) || (nonZero && v < Double.MIN_NORMAL
        && new java.math.BigDecimal(text).compareTo(new java.math.BigDecimal(v)) != 0)) {
      return null; // ERANGE: overflow, or an underflow that lost precision
    }
    assert start <= digitsStart;
    return negative ? -v : v;
  }

  private static Double parseHex(byte[] s, int i, boolean negative) {
    int n = s.length;
    StringBuilder sb = new StringBuilder("0x");
    boolean nonZero = false;
    while (i < n && isHexDigit(s, i)) {
      nonZero |= s[i] != '0';
      sb.append((char) s[i++]);
    }
    if (i < n && s[i] == '.') {
      sb.append('.');
      i++;
      while (i < n && isHexDigit(s, i)) {
        nonZero |= s[i] != '0';
        sb.append((char) s[i++]);
      }
    }
    int end = i;
    String exp = "p0";
    if (i < n && (s[i] == 'p' || s[i] == 'P')) {
      int j = i + 1;
      if (j < n && (s[j] == '+' || s[j] == '-')) {
        j++;
      }
      if (j < n && isDigit(s[j])) {
        while (j < n && isDigit(s[j])) {
          j++;
        }
        exp = "p" + new String(s, i + 1, j - i - 1, java.nio.charset.StandardCharsets.ISO_8859_1);
        end = j;
      }
    }
    if (!atEnd(s, end)) {
      return null;
    }
    String digits = sb.toString();
    double v;
    try {
      v = Double.parseDouble(digits + exp);
    } catch (NumberFormatException e) {
      return null;
    }
    if (Double.isInfinite(v) || (nonZero && v < Double.MIN_NORMAL && !exactHex(digits, exp, v))) {
      return null; // ERANGE
    }
    return negative ? -v : v;
  }

  /** True when the hexadecimal {@code digits} times 2^{@code exp} is exactly {@code v}. */
  private static boolean exactHex(String digits, String exp, double v) {
    String hex = digits.substring(2);
    int dot = hex.indexOf('.');
    int fraction = dot < 0 ? 0 : hex.length() - dot - 1;
    java.math.BigInteger mantissa = new java.math.BigInteger(hex.replace(".", ""), 16);
    long e2;
    try {
      e2 = Long.parseLong(exp.substring(1).replace("+", "")) - 4L * fraction;
    } catch (NumberFormatException overflow) {
      return false;
    }
    if (e2 < -20000 || e2 > 20000) {
      return false;
    }
    java.math.BigDecimal exact = new java.math.BigDecimal(mantissa);
    java.math.BigDecimal two = java.math.BigDecimal.valueOf(2);
    exact = e2 >= 0 ? exact.multiply(two.pow((int) e2))
        : exact.divide(two.pow((int) -e2));
    return exact.compareTo(new java.math.BigDecimal(v)) == 0;
  }

  /** The C string ends at {@code i}: the end of the value or a NUL byte. */
  private static boolean atEnd(byte[] s, int i) {
    return i >= s.length || s[i] == 0;
  }

  private static boolean matchesWord(byte[] s, int i, String word) {
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

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isHexDigit(byte[] s, int i) {
    if (i >= s.length) {
      return false;
    }
    byte b = s[i];
    return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  // ---- comparison --------------------------------------------------------------------------

  /** compareStringObjects: unsigned bytes, then length. */
  public static int compareBytes(byte[] a, byte[] b) {
    int c = Arrays.compareUnsigned(a, b);
    return Integer.signum(c);
  }

  /**
   * sortCompare's order. Numeric: by weight, equal weights by the elements'
   * bytes. ALPHA with BY: by the BY values, a missing one first; ALPHA
   * without BY: by the elements. Binary comparison throughout (strcoll in
   * the C locale). DESC reverses.
   */
  public static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean desc) {
    Comparator<Item> c;
    if (!alpha) {
      c = (x, y) -> {
        if (x.score > y.score) {
          return 1;
        }
        if (x.score < y.score) {
          return -1;
        }
        return compareBytes(x.element, y.element);
      };
    } else if (byPattern) {
      c = (x, y) -> {
        if (x.cmp == null || y.cmp == null) {
          return x.cmp == y.cmp ? 0 : x.cmp == null ? -1 : 1;
        }
        return compareBytes(x.cmp, y.cmp);
      };
    } else {
      c = (x, y) -> compareBytes(x.element, y.element);
    }
    return desc ? c.reversed() : c;
  }
}

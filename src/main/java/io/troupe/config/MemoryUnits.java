package io.troupe.config;

/**
 * Redis's memtoull: digits followed by an optional unit, b, k, kb, m, mb, g
 * or gb in any case (k = 1000, kb = 1024, ...). As in Redis, the digits may be
 * empty (the value is then 0) and a sign is not allowed.
 */
public final class MemoryUnits {
  private MemoryUnits() {}

  /** Bytes, or Long.MIN_VALUE when the text is not a memory value; Long.MAX_VALUE when too large. */
  public static long parse(String s) {
    int digits = 0;
    while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
      digits++;
    }
    long mul = switch (s.substring(digits).toLowerCase(java.util.Locale.ROOT)) {
      case "", "b" -> 1;
      case "k" -> 1000;
      case "kb" -> 1024;
      case "m" -> 1000L * 1000;
      case "mb" -> 1024L * 1024;
      case "g" -> 1000L * 1000 * 1000;
      case "gb" -> 1024L * 1024 * 1024;
      default -> 0;
    };
    if (mul == 0 || digits >= 128) {
      return Long.MIN_VALUE;
    }
    if (digits == 0) {
      return 0;
    }
    try {
      return Math.multiplyExact(Long.parseLong(s.substring(0, digits)), mul);
    } catch (NumberFormatException | ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}

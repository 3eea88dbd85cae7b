package io.troupe.config;

import java.util.Locale;

/** Redis's memtoull: "1gb", "100mb", "5k", plain bytes. */
public final class MemoryUnits {
  private MemoryUnits() {}

  /** Bytes, or Long.MIN_VALUE when the text is not a memory value. */
  public static long parse(String s) {
    String v = s.toLowerCase(Locale.ROOT);
    long mul = 1;
    String digits = v;
    String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
        {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
    for (String[] u : units) {
      if (v.endsWith(u[0])) {
        mul = Long.parseLong(u[1]);
        digits = v.substring(0, v.length() - u[0].length());
        break;
      }
    }
    try {
      long n = Long.parseLong(digits);
      return Math.multiplyExact(n, mul);
    } catch (NumberFormatException | ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }
}

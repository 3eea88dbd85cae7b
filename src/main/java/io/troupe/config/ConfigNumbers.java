package io.troupe.config;

/** Redis's strict integer parsing (util.c's string2ll), as config values use it. */
public final class ConfigNumbers {
  private ConfigNumbers() {}

  /**
   * The integer {@code s} spells, or null: an optional '-', then "0" or a
   * digit 1-9 followed by digits; no '+', no spaces, no leading zeros, within
   * the range of a long.
   */
  public static Long parseInteger(String s) {
    int n = s.length();
    if (n == 0 || n > 20) {
      return null;
    }
    if (s.equals("0")) {
      return 0L;
    }
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == n || s.charAt(i) < '1' || s.charAt(i) > '9') {
      return null;
    }
    for (int k = i + 1; k < n; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

package io.troupe.type.string;

import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;

/**
 * The string type's API: values are plain {@code byte[]}; this class holds the
 * number conversions Redis applies to them (string2ll, ll2string) and the
 * length limit of {@code proto-max-bulk-len}. Used by every string and bitmap
 * command.
 */
public final class StringType {
  private StringType() {}

  /**
   * Parses {@code s[from, to)} as a signed 64-bit decimal by Redis's string2ll
   * rules: no sign but '-', no leading zeros (except "0" itself), no spaces,
   * nothing after the digits, no overflow. Throws {@code error} when invalid.
   */
  public static long parseLong(byte[] s, int from, int to, String error) {
    int n = to - from;
    if (n <= 0) {
      throw new CommandException(error);
    }
    if (n == 1 && s[from] == '0') {
      return 0;
    }
    int i = from;
    boolean negative = s[i] == '-';
    if (negative && ++i == to) {
      throw new CommandException(error);
    }
    if (s[i] < '1' || s[i] > '9') {
      throw new CommandException(error);
    }
    // Accumulate negatively so that Long.MIN_VALUE is reachable.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multMin = limit / 10;
    long acc = 0;
    for (; i < to; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9 || acc < multMin) {
        throw new CommandException(error);
      }
      acc *= 10;
      if (acc < limit + d) {
        throw new CommandException(error);
      }
      acc -= d;
    }
    return negative ? acc : -acc;
  }

  /** The whole of {@code s} as a 64-bit integer; "ERR value is not an integer or out of range". */
  public static long parseLong(byte[] s) {
    return parseLong(s, 0, s.length, RespErrors.NOT_INTEGER);
  }

  /** Like {@link #parseLong(byte[])} with another error text. */
  public static long parseLong(byte[] s, String error) {
    return parseLong(s, 0, s.length, error);
  }

  /** The decimal text of {@code v}, as Redis stores the result of INCR. */
  public static byte[] format(long v) {
    return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
  }

  /** True when {@code a} equals {@code option} ignoring ASCII case (strcasecmp). */
  public static boolean is(byte[] a, String option) {
    if (a.length != option.length()) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      int c = a[i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      int o = option.charAt(i);
      if (o >= 'A' && o <= 'Z') {
        o += 'a' - 'A';
      }
      if (c != o) {
        return false;
      }
    }
    return true;
  }

  /**
   * checkStringLength: throws when a string of {@code size + append} bytes would
   * exceed {@code proto-max-bulk-len} (or overflow). Used by APPEND and SETRANGE.
   */
  public static void checkLength(long size, long append, long maxBulkLen) {
    long total = size + append;
    if (total > maxBulkLen || total < size || total < append) {
      throw new CommandException(RespErrors.STRING_TOO_LONG);
    }
  }
}

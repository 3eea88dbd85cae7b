package io.troupe.connection;

import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;

/** Argument parsing shared by the connection commands, with Redis's rules and error texts. */
final class Args {
  private Args() {}

  /**
   * Parses {@code arg} as Redis's string2ll does (optional '-', no '+', no
   * leading zeros or spaces, at most 20 characters, within a signed 64-bit
   * range); throws {@code error} otherwise.
   */
  static long parseLong(byte[] arg, String error) {
    int n = arg.length;
    if (n == 0 || n > 20) {
      throw new CommandException(error);
    }
    if (n == 1 && arg[0] == '0') {
      return 0;
    }
    boolean neg = arg[0] == '-';
    int i = neg ? 1 : 0;
    if (i >= n || arg[i] < '1' || arg[i] > '9') {
      throw new CommandException(error);
    }
    long v = 0; // accumulated negatively so Long.MIN_VALUE parses
    for (; i < n; i++) {
      int d = arg[i] - '0';
      if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
        throw new CommandException(error);
      }
      v = v * 10 - d;
    }
    if (!neg) {
      if (v == Long.MIN_VALUE) {
        throw new CommandException(error);
      }
      return -v;
    }
    return v;
  }

  /** Redis's getIntFromObjectOrReply: an integer within a signed 32-bit range. */
  static int parseInt(byte[] arg) {
    long v = parseLong(arg, RespErrors.NOT_INTEGER);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new CommandException(RespErrors.INT_OUT_OF_RANGE);
    }
    return (int) v;
  }

  static String text(byte[] arg) {
    return new String(arg, StandardCharsets.UTF_8);
  }

  static boolean is(byte[] arg, String word) {
    return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
  }
}

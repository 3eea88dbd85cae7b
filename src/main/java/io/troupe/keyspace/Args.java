package io.troupe.keyspace;

import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;

/**
 * Argument parsing with Redis's exact rules and error texts: integers as
 * string2ll reads them (no sign but '-', no leading zeros, no spaces),
 * ints as getIntFromObjectOrReply, and option keywords case-insensitively.
 */
public final class Args {
  private Args() {}

  /** True when {@code arg} spells {@code word} in any case (ASCII). */
  public static boolean is(byte[] arg, String word) {
    if (arg.length != word.length()) {
      return false;
    }
    for (int i = 0; i < arg.length; i++) {
      int a = arg[i];
      int w = word.charAt(i);
      if (a != w && !(Character.isLetter(w) && (a | 0x20) == (w | 0x20))) {
        return false;
      }
    }
    return true;
  }

  /** string2ll: the integer, or null when {@code arg} is not a valid 64-bit integer. */
  public static Long toLong(byte[] arg) {
    int n = arg.length;
    if (n == 0 || n > 20) {
      return null;
    }
    if (n == 1 && arg[0] == '0') {
      return 0L;
    }
    int i = 0;
    boolean negative = arg[0] == '-';
    if (negative) {
      i = 1;
      if (n == 1) {
        return null;
      }
    }
    if (arg[i] < '1' || arg[i] > '9') {
      return null;
    }
    // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multMin = limit / 10;
    long r = 0;
    for (; i < n; i++) {
      int d = arg[i] - '0';
      if (d < 0 || d > 9 || r < multMin) {
        return null;
      }
      r *= 10;
      if (r < limit + d) {
        return null;
      }
      r -= d;
    }
    return negative ? r : -r;
  }

  /** getLongLongFromObjectOrReply: the integer, or "ERR value is not an integer or out of range". */
  public static long parseLong(byte[] arg) {
    Long v = toLong(arg);
    if (v == null) {
      throw new CommandException(RespErrors.NOT_INTEGER);
    }
    return v;
  }

  /** getIntFromObjectOrReply without a custom message. */
  public static int parseInt(byte[] arg) {
    long v = parseLong(arg);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new CommandException(RespErrors.INT_OUT_OF_RANGE);
    }
    return (int) v;
  }

  /** getIntFromObjectOrReply with a message: {@code error} for any unparsable or out-of-int value. */
  public static int parseInt(byte[] arg, String error) {
    Long v = toLong(arg);
    if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new CommandException(error);
    }
    return (int) (long) v;
  }

  /**
   * SCAN's cursor as Redis reads it (strtoul, base 10, whole argument): an
   * unsigned 64-bit value; "-n" wraps around as in C, "" is 0. Throws
   * "ERR invalid cursor" otherwise.
   */
  public static long parseCursor(byte[] arg) {
    int n = arg.length;
    if (n == 0) {
      return 0;
    }
    if (isSpace(arg[0])) {
      throw new CommandException(RespErrors.INVALID_CURSOR);
    }
    int i = 0;
    boolean negative = false;
    if (arg[0] == '-' || arg[0] == '+') {
      negative = arg[0] == '-';
      i = 1;
    }
    if (i == n) {
      throw new CommandException(RespErrors.INVALID_CURSOR);
    }
    long v = 0;
    for (; i < n; i++) {
      int d = arg[i] - '0';
      if (d < 0 || d > 9) {
        throw new CommandException(RespErrors.INVALID_CURSOR);
      }
      // unsigned overflow check: v * 10 + d must stay below 2^64
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
        throw new CommandException(RespErrors.INVALID_CURSOR);
      }
      long next = v * 10 + d;
      if (Long.compareUnsigned(next, v * 10) < 0) {
        throw new CommandException(RespErrors.INVALID_CURSOR);
      }
      v = next;
    }
    return negative ? -v : v;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
  }

  /** The argument as text, byte per char (for messages). */
  public static String text(byte[] arg) {
    return new String(arg, StandardCharsets.ISO_8859_1);
  }
}

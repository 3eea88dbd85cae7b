package io.troupe.resp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Incremental RESP request parser: multibulk ({@code *N\r\n$len\r\n...}) and
 * inline commands (a line split as redis-cli and telnet send it, with
 * Redis's quoting rules). Fed one network read at a time; returns every
 * command completed by that read. Plain Java, one per connection.
 *
 * <p>Limits and errors are Redis's (networking.c): a multibulk count above
 * INT_MAX, a bulk length above {@code proto-max-bulk-len}, unauthenticated
 * clients limited to 10 arguments of 16 KiB, 64 KiB for an unterminated
 * inline line or length header, and the query-buffer limit, past which the
 * connection is closed without a reply. Only bytes of commands not complete
 * yet count against that limit, as only those stay in Redis's query buffer.
 * A large argument (32 KiB or more) is copied straight from the reads into
 * its own array, which grows as bytes arrive: a bare huge length costs
 * nothing, where Redis would allocate it up front.
 */
public final class RespDecoder {
  static final int INLINE_MAX = 64 * 1024;
  static final int UNAUTH_MAX_ARGS = 10;
  static final int UNAUTH_MAX_BULK = 16 * 1024;
  private static final int BIG_ARG = 32 * 1024;

  /** What one read produced: commands, then possibly a protocol error or an overflow. */
  public record Result(List<byte[][]> commands, String protocolError, boolean queryBufferExceeded) {
    public boolean mustClose() {
      return protocolError != null || queryBufferExceeded;
    }
  }

  /** The biggest bulk a Java array can hold; longer ones are refused as an invalid bulk length. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;
  /** A big argument's buffer starts at most this big and doubles as bytes arrive. */
  private static final int BIG_ARG_INITIAL = 1024 * 1024;

  private final LongSupplier maxBulkLen;
  private final LongSupplier queryBufferLimit;
  private boolean authenticated = true;

  private byte[] buf = new byte[16 * 1024];
  private int start;
  private int end;

  // multibulk in progress: argv[0, argIndex) are read, expectedArgs in all
  private byte[][] argv;
  private int argIndex;
  private int expectedArgs;
  /** Length of the bulk being read, or -1 while its "$len" header is awaited. */
  private long bulkLen = -1;
  /** Bytes (the CRLF after a big argument) still to be skipped. */
  private int skip;
  private byte[] bigArg;
  private int bigArgPos;
  /** Result of the last {@link #parseLong}. */
  private long parsed;

  public RespDecoder(long maxBulkLen, long queryBufferLimit) {
    this(() -> maxBulkLen, () -> queryBufferLimit);
  }

  /** Limits read at each use, so CONFIG SET proto-max-bulk-len applies to open connections. */
  public RespDecoder(LongSupplier maxBulkLen, LongSupplier queryBufferLimit) {
    this.maxBulkLen = maxBulkLen;
    this.queryBufferLimit = queryBufferLimit;
  }

  /** Unauthenticated clients get Redis's tighter limits on argument count and size. */
  public void setAuthenticated(boolean authenticated) {
    this.authenticated = authenticated;
  }

  /** Bytes held for commands not complete yet (what Redis counts against client-query-buffer-limit). */
  public long buffered() {
    return (end - start) + (bigArg != null ? bigArgPos : 0);
  }

  public Result decode(ByteBuffer chunk) {
    List<byte[][]> out = new ArrayList<>(4);
    while (chunk.hasRemaining()) {
      if (bigArg != null) {
        // A big argument's payload goes straight into its own array.
        int n = (int) Math.min(chunk.remaining(), bulkLen - bigArgPos);
        ensureBigArg(bigArgPos + n);
        chunk.get(bigArg, bigArgPos, n);
        bigArgPos += n;
        if (bigArgPos == bulkLen) {
          finishBigArg();
        } else if (buffered() > queryBufferLimit.getAsLong()) {
          return new Result(out, null, true);
        }
        continue;
      }
      append(chunk);
      String err = parse(out);
      if (err != null) {
        return new Result(out, err, false);
      }
      if (buffered() > queryBufferLimit.getAsLong()) {
        return new Result(out, null, true);
      }
    }
    return new Result(out, null, false);
  }

  private void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (end + n > buf.length) {
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + n));
      }
    }
    chunk.get(buf, end, n);
    end += n;
  }

  /**
   * Parses what is buffered, adding complete commands to {@code out}; returns
   * a protocol error text, or null. Follows networking.c's
   * processInlineBuffer/processMultibulkBuffer, including its C-string
   * searches: a NUL byte before the CR (headers) or LF (inline) hides it, so
   * the command waits (and eventually hits the 64 KiB limit).
   */
  private String parse(List<byte[][]> out) {
    while (true) {
      if (skip > 0) {
        int n = Math.min(skip, end - start);
        start += n;
        skip -= n;
        if (skip > 0) {
          break;
        }
      }
      if (argv == null) {
        if (start >= end) {
          break;
        }
        if (buf[start] == '*') {
          int cr = indexOfUntilNul((byte) '\r', start, end);
          if (cr < 0) {
            if (end - start > INLINE_MAX) {
              return "ERR Protocol error: too big mbulk count string";
            }
            break;
          }
          if (cr + 1 >= end) {
            break; // the LF is not here yet
          }
          if (!parseLong(start + 1, cr) || parsed > Integer.MAX_VALUE) {
            return "ERR Protocol error: invalid multibulk length";
          }
          if (parsed > UNAUTH_MAX_ARGS && !authenticated) {
            return "ERR Protocol error: unauthenticated multibulk length";
          }
          start = cr + 2;
          if (parsed <= 0) {
            continue; // "*0", "*-1": nothing to run
          }
          expectedArgs = (int) parsed;
          argv = new byte[Math.min(expectedArgs, 1024)][];
          argIndex = 0;
          bulkLen = -1;
        } else {
          int nl = indexOfUntilNul((byte) '\n', start, end);
          if (nl < 0) {
            if (end - start > INLINE_MAX) {
              return "ERR Protocol error: too big inline request";
            }
            break;
          }
          int lineEnd = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
          List<byte[]> args = splitArgs(buf, start, lineEnd);
          start = nl + 1;
          if (args == null) {
            return "ERR Protocol error: unbalanced quotes in request";
          }
          if (!args.isEmpty()) {
            out.add(args.toArray(new byte[0][]));
          }
        }
        continue;
      }
      // inside a multibulk
      if (argIndex == expectedArgs) {
        out.add(argv.length == argIndex ? argv : Arrays.copyOf(argv, argIndex));
        argv = null;
        continue;
      }
      if (bulkLen == -1) {
        if (start >= end) {
          break;
        }
        int cr = indexOfUntilNul((byte) '\r', start, end);
        if (cr < 0) {
          if (end - start > INLINE_MAX) {
            return "ERR Protocol error: too big bulk count string";
          }
          break;
        }
        if (cr + 1 >= end) {
          break;
        }
        if (buf[start] != '$') {
          return RespErrors.sanitize("ERR Protocol error: expected '$', got '" + (char) (buf[start] & 0xff) + "'");
        }
        if (!parseLong(start + 1, cr) || parsed < 0 || parsed > maxBulkLen.getAsLong() || parsed > MAX_ARRAY) {
          return "ERR Protocol error: invalid bulk length";
        }
        if (parsed > UNAUTH_MAX_BULK && !authenticated) {
          return "ERR Protocol error: unauthenticated bulk length";
        }
        start = cr + 2;
        bulkLen = parsed;
        if (bulkLen >= BIG_ARG) {
          // Big argument: one array, filled as the bytes arrive (decode() copies
          // later reads straight into it).
          bigArg = new byte[(int) Math.min(bulkLen, BIG_ARG_INITIAL)];
          int n = (int) Math.min(end - start, bulkLen);
          ensureBigArg(n);
          System.arraycopy(buf, start, bigArg, 0, n);
          start += n;
          bigArgPos = n;
          if (bigArgPos < bulkLen) {
            break;
          }
          finishBigArg();
          continue;
        }
      }
      if (end - start < bulkLen + 2) {
        break;
      }
      if (argIndex == argv.length) {
        argv = Arrays.copyOf(argv, (int) Math.min(expectedArgs, (long) argv.length * 2));
      }
      argv[argIndex++] = Arrays.copyOfRange(buf, start, start + (int) bulkLen);
      start += (int) bulkLen + 2; // Redis skips the two bytes after a bulk without checking them
      bulkLen = -1;
    }
    if (start == end) {
      start = 0;
      end = 0;
    }
    return null;
  }

  private void ensureBigArg(int size) {
    if (size > bigArg.length) {
      bigArg = Arrays.copyOf(bigArg, (int) Math.min(bulkLen, Math.max(size, (long) bigArg.length * 2)));
    }
  }

  private void finishBigArg() {
    if (argIndex == argv.length) {
      argv = Arrays.copyOf(argv, (int) Math.min(expectedArgs, (long) argv.length * 2));
    }
    argv[argIndex++] = bigArg;
    bigArg = null;
    bigArgPos = 0;
    bulkLen = -1;
    skip = 2; // the CRLF after the payload
  }

  /** First {@code b} in buf[from, to), or -1 if absent or after a NUL byte (C's strchr). */
  private int indexOfUntilNul(byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = buf[i];
      if (c == b) {
        return i;
      }
      if (c == 0) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Redis's string2ll over buf[from, to) into {@link #parsed}: optional '-',
   * no '+', no leading zeros (so "-0" is invalid), no spaces, within long's range.
   */
  private boolean parseLong(int from, int to) {
    int len = to - from;
    if (len <= 0 || len > 20) {
      return false;
    }
    if (len == 1 && buf[from] == '0') {
      parsed = 0;
      return true;
    }
    boolean neg = buf[from] == '-';
    int i = neg ? from + 1 : from;
    if (i >= to || buf[i] < '1' || buf[i] > '9') {
      return false;
    }
    long v = 0; // accumulated negatively, so Long.MIN_VALUE fits
    for (; i < to; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (v < (Long.MIN_VALUE + d) / 10) {
        return false;
      }
      v = v * 10 - d;
    }
    if (!neg) {
      if (v == Long.MIN_VALUE) {
        return false;
      }
      v = -v;
    }
    parsed = v;
    return true;
  }

  /**
   * Splits an inline command line as Redis's sdssplitargs does: whitespace
   * separated, "double quotes" with \n \r \t \b \a \\xHH escapes, 'single
   * quotes' with \' only; a closing quote must be followed by a space or
   * the end. Like the C function, it stops at a NUL byte. Returns null for
   * unbalanced quotes.
   */
  public static List<byte[]> splitArgs(byte[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s[i] == 0) {
        to = i; // a C string ends at NUL
        break;
      }
    }
    List<byte[]> args = new ArrayList<>();
    int p = from;
    while (true) {
      while (p < to && isSpace(s[p])) {
        p++;
      }
      if (p >= to) {
        return args;
      }
      ByteArrayOutputStream cur = new ByteArrayOutputStream();
      boolean inq = false;
      boolean insq = false;
      boolean done = false;
      while (!done) {
        if (inq) {
          if (p >= to) {
            return null;
          }
          if (s[p] == '\\' && p + 3 < to && s[p + 1] == 'x' && isHex(s[p + 2]) && isHex(s[p + 3])) {
            cur.write(hex(s[p + 2]) * 16 + hex(s[p + 3]));
            p += 3;
          } else if (s[p] == '\\' && p + 1 < to) {
            p++;
            byte c = s[p];
            cur.write(switch (c) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'a' -> 7;
              default -> c;
            });
          } else if (s[p] == '"') {
            if (p + 1 < to && !isSpace(s[p + 1])) {
              return null;
            }
            done = true;
          } else {
            cur.write(s[p]);
          }
        } else if (insq) {
          if (p >= to) {
            return null;
          }
          if (s[p] == '\\' && p + 1 < to && s[p + 1] == '\'') {
            p++;
            cur.write('\'');
          } else if (s[p] == '\'') {
            if (p + 1 < to && !isSpace(s[p + 1])) {
              return null;
            }
            done = true;
          } else {
            cur.write(s[p]);
          }
        } else {
          if (p >= to) {
            done = true;
          } else {
            byte c = s[p];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0) {
              done = true;
            } else if (c == '"') {
              inq = true;
            } else if (c == '\'') {
              insq = true;
            } else {
              cur.write(c);
            }
          }
        }
        if (p < to) {
          p++;
        }
      }
      args.add(cur.toByteArray());
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
  }

  private static boolean isHex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int hex(byte c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  }
}

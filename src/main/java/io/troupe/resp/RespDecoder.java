package io.troupe.resp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * connection is closed without a reply.
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

  private final java.util.function.LongSupplier maxBulkLen;
  private final java.util.function.LongSupplier queryBufferLimit;
  private boolean authenticated = true;

  private byte[] buf = new byte[16 * 1024];
  private int start;
  private int end;

  // multibulk in progress
  private byte[][] argv;
  private int argIndex;
  private long bulkLen = -1;
  private long pendingBytes;
  private byte[] bigArg;
  private int bigArgPos;

  public RespDecoder(long maxBulkLen, long queryBufferLimit) {
    this(() -> maxBulkLen, () -> queryBufferLimit);
  }

  /** Limits read at each use, so CONFIG SET proto-max-bulk-len applies to open connections. */
  public RespDecoder(java.util.function.LongSupplier maxBulkLen,
      java.util.function.LongSupplier queryBufferLimit) {
    this.maxBulkLen = maxBulkLen;
    this.queryBufferLimit = queryBufferLimit;
  }

  /** Unauthenticated clients get Redis's tighter limits on argument count and size. */
  public void setAuthenticated(boolean authenticated) {
    this.authenticated = authenticated;
  }

  public Result decode(ByteBuffer chunk) {
    List<byte[][]> out = new ArrayList<>(4);
    while (chunk.hasRemaining()) {
      if (bigArg != null) {
        int n = Math.min(chunk.remaining(), bigArgLen - bigArgPos);
        ensureBigArg(bigArgPos + n);
        chunk.get(bigArg, bigArgPos, n);
        bigArgPos += n;
        if (bigArgPos == bigArgLen) {
          argv[argIndex++] = bigArg;
          bigArg = null;
          bulkLen = -2; // the CRLF after the argument is still to be skipped
        }
        continue;
      }
      append(chunk);
      String err = parse(out);
      if (err != null) {
        return new Result(out, err, false);
      }
      if (pendingBytes + (end - start) > queryBufferLimit.getAsLong()) {
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

  /** Parses what is buffered; returns a protocol error text, or null. */
  private String parse(List<byte[][]> out) {
    while (start < end) {
      if (argv == null) {
        if (buf[start] == '*') {
          int cr = indexOf((byte) '\r', start, end);
          if (cr < 0) {
            return end - start > INLINE_MAX ? "ERR Protocol error: too big mbulk count string" : null;
          }
          long n = parseLong(start + 1, cr);
          if (n == Long.MIN_VALUE || n > Integer.MAX_VALUE) {
            return "ERR Protocol error: invalid multibulk length";
          }
          if (n > UNAUTH_MAX_ARGS && !authenticated) {
            return "ERR Protocol error: unauthenticated multibulk length";
          }
          if (cr + 2 > end) {
            return null; // wait for the LF, then re-parse the header
          }
          start = cr + 2;
          if (n <= 0) {
            continue;
          }
          // Grown as arguments arrive: a huge count costs nothing until sent.
          argv = new byte[(int) Math.min(n, 1024)][];
          expectedArgs = (int) n;
          argIndex = 0;
          bulkLen = -1;
          pendingBytes = 0;
        } else {
          int nl = indexOf((byte) '\n', start, end);
          if (nl < 0) {
            return end - start > INLINE_MAX ? "ERR Protocol error: too big inline request" : null;
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
      if (bulkLen == -2) {
        int skip = Math.min(2, end - start);
        start += skip;
        if (skip < 2) {
          bulkLen = -3; // one byte of the CRLF still to skip
          return null;
        }
        bulkLen = -1;
      } else if (bulkLen == -3) {
        start++;
        bulkLen = -1;
      }
      if (argIndex == expectedArgs) {
        emit(out);
        continue;
      }
      if (start >= end) {
        return null;
      }
      if (bulkLen == -1) {
        int cr = indexOf((byte) '\r', start, end);
        if (cr < 0) {
          return end - start > INLINE_MAX ? "ERR Protocol error: too big bulk count string" : null;
        }
        if (buf[start] != '$') {
          return "ERR Protocol error: expected '$', got '" + (char) (buf[start] & 0xff) + "'";
        }
        long n = parseLong(start + 1, cr);
        if (n == Long.MIN_VALUE || n < 0 || n > maxBulkLen.getAsLong()) {
          return "ERR Protocol error: invalid bulk length";
        }
        if (n > UNAUTH_MAX_BULK && !authenticated) {
          return "ERR Protocol error: unauthenticated bulk length";
        }
        if (cr + 2 > end) {
          return null; // wait for the LF, then re-parse the header
        }
        start = cr + 2;
        bulkLen = n;
      }
      if (argIndex == argv.length) {
        argv = Arrays.copyOf(argv, (int) Math.min((long) argv.length * 2, expectedArgs));
      }
      if (bulkLen >= BIG_ARG) {
        // Large argument: copied straight from the reads into its own array,
        // which grows with what has arrived (a bare huge length costs nothing).
        bigArgLen = (int) bulkLen;
        bigArg = new byte[(int) Math.min(bulkLen, BIG_ARG * 32L)];
        bigArgPos = 0;
        pendingBytes += bulkLen;
        int n = Math.min(end - start, bigArgLen);
        copyIntoBigArg(buf, start, n);
        start += n;
        if (bigArgPos == bigArgLen) {
          argv[argIndex++] = bigArg;
          bigArg = null;
          bulkLen = -2;
          continue;
        }
        return null;
      }
      if (end - start < bulkLen + 2) {
        return null;
      }
      argv[argIndex++] = Arrays.copyOfRange(buf, start, start + (int) bulkLen);
      pendingBytes += bulkLen;
      start += (int) bulkLen + 2; // Redis skips the two bytes without checking them
      bulkLen = -1;
    }
    if (argv != null && bulkLen == -1 && argIndex == expectedArgs) {
      emit(out);
    }
    if (start == end) {
      start = 0;
      end = 0;
    }
    return null;
  }

  private void emit(List<byte[][]> out) {
    out.add(argv.length == argIndex ? argv : Arrays.copyOf(argv, argIndex));
    argv = null;
    pendingBytes = 0;
  }

  private int expectedArgs;
  private int bigArgLen;

  private void copyIntoBigArg(byte[] src, int from, int n) {
    ensureBigArg(bigArgPos + n);
    System.arraycopy(src, from, bigArg, bigArgPos, n);
    bigArgPos += n;
  }

  private void ensureBigArg(int size) {
    if (size > bigArg.length) {
      bigArg = Arrays.copyOf(bigArg, (int) Math.min(bigArgLen, Math.max(size, 2L * bigArg.length)));
    }
  }

  private int indexOf(byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Redis's string2ll over buf[from, to): Long.MIN_VALUE when not a valid integer. */
  private long parseLong(int from, int to) {
    if (from >= to || to - from > 20) {
      return Long.MIN_VALUE;
    }
    boolean neg = buf[from] == '-';
    int i = neg ? from + 1 : from;
    if (i >= to) {
      return Long.MIN_VALUE;
    }
    if (buf[i] == '0' && to - i > 1) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; i < to; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return Long.MIN_VALUE;
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }

  /**
   * Splits an inline command line as Redis's sdssplitargs does: whitespace
   * separated, "double quotes" with \n \r \t \b \a \\xHH escapes, 'single
   * quotes' with \' only. Returns null for unbalanced quotes.
   */
  public static List<byte[]> splitArgs(byte[] s, int from, int to) {
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

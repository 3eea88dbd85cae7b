package io.troupe.persistence.aof;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the commands of an AOF file (RESP arrays of bulk strings, and
 * {@code #} annotation lines, which are skipped), keeping the offset just past
 * the last whole command, so a torn tail can be cut there.
 */
final class AofCommands {
  /** The file ends inside a command. */
  static final class Truncated extends IOException {
    Truncated() {
      super("short read");
    }
  }

  /** Something other than a command where one should start. */
  static final class BadFormat extends IOException {
    BadFormat() {
      super("bad format");
    }
  }

  private final InputStream in;
  private long offset;

  AofCommands(InputStream in, long startOffset) {
    this.in = in;
    this.offset = startOffset;
  }

  /** The offset of the next byte to read (after the last command returned). */
  long offset() {
    return offset;
  }

  /** The next command, or null at a clean end of file. */
  byte[][] next() throws IOException {
    int first;
    while (true) {
      first = in.read();
      if (first == -1) {
        return null;
      }
      offset++;
      if (first != '#') {
        break;
      }
      readLine(); // an annotation (aof-timestamp-enabled)
    }
    if (first != '*') {
      throw new BadFormat();
    }
    long n = parseNumber(readLine());
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new BadFormat();
    }
    byte[][] argv = new byte[(int) n][];
    for (int i = 0; i < n; i++) {
      int c = in.read();
      if (c == -1) {
        throw new Truncated();
      }
      offset++;
      if (c != '$') {
        throw new BadFormat();
      }
      long len = parseNumber(readLine());
      if (len < 0 || len > Integer.MAX_VALUE - 2) {
        throw new BadFormat();
      }
      byte[] arg;
      try {
        arg = in.readNBytes((int) len);
      } catch (EOFException e) {
        throw new Truncated();
      }
      if (arg.length < len) {
        throw new Truncated();
      }
      offset += len;
      int cr = in.read();
      int lf = cr == -1 ? -1 : in.read();
      if (cr == -1 || lf == -1) {
        throw new Truncated();
      }
      offset += 2;
      argv[i] = arg;
    }
    return argv;
  }

  /** A line up to CRLF (without it). */
  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c == -1) {
        throw new Truncated();
      }
      offset++;
      if (c == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      if (sb.length() > 64) {
        throw new BadFormat();
      }
      sb.append((char) c);
    }
  }

  private static long parseNumber(String s) throws BadFormat {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadFormat();
    }
  }
}

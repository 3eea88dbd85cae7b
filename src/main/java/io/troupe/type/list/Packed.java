package io.troupe.type.list;

import io.troupe.keyspace.Args;
import java.nio.charset.StandardCharsets;

/**
 * The entry format inside a list node's byte array, a listpack-like layout:
 * each entry is a header with its payload followed by a back-length, so a node
 * can be walked from either end without an object per element.
 *
 * <pre>
 *   header 0x00..0x7F   string of that many bytes (0..127), payload follows
 *   header 0x80..0xBF   the integer (header - 0x80), 0..63, no payload
 *   header 0xC1..0xC8   an integer in (header - 0xC0) bytes, little-endian two's complement
 *   header 0xF0         string, 4-byte big-endian length, payload follows
 *   back-length         the size of header + payload in 7-bit groups, most
 *                       significant first; every group but the first has bit 7
 *                       set, so it reads right to left from the entry's end
 * </pre>
 *
 * Values that are canonical 64-bit integers (string2ll round-trips them) are
 * stored as integers and read back as the same decimal text, as listpack does.
 */
final class Packed {
  private Packed() {}

  private static final int SMALL_STRING_MAX = 0x7F;
  private static final int IMMEDIATE_BASE = 0x80;
  private static final int IMMEDIATE_MAX = 63;
  private static final int INT_BASE = 0xC0;
  private static final int LARGE_STRING = 0xF0;

  /** A value ready to be stored or compared: its integer form when it has one, and its entry size. */
  static final class Probe {
    final byte[] bytes;
    final boolean isInt;
    final long intValue;
    /** Header + payload. */
    final int bodyLen;
    /** Header + payload + back-length: the bytes the entry takes in a node. */
    final int size;

    Probe(byte[] bytes) {
      this.bytes = bytes;
      Long v = Args.toLong(bytes);
      this.isInt = v != null;
      this.intValue = isInt ? v : 0;
      if (isInt) {
        bodyLen = intValue >= 0 && intValue <= IMMEDIATE_MAX ? 1 : 1 + intBytes(intValue);
      } else {
        bodyLen = (bytes.length <= SMALL_STRING_MAX ? 1 : 5) + bytes.length;
      }
      size = bodyLen + backLenSize(bodyLen);
    }
  }

  static Probe probe(byte[] value) {
    return new Probe(value);
  }

  /** Bytes needed to hold {@code v} as a little-endian two's complement integer (1..8). */
  static int intBytes(long v) {
    int n = 1;
    while (n < 8 && (v < -(1L << (8 * n - 1)) || v >= (1L << (8 * n - 1)))) {
      n++;
    }
    return n;
  }

  static int backLenSize(int bodyLen) {
    int n = 1;
    while (n < 5 && bodyLen >= (1 << (7 * n))) {
      n++;
    }
    return n;
  }

  /** Writes {@code p} at {@code pos}; returns the position after it. */
  static int write(byte[] buf, int pos, Probe p) {
    int start = pos;
    if (p.isInt) {
      long v = p.intValue;
      if (v >= 0 && v <= IMMEDIATE_MAX) {
        buf[pos++] = (byte) (IMMEDIATE_BASE + v);
      } else {
        int n = p.bodyLen - 1;
        buf[pos++] = (byte) (INT_BASE + n);
        for (int i = 0; i < n; i++) {
          buf[pos++] = (byte) (v >>> (8 * i));
        }
      }
    } else {
      int len = p.bytes.length;
      if (len <= SMALL_STRING_MAX) {
        buf[pos++] = (byte) len;
      } else {
        buf[pos++] = (byte) LARGE_STRING;
        buf[pos++] = (byte) (len >>> 24);
        buf[pos++] = (byte) (len >>> 16);
        buf[pos++] = (byte) (len >>> 8);
        buf[pos++] = (byte) len;
      }
      System.arraycopy(p.bytes, 0, buf, pos, len);
      pos += len;
    }
    int body = pos - start;
    int n = backLenSize(body);
    for (int i = n - 1; i >= 0; i--) {
      int group = (body >>> (7 * i)) & 0x7F;
      buf[pos++] = (byte) (i < n - 1 ? group | 0x80 : group);
    }
    return pos;
  }

  /** Header + payload size of the entry at {@code pos}. */
  static int bodyLen(byte[] buf, int pos) {
    int h = buf[pos] & 0xFF;
    if (h <= SMALL_STRING_MAX) {
      return 1 + h;
    }
    if (h < INT_BASE) {
      return 1;
    }
    if (h == LARGE_STRING) {
      return 5 + largeLen(buf, pos);
    }
    return 1 + (h - INT_BASE);
  }

  private static int largeLen(byte[] buf, int pos) {
    return ((buf[pos + 1] & 0xFF) << 24) | ((buf[pos + 2] & 0xFF) << 16)
        | ((buf[pos + 3] & 0xFF) << 8) | (buf[pos + 4] & 0xFF);
  }

  /** The whole size of the entry at {@code pos}. */
  static int entrySize(byte[] buf, int pos) {
    int body = bodyLen(buf, pos);
    return body + backLenSize(body);
  }

  /** The position after the entry at {@code pos}. */
  static int next(byte[] buf, int pos) {
    return pos + entrySize(buf, pos);
  }

  /** The start of the entry that ends (exclusive) at {@code end}, read through its back-length. */
  static int prev(byte[] buf, int end) {
    int p = end - 1;
    int b = buf[p] & 0xFF;
    int body = b & 0x7F;
    int shift = 7;
    int n = 1;
    while ((b & 0x80) != 0) {
      b = buf[--p] & 0xFF;
      body |= (b & 0x7F) << shift;
      shift += 7;
      n++;
    }
    return end - n - body;
  }

  /** True when the entry at {@code pos} holds an integer. */
  static boolean isInt(byte[] buf, int pos) {
    int h = buf[pos] & 0xFF;
    return h > SMALL_STRING_MAX && h != LARGE_STRING;
  }

  /** The integer held by the entry at {@code pos} (which {@link #isInt} says is one). */
  static long intValue(byte[] buf, int pos) {
    int h = buf[pos] & 0xFF;
    if (h < INT_BASE) {
      return h - IMMEDIATE_BASE;
    }
    int n = h - INT_BASE;
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (buf[pos + 1 + i] & 0xFFL) << (8 * i);
    }
    int unused = 64 - 8 * n;
    return unused == 0 ? v : (v << unused) >> unused;
  }

  /** The element stored at {@code pos}, as the bytes the client pushed. */
  static byte[] decode(byte[] buf, int pos) {
    if (isInt(buf, pos)) {
      return Long.toString(intValue(buf, pos)).getBytes(StandardCharsets.US_ASCII);
    }
    int h = buf[pos] & 0xFF;
    int len;
    int from;
    if (h == LARGE_STRING) {
      len = largeLen(buf, pos);
      from = pos + 5;
    } else {
      len = h;
      from = pos + 1;
    }
    byte[] out = new byte[len];
    System.arraycopy(buf, from, out, 0, len);
    return out;
  }

  /** True when the entry at {@code pos} equals the probed value. */
  static boolean matches(byte[] buf, int pos, Probe p) {
    if (isInt(buf, pos)) {
      return p.isInt && intValue(buf, pos) == p.intValue;
    }
    if (p.isInt) {
      return false; // a canonical integer is never stored as a string
    }
    int h = buf[pos] & 0xFF;
    int len;
    int from;
    if (h == LARGE_STRING) {
      len = largeLen(buf, pos);
      from = pos + 5;
    } else {
      len = h;
      from = pos + 1;
    }
    return len == p.bytes.length
        && java.util.Arrays.equals(buf, from, from + len, p.bytes, 0, len);
  }
}

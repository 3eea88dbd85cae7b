package io.troupe.persistence.rdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads RDB primitives (lengths, strings in every encoding, doubles, little-endian
 * integers) from a stream, keeping the CRC-64 of every byte consumed so far.
 * A short read is an {@link RdbException}; I/O failures pass through.
 */
public final class RdbInput {
  /** Strings longer than this are read in chunks of this size. */
  private static final int BIG_READ = 1 << 20;
  private final InputStream in;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  /** Bytes of {@code buf} before this index are already in {@link #crc}. */
  private int crcMark;
  private long crc;
  /** Stream offset of {@code buf[0]}. */
  private long bufOffset;

  public RdbInput(InputStream in) {
    this.in = in;
  }

  public static RdbInput of(byte[] bytes) {
    return new RdbInput(new ByteArrayInputStream(bytes));
  }

  /** Offset of the next byte to read. */
  public long offset() {
    return bufOffset + pos;
  }

  /** CRC-64 of every byte read so far. */
  public long crc() {
    crc = Crc64.update(crc, buf, crcMark, pos - crcMark);
    crcMark = pos;
    return crc;
  }

  private boolean fill() throws IOException {
    crc();
    bufOffset += limit;
    pos = 0;
    limit = 0;
    crcMark = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    limit = n;
    return true;
  }

  private RdbException truncated() {
    return new RdbException("Short read loading RDB: the file is truncated at offset " + offset());
  }

  /** True when no byte is left. */
  public boolean atEnd() throws IOException {
    return pos == limit && !fill();
  }

  public int readU8() throws IOException, RdbException {
    if (pos == limit && !fill()) {
      throw truncated();
    }
    return buf[pos++] & 0xff;
  }

  public void readFully(byte[] dst, int off, int len) throws IOException, RdbException {
    while (len > 0) {
      if (pos == limit && !fill()) {
        throw truncated();
      }
      int n = Math.min(len, limit - pos);
      System.arraycopy(buf, pos, dst, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  public byte[] readBytes(long len) throws IOException, RdbException {
    if (len < 0 || len > Integer.MAX_VALUE - 8) {
      throw new RdbException("RDB string or blob of " + len + " bytes is too long");
    }
    if (len <= BIG_READ) {
      byte[] b = new byte[(int) len];
      readFully(b, 0, b.length);
      return b;
    }
    // A corrupt or hostile length (a RESTORE payload of a few bytes claiming 2 GB) must
    // fail at the end of the input, not by allocating the claimed size up front.
    java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream(BIG_READ);
    byte[] chunk = new byte[BIG_READ];
    long left = len;
    while (left > 0) {
      int n = (int) Math.min(left, chunk.length);
      readFully(chunk, 0, n);
      chunks.write(chunk, 0, n);
      left -= n;
    }
    return chunks.toByteArray();
  }

  /** An unsigned little-endian integer of {@code n} bytes (n ≤ 8). */
  public long readLE(int n) throws IOException, RdbException {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) readU8() << (8 * i);
    }
    return v;
  }

  private long readBE(int n) throws IOException, RdbException {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | readU8();
    }
    return v;
  }

  /** A length; fails on an encoded (integer / LZF) form, which only strings may use. */
  public long readLen() throws IOException, RdbException {
    int first = readU8();
    if ((first >> 6) == Rdb.ENCVAL) {
      throw new RdbException("Unexpected encoded value where a length was expected at offset " + (offset() - 1));
    }
    return lenAfter(first);
  }

  private long lenAfter(int first) throws IOException, RdbException {
    switch (first >> 6) {
      case Rdb.LEN_6BIT:
        return first & 0x3f;
      case Rdb.LEN_14BIT:
        return ((first & 0x3f) << 8) | readU8();
      default:
        if (first == Rdb.LEN_32BIT) {
          return readBE(4);
        }
        if (first == Rdb.LEN_64BIT) {
          long v = readBE(8);
          if (v < 0) {
            throw new RdbException("RDB length " + Long.toUnsignedString(v) + " is out of range");
          }
          return v;
        }
        throw new RdbException("Unknown length encoding " + first + " at offset " + (offset() - 1));
    }
  }

  /** A string in any encoding: raw, int8/16/32 (as its decimal text) or LZF-compressed. */
  public byte[] readString() throws IOException, RdbException {
    int first = readU8();
    if ((first >> 6) != Rdb.ENCVAL) {
      return readBytes(lenAfter(first));
    }
    switch (first & 0x3f) {
      case Rdb.ENC_INT8:
        return ascii(Long.toString((byte) readU8()));
      case Rdb.ENC_INT16:
        return ascii(Long.toString((short) readLE(2)));
      case Rdb.ENC_INT32:
        return ascii(Long.toString((int) readLE(4)));
      case Rdb.ENC_LZF: {
        long clen = readLen();
        long len = readLen();
        // LZF expands at most ~132 times (a 2-3 byte back-reference copies up to 264 bytes).
        if (len > Integer.MAX_VALUE - 8 || len > clen * 150 + 64) {
          throw new RdbException("Invalid LZF compressed string: " + clen + " bytes cannot expand to " + len);
        }
        return Lzf.decompress(readBytes(clen), (int) len);
      }
      default:
        throw new RdbException("Unknown RDB string encoding type " + (first & 0x3f));
    }
  }

  /** A zset score in the old text form (RDB_TYPE_ZSET): length byte, or 253/254/255 for nan/inf/-inf. */
  public double readOldDouble() throws IOException, RdbException {
    int len = readU8();
    switch (len) {
      case 253: return Double.NaN;
      case 254: return Double.POSITIVE_INFINITY;
      case 255: return Double.NEGATIVE_INFINITY;
      default: {
        String s = new String(readBytes(len), StandardCharsets.US_ASCII);
        try {
          return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
          throw new RdbException("Invalid double in RDB: " + s);
        }
      }
    }
  }

  /** An 8-byte IEEE double, little-endian (RDB_TYPE_ZSET_2). */
  public double readBinaryDouble() throws IOException, RdbException {
    return Double.longBitsToDouble(readLE(8));
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

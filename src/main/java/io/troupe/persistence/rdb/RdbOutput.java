package io.troupe.persistence.rdb;

import io.troupe.keyspace.Args;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes RDB primitives to a stream through its own buffer, keeping the CRC-64
 * of every byte written. Strings take Redis's encodings: a short integer text
 * as int8/16/32, and with compression on a string longer than 20 bytes as LZF
 * when that saves at least 4 bytes (rdbSaveRawString's choices).
 */
public final class RdbOutput {
  private final OutputStream out;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private long crc;
  private long written;
  private final boolean compression;
  private final boolean keepCrc;

  public RdbOutput(OutputStream out, boolean compression) {
    this(out, compression, true);
  }

  /** {@code keepCrc} false: bytes meant for a larger stream that keeps its own CRC (snapshot parts). */
  RdbOutput(OutputStream out, boolean compression, boolean keepCrc) {
    this.out = out;
    this.compression = compression;
    this.keepCrc = keepCrc;
  }

  /** CRC-64 of every byte written so far. */
  public long crc() throws IOException {
    drain();
    return crc;
  }

  /** Bytes written so far. */
  public long size() {
    return written + pos;
  }

  private void drain() throws IOException {
    if (keepCrc) {
      crc = Crc64.update(crc, buf, 0, pos);
    }
    out.write(buf, 0, pos);
    written += pos;
    pos = 0;
  }

  public void flush() throws IOException {
    drain();
    out.flush();
  }

  public void writeU8(int b) throws IOException {
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = (byte) b;
  }

  public void writeBytes(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (pos == buf.length) {
        drain();
      }
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(b, off, buf, pos, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  public void writeBytes(byte[] b) throws IOException {
    writeBytes(b, 0, b.length);
  }

  /** {@code v} as {@code n} little-endian bytes. */
  public void writeLE(long v, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      writeU8((int) (v >>> (8 * i)));
    }
  }

  /** A length in the shortest of the 6-, 14-, 32- and 64-bit forms. */
  public void writeLen(long len) throws IOException {
    if (len < 1 << 6) {
      writeU8((int) len);
    } else if (len < 1 << 14) {
      writeU8((Rdb.LEN_14BIT << 6) | (int) (len >> 8));
      writeU8((int) len);
    } else if (len <= 0xFFFFFFFFL) {
      writeU8(Rdb.LEN_32BIT);
      for (int i = 3; i >= 0; i--) {
        writeU8((int) (len >>> (8 * i)));
      }
    } else {
      writeU8(Rdb.LEN_64BIT);
      for (int i = 7; i >= 0; i--) {
        writeU8((int) (len >>> (8 * i)));
      }
    }
  }

  /** A string, int-encoded or LZF-compressed when Redis would. */
  public void writeString(byte[] s) throws IOException {
    if (s.length <= 11) {
      Long v = Args.toLong(s);
      if (v != null && writeIntEncoded(v)) {
        return;
      }
    }
    if (compression && s.length > 20) {
      byte[] c = Lzf.compress(s);
      if (c != null) {
        writeU8((Rdb.ENCVAL << 6) | Rdb.ENC_LZF);
        writeLen(c.length);
        writeLen(s.length);
        writeBytes(c);
        return;
      }
    }
    writeRawString(s);
  }

  /** A string as length + bytes, never encoded (ziplists and listpacks inside values). */
  public void writeRawString(byte[] s) throws IOException {
    writeLen(s.length);
    writeBytes(s);
  }

  /** The integer {@code v} in the narrowest int encoding; false when it needs more than 32 bits. */
  public boolean writeIntEncoded(long v) throws IOException {
    if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      writeU8((Rdb.ENCVAL << 6) | Rdb.ENC_INT8);
      writeU8((int) v);
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      writeU8((Rdb.ENCVAL << 6) | Rdb.ENC_INT16);
      writeLE(v, 2);
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      writeU8((Rdb.ENCVAL << 6) | Rdb.ENC_INT32);
      writeLE(v, 4);
    } else {
      return false;
    }
    return true;
  }

  /** A string holding a decimal integer (aux fields such as ctime): int-encoded when it fits. */
  public void writeLongAsString(long v) throws IOException {
    if (!writeIntEncoded(v)) {
      writeRawString(RdbInput.ascii(Long.toString(v)));
    }
  }

  public void writeBinaryDouble(double d) throws IOException {
    writeLE(Double.doubleToRawLongBits(d), 8);
  }
}

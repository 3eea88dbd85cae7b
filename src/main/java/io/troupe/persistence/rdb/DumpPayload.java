package io.troupe.persistence.rdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The DUMP / RESTORE payload, byte-compatible with Redis: the RDB type byte
 * and the value as in an RDB file, then the RDB version (2 bytes, little-endian)
 * and the CRC-64 of everything before it (8 bytes, little-endian).
 * Corresponds to createDumpPayload / verifyDumpPayload of Redis's cluster.c.
 */
public final class DumpPayload {
  private DumpPayload() {}

  /** The payload DUMP returns for {@code value}; {@code compression} is rdbcompression. */
  public static byte[] create(Object value, boolean compression) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RdbOutput out = new RdbOutput(bytes, compression);
    try {
      out.writeU8(RdbValues.typeOf(value));
      RdbValues.write(out, value);
      out.writeLE(Rdb.VERSION, 2);
      long crc = out.crc();
      out.writeLE(crc, 8);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * True when the payload has a footer, an RDB version Troupe reads and (when
   * {@code checksum}, i.e. rdbchecksum) a matching CRC-64.
   */
  public static boolean verify(byte[] p, boolean checksum) {
    if (p.length < 10) {
      return false;
    }
    int footer = p.length - 10;
    int version = (p[footer] & 0xff) | (p[footer + 1] & 0xff) << 8;
    if (version > Rdb.VERSION) {
      return false;
    }
    if (!checksum) {
      return true;
    }
    long crc = Crc64.update(0, p, 0, p.length - 8);
    long stored = 0;
    for (int i = 0; i < 8; i++) {
      stored |= (long) (p[p.length - 8 + i] & 0xff) << (8 * i);
    }
    return crc == stored;
  }

  /**
   * The value of a verified payload, built with {@code limits}; fails on a
   * malformed value, an empty collection or a type Troupe lacks. As in Redis,
   * the value is read from the whole payload, footer included, and bytes
   * left over are not checked.
   */
  public static Object parse(byte[] p, ValueLimits limits) throws RdbException {
    RdbInput in = RdbInput.of(p);
    try {
      int type = in.readU8();
      Object value = RdbValues.read(in, type, limits);
      if (value == null) {
        throw new RdbException("Empty keys are not allowed in a DUMP payload");
      }
      return value;
    } catch (IOException e) {
      throw new RdbException(e.toString());
    }
  }
}

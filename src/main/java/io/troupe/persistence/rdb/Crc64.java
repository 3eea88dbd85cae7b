package io.troupe.persistence.rdb;

/**
 * The CRC-64 Redis puts at the end of RDB files and DUMP payloads: the "Jones"
 * polynomial 0xad93d23594c935a9, reflected input and output, initial value 0,
 * no final xor (crc64("123456789") = 0xe9c6d914c4b8d9ca). Table-driven, one
 * byte at a time; written from the parameters, not from Redis's crc64.c.
 */
public final class Crc64 {
  /** The polynomial with its bits reversed, for the reflected (LSB-first) form. */
  private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
  private static final long[] TABLE = new long[256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private Crc64() {}

  /** Continues {@code crc} over {@code b[off, off + len)}; start with 0. */
  public static long update(long crc, byte[] b, int off, int len) {
    long c = crc;
    for (int i = off, end = off + len; i < end; i++) {
      c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
    }
    return c;
  }

  /** The CRC-64 of all of {@code b}. */
  public static long of(byte[] b) {
    return update(0, b, 0, b.length);
  }
}

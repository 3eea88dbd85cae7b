package io.troupe.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc64Test {
  @Test
  void redisTestVector() {
    // Redis's crc64.c self-test: crc64(0, "123456789", 9) == 0xe9c6d914c4b8d9ca.
    assertEquals(0xe9c6d914c4b8d9caL, Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void incrementalEqualsOnePass() {
    String li = "This is a test of the emergency broadcast system. This is only a test. "
        + "If this had been an actual emergency, you would have been told what to do.";
    long crc = Crc64.of(li.getBytes(StandardCharsets.US_ASCII));
    // Incremental updates give the same result as one pass.
    byte[] b = li.getBytes(StandardCharsets.US_ASCII);
    long inc = 0;
    for (int i = 0; i < b.length; i += 7) {
      inc = Crc64.update(inc, b, i, Math.min(7, b.length - i));
    }
    assertEquals(crc, inc);
  }

  @Test
  void emptyIsZero() {
    assertEquals(0L, Crc64.of(new byte[0]));
  }

  @Test
  void matchesADumpPayloadFromRedis() {
    // DUMP of the string "12345" from redis-server 7.0.15: 00 c1 39 30 | 0a 00 | crc.
    byte[] p = {0x00, (byte) 0xc1, 0x39, 0x30, 0x0a, 0x00, (byte) 0x9d, (byte) 0x94, (byte) 0xea, 0x27,
        (byte) 0x93, (byte) 0xfc, 0x08, (byte) 0xb9};
    long stored = 0;
    for (int i = 0; i < 8; i++) {
      stored |= (long) (p[6 + i] & 0xff) << (8 * i);
    }
    assertEquals(stored, Crc64.update(0, p, 0, 6));
  }
}

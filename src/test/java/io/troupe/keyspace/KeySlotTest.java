package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** KeySlot.slot against CLUSTER KEYSLOT answers of a real Redis 7.0.15. */
class KeySlotTest {

  /** Keys as ISO-8859-1 text, i.e. one char per byte, so binary keys can be written as \\u00xx. */
  private static final Object[][] GOLDEN = {
      {"", 0},
      {"a", 15495},
      {"foo", 12182},
      {"bar", 5061},
      {"hello", 866},
      {"key:1", 6657},
      {"user:1000", 1649},
      {"123456789", 12739},
      {"{}", 15257},
      {"{user1000}.following", 3443},
      {"{user1000}.followers", 3443},
      {"user1000", 3443},
      {"foo{}{bar}", 8363},
      {"foo{{bar}}zap", 4015},
      {"{bar", 4015},
      {"foo{bar}{zap}", 5061},
      {"bar}", 6624},
      {"{}bar", 6479},
      {"}{bar}", 5061},
      {"{{}}", 4092},
      {"{a}", 15495},
      {"a{b}c", 3300},
      {"{", 4092},
      {"}", 12090},
      {"{}{x}", 3257},
      {"x{}y{z}", 15453},
      {"\u0000", 0},
      {"\u00ff\u00fe\u0000\u0001", 9169},
      {"\u0080{\u00ff}", 7920},
      {"{\u0000}", 0},
      {"caf\u00c3\u00a9", 5735},
      {"a".repeat(100), 5960},
      {"\r\n", 5910},
      {"{\r\n}tail", 5910},
  };

  @Test
  void matchesRedisClusterKeyslot() {
    for (Object[] row : GOLDEN) {
      byte[] key = ((String) row[0]).getBytes(StandardCharsets.ISO_8859_1);
      assertEquals(row[1], KeySlot.slot(key), () -> "slot of " + row[0]);
    }
  }

  @Test
  void crc16OfTheReferenceString() {
    // The CRC16/XMODEM check value, as in Redis Cluster's specification.
    byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x31C3, KeySlot.crc16(data, 0, data.length));
  }
}

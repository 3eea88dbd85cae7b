package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.JedisTestBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** OBJECT over TCP through Jedis; replies are those of a real Redis 7.0.15. */
class ObjectCommandsIT extends JedisTestBase {
  private Object object(String... args) {
    Object r = j.sendCommand(() -> "OBJECT".getBytes(StandardCharsets.US_ASCII), args);
    return r instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : r;
  }

  @Test
  void stringEncodings() {
    String[][] cases = {
        {"100", "int"}, {"-5", "int"}, {"9223372036854775807", "int"}, {"0123", "embstr"},
        {"12345678901234567890", "embstr"}, {" 12", "embstr"}, {"abc", "embstr"},
        {"x".repeat(44), "embstr"}, {"x".repeat(45), "raw"}};
    for (String[] c : cases) {
      j.set("k", c[0]);
      assertEquals(c[1], object("ENCODING", "k"), c[0]);
    }
    j.incr("counter");
    assertEquals("int", object("encoding", "counter"));
    assertNull(object("ENCODING", "missing"));
  }

  @Test
  void refcount() {
    j.set("n", "100");
    assertEquals(2147483647L, object("REFCOUNT", "n"));
    j.set("n", "10000");
    assertEquals(1L, object("REFCOUNT", "n"));
    j.set("n", "-5");
    assertEquals(1L, object("REFCOUNT", "n"));
    j.set("s", "hello");
    assertEquals(1L, object("REFCOUNT", "s"));
    assertNull(object("REFCOUNT", "missing"));
  }

  @Test
  void idletimeAndFreq() {
    j.set("k", "v");
    long idle = (Long) object("IDLETIME", "k");
    assertTrue(idle >= 0 && idle <= 1, "idle " + idle);
    assertNull(object("IDLETIME", "missing"));
    JedisDataException e = assertThrows(JedisDataException.class, () -> object("FREQ", "k"));
    assertEquals("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note"
        + " that when switching between policies at runtime LRU and LFU data will take some time to adjust.",
        e.getMessage());
    assertNull(object("FREQ", "missing"));
  }

  @Test
  void help() {
    @SuppressWarnings("unchecked")
    List<Object> lines = (List<Object>) j.sendCommand(() -> "OBJECT".getBytes(StandardCharsets.US_ASCII), "HELP");
    List<String> text = new ArrayList<>();
    for (Object o : lines) {
      text.add(new String((byte[]) o, StandardCharsets.ISO_8859_1));
    }
    assertEquals(15, text.size());
    assertEquals("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", text.get(0));
    assertEquals("    Prints this help.", text.get(14));
  }

  @Test
  void dispatcherErrors() {
    assertEquals("ERR unknown subcommand 'foo'. Try OBJECT HELP.",
        assertThrows(JedisDataException.class, () -> object("foo")).getMessage());
    assertEquals("ERR wrong number of arguments for 'object|encoding' command",
        assertThrows(JedisDataException.class, () -> object("encoding", "k", "extra")).getMessage());
  }
}

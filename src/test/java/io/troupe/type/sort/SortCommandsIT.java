package io.troupe.type.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.JedisTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SortingParams;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * SORT / SORT_RO over TCP through Jedis, as far as the types present in this
 * tree allow (strings only: lists, sets and sorted sets are sorted in
 * {@link SortTest}). Replies are those of a real Redis 7.0.15.
 */
class SortCommandsIT extends JedisTestBase {
  private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
  private String error(Runnable r) {
    return assertThrows(JedisDataException.class, r::run).getMessage();
  }

  @Test
  void missingKeySortsEmpty() {
    assertEquals(List.of(), j.sort("nokey"));
    assertEquals(List.of(), j.sortReadonly("nokey", new SortingParams().alpha().desc()));
    assertEquals(List.of(), j.sort("nokey", new SortingParams().by("w_*").get("#", "h_*->f").limit(0, 10)));
  }

  @Test
  void storeOfEmptyResultDeletesDestination() {
    // Keys chosen to live in different slots (and usually shards).
    for (String dst : new String[] {"dst", "other{x}", "a"}) {
      j.set(dst, "x");
      assertEquals(0, j.sort("nokey", dst));
      assertFalse(j.exists(dst));
      assertEquals(0, j.sort("nokey", new SortingParams().by("nosort"), dst));
    }
  }

  @Test
  void stringIsWrongType() {
    j.set("s", "v");
    assertEquals(WRONGTYPE, error(() -> j.sort("s")));
    assertEquals(WRONGTYPE, error(() -> j.sort("s", new SortingParams().by("w_*").get("#"))));
    assertEquals(WRONGTYPE, error(() -> j.sortReadonly("s", new SortingParams())));
    assertEquals(WRONGTYPE, error(() -> j.sort("s", "dst")));
  }

  @Test
  void syntaxErrors() {
    j.set("s", "v");
    assertEquals("ERR syntax error", error(() -> j.sendCommand(() -> "SORT".getBytes(), "s", "foo")));
    assertEquals("ERR syntax error", error(() -> j.sendCommand(() -> "SORT".getBytes(), "nokey", "limit", "1")));
    assertEquals("ERR syntax error", error(() -> j.sendCommand(() -> "SORT".getBytes(), "nokey", "get")));
    assertEquals("ERR syntax error",
        error(() -> j.sendCommand(() -> "SORT_RO".getBytes(), "nokey", "store", "d")));
    assertEquals("ERR value is not an integer or out of range",
        error(() -> j.sendCommand(() -> "SORT".getBytes(), "s", "limit", "a", "b")));
    assertEquals("ERR value is not an integer or out of range",
        error(() -> j.sendCommand(() -> "SORT".getBytes(), "s", "limit", "0", "x")));
    assertEquals("ERR wrong number of arguments for 'sort' command",
        error(() -> j.sendCommand(() -> "SORT".getBytes())));
  }
}

package io.troupe.type.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.JedisTestBase;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Hash commands over TCP through Jedis. Expected replies and error texts are
 * those of a real Redis 7.0.15 given the same commands (small hashes are
 * listpacks, so their reply order is insertion order there as here).
 */
class HashCommandsIT extends JedisTestBase {
  private static final String WRONGTYPE =
      "WRONGTYPE Operation against a key holding the wrong kind of value";
  @Test
  void setGetAndTheirErrors() {
    assertEquals(2L, cmd("HSET", "h", "a", "1", "b", "2"));
    assertEquals(1L, cmd("HSET", "h", "a", "10", "c", "3", "c", "4"));
    assertEquals("ERR wrong number of arguments for 'hset' command", err("HSET", "h", "a", "1", "b"));
    assertEquals("ERR wrong number of arguments for 'hset' command", err("HSET", "h", "a"));
    assertEquals("ERR wrong number of arguments for 'hmset' command", err("HMSET", "h", "a"));
    assertEquals("OK", cmd("HMSET", "h", "d", "5"));
    assertEquals(List.of("a", "10", "b", "2", "c", "4", "d", "5"), cmd("HGETALL", "h"));
    assertEquals("10", cmd("HGET", "h", "a"));
    assertNull(cmd("HGET", "h", "x"));
    assertNull(cmd("HGET", "nokey", "x"));
    assertEquals(Arrays.asList("2", null, "4"), cmd("HMGET", "h", "b", "x", "c"));
    assertEquals(Arrays.asList(null, null), cmd("HMGET", "nokey", "a", "b"));
    assertEquals(0L, cmd("HSETNX", "h", "a", "x"));
    assertEquals(1L, cmd("HSETNX", "h", "e", "x"));
    assertEquals(1L, cmd("HSETNX", "new", "f", "v"));
    assertEquals(List.of("f", "v"), cmd("HGETALL", "new"));
    assertEquals(List.of("a", "b", "c", "d", "e"), cmd("HKEYS", "h"));
    assertEquals(List.of("10", "2", "4", "5", "x"), cmd("HVALS", "h"));
    assertEquals(List.of(), cmd("HKEYS", "nokey"));
    assertEquals(List.of(), cmd("HVALS", "nokey"));
    assertEquals(List.of(), cmd("HGETALL", "nokey"));
    assertEquals(5L, cmd("HLEN", "h"));
    assertEquals(0L, cmd("HLEN", "nokey"));
    assertEquals(2L, cmd("HSTRLEN", "h", "a"));
    assertEquals(0L, cmd("HSTRLEN", "h", "x"));
    assertEquals(0L, cmd("HSTRLEN", "nokey", "x"));
    assertEquals(1L, cmd("HEXISTS", "h", "e"));
    assertEquals(0L, cmd("HEXISTS", "h", "x"));
    assertEquals(0L, cmd("HEXISTS", "nokey", "x"));
  }

  @Test
  void hdelDeletesTheEmptiedKey() {
    cmd("HSET", "d", "f1", "v1", "f2", "v2", "f3", "v3");
    assertEquals(2L, cmd("HDEL", "d", "f1", "f1", "nope", "f3"));
    assertEquals(List.of("f2", "v2"), cmd("HGETALL", "d"));
    assertEquals(0L, cmd("HDEL", "nokey", "a"));
    assertEquals(1L, cmd("HDEL", "d", "f2", "f9"));
    assertEquals(0L, cmd("EXISTS", "d"));
    assertEquals("none", cmd("TYPE", "d"));
  }

  @Test
  void wrongTypeEverywhere() {
    cmd("SET", "str", "x");
    for (String[] c : List.of(
        new String[] {"HSET", "str", "a", "1"}, new String[] {"HMSET", "str", "a", "1"},
        new String[] {"HSETNX", "str", "a", "1"}, new String[] {"HGET", "str", "a"},
        new String[] {"HMGET", "str", "a"}, new String[] {"HDEL", "str", "a"},
        new String[] {"HLEN", "str"}, new String[] {"HSTRLEN", "str", "a"},
        new String[] {"HEXISTS", "str", "a"}, new String[] {"HKEYS", "str"},
        new String[] {"HVALS", "str"}, new String[] {"HGETALL", "str"},
        new String[] {"HINCRBY", "str", "a", "1"}, new String[] {"HINCRBYFLOAT", "str", "a", "1"},
        new String[] {"HRANDFIELD", "str"}, new String[] {"HRANDFIELD", "str", "1"},
        new String[] {"HSCAN", "str", "0"})) {
      assertEquals(WRONGTYPE, err(c), String.join(" ", c));
    }
    assertEquals("x", cmd("GET", "str"));
    // argument errors come before the type check, as in Redis
    assertEquals("ERR value is not an integer or out of range", err("HRANDFIELD", "str", "x"));
    assertEquals("ERR invalid cursor", err("HSCAN", "str", "x"));
    assertEquals("ERR value is not an integer or out of range", err("HINCRBY", "str", "a", "x"));
    assertEquals("hash", cmd("TYPE", cmdKey("HSET", "hh")));
  }

  private String cmdKey(String c, String key) {
    cmd(c, key, "f", "v");
    return key;
  }

  @Test
  void hincrby() {
    cmd("HSET", "h", "s", "x", "big", "9223372036854775807", "neg", "-9223372036854775808",
        "lz", "01", "sp", " 1");
    assertEquals(-5L, cmd("HINCRBY", "h", "new", "-5"));
    assertEquals(5L, cmd("HINCRBY", "h", "new", "10"));
    assertEquals("ERR hash value is not an integer", err("HINCRBY", "h", "s", "1"));
    assertEquals("ERR hash value is not an integer", err("HINCRBY", "h", "lz", "1"));
    assertEquals("ERR hash value is not an integer", err("HINCRBY", "h", "sp", "1"));
    assertEquals("ERR value is not an integer or out of range", err("HINCRBY", "h", "new", "x"));
    assertEquals("ERR value is not an integer or out of range",
        err("HINCRBY", "h", "new", "9999999999999999999"));
    assertEquals("ERR increment or decrement would overflow", err("HINCRBY", "h", "big", "1"));
    assertEquals("ERR increment or decrement would overflow", err("HINCRBY", "h", "neg", "-1"));
    assertEquals(-9223372036854775808L, cmd("HINCRBY", "h", "neg", "0"));
    assertEquals(9223372036854775807L, cmd("HINCRBY", "h", "big", "0"));
    assertEquals(1L, cmd("HINCRBY", "fresh", "f", "1"));
    assertEquals("9223372036854775807", cmd("HGET", "h", "big"));
  }

  @Test
  void hincrbyfloat() {
    cmd("HSET", "h", "s", "x", "c", "1.5", "lz", "01", "n", "1e4930");
    assertEquals("3000", cmd("HINCRBYFLOAT", "h", "new", "3.0e3"));
    assertEquals("3016", cmd("HINCRBYFLOAT", "h", "new", "0x10"));
    assertEquals("2", cmd("HINCRBYFLOAT", "h", "lz", "1"));
    assertEquals("ERR hash value is not a float", err("HINCRBYFLOAT", "h", "s", "1"));
    assertEquals("ERR value is not a valid float", err("HINCRBYFLOAT", "h", "c", "x"));
    assertEquals("ERR value is not a valid float", err("HINCRBYFLOAT", "h", "c", "1e5000"));
    assertEquals("ERR value is NaN or Infinity", err("HINCRBYFLOAT", "h", "c", "inf"));
    assertEquals("ERR value is NaN or Infinity", err("HINCRBYFLOAT", "h", "c", "-inf"));
    assertEquals("ERR value is not a valid float", err("HINCRBYFLOAT", "h", "c", "nan"));
    assertEquals("ERR increment would produce NaN or Infinity",
        err("HINCRBYFLOAT", "h", "n", "1.18e4932"));
    assertEquals("ERR value is not a valid float", err("HINCRBYFLOAT", "h", "n", "1.2e4932"));
    assertEquals("1e4930", cmd("HGET", "h", "n"));
    assertEquals("1.5", cmd("HGET", "h", "c"));
    assertEquals("1.6", cmd("HINCRBYFLOAT", "h", "c", "0.1"));
    assertEquals("0", cmd("HINCRBYFLOAT", "e", "f", "0"));
    assertEquals("0.00000000000000005", cmd("HINCRBYFLOAT", "e", "f", "5.0e-17"));
    assertEquals("99999999999999999996685879655845645660560099847415567207797047994921734868838061872100"
        + "126921888539320446747225054013223152134749593960583597420814430196418767959100019603190"
        + "778663109604507106667939153395788938914560543563061268364901618630217086589253444881623"
        + "791300855757318142424510452728255046343928578048",
        cmd("HINCRBYFLOAT", "big", "f", "1e308"));
  }

  @Test
  void hrandfield() {
    cmd("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertTrue(List.of("a", "b", "c").contains((String) cmd("HRANDFIELD", "h")));
    assertNull(cmd("HRANDFIELD", "nokey"));
    assertEquals(List.of(), cmd("HRANDFIELD", "nokey", "3"));
    assertEquals(List.of(), cmd("HRANDFIELD", "nokey", "3", "WITHVALUES"));
    assertEquals(List.of(), cmd("HRANDFIELD", "h", "0"));
    assertEquals(List.of(), cmd("HRANDFIELD", "h", "0", "withvalues"));
    // a count at least the size gives the whole hash, in its order
    assertEquals(List.of("a", "b", "c"), cmd("HRANDFIELD", "h", "3"));
    assertEquals(List.of("a", "1", "b", "2", "c", "3"), cmd("HRANDFIELD", "h", "100", "WITHVALUES"));
    @SuppressWarnings("unchecked")
    List<String> two = (List<String>) cmd("HRANDFIELD", "h", "2");
    assertEquals(2, two.size());
    assertEquals(2, new HashSet<>(two).size());
    @SuppressWarnings("unchecked")
    List<String> many = (List<String>) cmd("HRANDFIELD", "h", "-20", "WITHVALUES");
    assertEquals(40, many.size());
    Map<String, String> h = Map.of("a", "1", "b", "2", "c", "3");
    for (int i = 0; i < 40; i += 2) {
      assertEquals(h.get(many.get(i)), many.get(i + 1));
    }
    assertEquals(3, new HashSet<>(((List<?>) cmd("HRANDFIELD", "h", "-200"))).size());
    assertEquals("ERR syntax error", err("HRANDFIELD", "h", "1", "foo"));
    assertEquals("ERR syntax error", err("HRANDFIELD", "h", "2", "withvalues", "x"));
    assertEquals("ERR value is not an integer or out of range", err("HRANDFIELD", "h", "x"));
    assertEquals("ERR value is out of range, value must between -9223372036854775807 and "
        + "9223372036854775807", err("HRANDFIELD", "h", "-9223372036854775808"));
    assertEquals("ERR value is out of range", err("HRANDFIELD", "h", "-4611686018427387904", "withvalues"));
    assertEquals("ERR value is out of range", err("HRANDFIELD", "h", "4611686018427387904", "withvalues"));
    assertEquals(6, ((List<?>) cmd("HRANDFIELD", "h", "4611686018427387903", "withvalues")).size());
    // Redis tries to build such a reply and runs out of memory; Troupe refuses it
    assertEquals("ERR value is out of range", err("HRANDFIELD", "h", "-9223372036854775807"));
    assertEquals("ERR value is out of range", err("HRANDFIELD", "h", "-16777217", "withvalues"));
    // larger hashes (hashtable): distinct picks of every size
    for (int i = 0; i < 1000; i++) {
      cmd("HSET", "big", "f" + i, "v" + i);
    }
    for (String count : new String[] {"1", "10", "400", "999", "1000", "5000"}) {
      List<?> got = (List<?>) cmd("HRANDFIELD", "big", count);
      int expected = Math.min(1000, Integer.parseInt(count));
      assertEquals(expected, got.size());
      assertEquals(expected, new HashSet<>(got).size());
    }
  }

  @Test
  void hscanSmallHashesInOneCall() {
    cmd("HSET", "h", "a", "1", "b", "x", "ab", "2");
    assertEquals(List.of("0", List.of("a", "1", "b", "x", "ab", "2")), cmd("HSCAN", "h", "0"));
    assertEquals(List.of("0", List.of("a", "1", "ab", "2")), cmd("HSCAN", "h", "0", "MATCH", "a*", "COUNT", "1"));
    assertEquals(List.of("0", List.of("a", "1", "b", "x", "ab", "2")), cmd("HSCAN", "h", "-1", "match", "*"));
    assertEquals(List.of("0", List.of()), cmd("HSCAN", "nokey", "0"));
    // a missing key answers before the options are looked at, as in Redis
    assertEquals(List.of("0", List.of()), cmd("HSCAN", "nokey", "0", "COUNT", "0"));
    assertEquals("ERR syntax error", err("HSCAN", "h", "0", "COUNT", "0"));
    assertEquals("ERR syntax error", err("HSCAN", "h", "0", "COUNT", "1", "COUNT", "0"));
    assertEquals("ERR value is not an integer or out of range", err("HSCAN", "h", "0", "COUNT", "x"));
    assertEquals("ERR syntax error", err("HSCAN", "h", "0", "MATCH"));
    assertEquals("ERR syntax error", err("HSCAN", "h", "0", "foo", "bar"));
    assertEquals("ERR syntax error", err("HSCAN", "h", "0", "TYPE", "string"));
    assertEquals("ERR invalid cursor", err("HSCAN", "h", "x"));
    assertEquals("ERR invalid cursor", err("HSCAN", "nokey", "x"));
    assertEquals("ERR invalid cursor", err("HSCAN", "h", "18446744073709551616"));
  }

  /** Redis's guarantee: a field present for the whole iteration is returned, whatever is added or removed. */
  @Test
  void hscanGuaranteeUnderConcurrentAddsAndRemoves() {
    int stable = 600;
    for (int i = 0; i < stable; i += 100) {
      String[] args = new String[2 + 200];
      args[0] = "HSET";
      args[1] = "big";
      for (int k = 0; k < 100; k++) {
        args[2 + 2 * k] = "s" + (i + k);
        args[3 + 2 * k] = "v" + (i + k);
      }
      cmd(args);
    }
    Random r = new Random(1);
    Map<String, String> seen = new HashMap<>();
    String cursor = "0";
    int calls = 0;
    do {
      List<?> reply = (List<?>) cmd("HSCAN", "big", cursor, "COUNT", "20");
      cursor = (String) reply.get(0);
      List<?> kv = (List<?>) reply.get(1);
      for (int i = 0; i < kv.size(); i += 2) {
        seen.put((String) kv.get(i), (String) kv.get(i + 1));
      }
      // churn: grows the table to several times its size, then shrinks it
      boolean grow = calls % 8 < 4;
      for (int i = 0; i < 150; i++) {
        String f = "c" + r.nextInt(2000);
        if (grow) {
          cmd("HSET", "big", f, "x");
        } else {
          cmd("HDEL", "big", f);
        }
      }
      calls++;
    } while (!cursor.equals("0"));
    for (int i = 0; i < stable; i++) {
      assertEquals("v" + i, seen.get("s" + i), "s" + i);
    }
    assertTrue(calls > 5, "the scan took several calls");
  }

  @Test
  void failedCommandsLeaveNoKeyBehind() {
    assertEquals("ERR value is NaN or Infinity", err("HINCRBYFLOAT", "k", "f", "inf"));
    assertEquals("ERR value is not an integer or out of range", err("HINCRBY", "k", "f", "x"));
    assertEquals("ERR wrong number of arguments for 'hset' command", err("HSET", "k", "f", "v", "g"));
    assertEquals(0L, cmd("EXISTS", "k"));
    Set<String> none = new HashSet<>();
    assertEquals(none, new HashSet<>((List<?>) cmd("KEYS", "*")));
  }
}

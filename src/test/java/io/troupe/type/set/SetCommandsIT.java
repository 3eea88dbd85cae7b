package io.troupe.type.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.JedisTestBase;
import io.troupe.keyspace.SlotMap;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Set commands over TCP through Jedis. Expected replies and error texts are
 * those of a real Redis 7.0.15 given the same commands. All-integer sets are
 * intsets, so their replies come in ascending order here as there; other
 * replies are compared as sets.
 */
class SetCommandsIT extends JedisTestBase {
  private static final String WRONGTYPE =
      "WRONGTYPE Operation against a key holding the wrong kind of value";
  private static final SlotMap TWO_SHARDS = SlotMap.evenlySplit(2);
  private Set<Object> set(String... args) {
    return new HashSet<>((List<?>) cmd(args));
  }

  private static int shard(String key) {
    return TWO_SHARDS.shardOfKey(key.getBytes(StandardCharsets.US_ASCII));
  }

  /** A key named {@code prefix<n>} on the other shard than {@code key} (of a two-shard node). */
  private static String onOtherShard(String key, String prefix) {
    for (int i = 0; ; i++) {
      if (shard(prefix + i) != shard(key)) {
        return prefix + i;
      }
    }
  }

  @Test
  void addRemoveMembership() {
    assertEquals(4L, cmd("SADD", "s", "3", "1", "2", "a"));
    assertEquals(1L, cmd("SADD", "s", "a", "b", "b"));
    assertEquals(Set.of("1", "2", "3", "a", "b"), set("SMEMBERS", "s"));
    assertEquals(5L, cmd("SCARD", "s"));
    assertEquals(0L, cmd("SCARD", "nokey"));
    assertEquals(1L, cmd("SISMEMBER", "s", "a"));
    assertEquals(1L, cmd("SISMEMBER", "s", "1"));
    assertEquals(0L, cmd("SISMEMBER", "s", "x"));
    assertEquals(0L, cmd("SISMEMBER", "nokey", "x"));
    assertEquals(List.of(1L, 0L, 1L), cmd("SMISMEMBER", "s", "a", "x", "3"));
    assertEquals(List.of(0L), cmd("SMISMEMBER", "nokey", "a"));
    assertEquals(2L, cmd("SREM", "s", "a", "nope", "1", "a"));
    assertEquals(0L, cmd("SREM", "nokey", "a"));
    assertEquals(3L, cmd("SREM", "s", "2", "3", "b", "x"));
    assertEquals(0L, cmd("EXISTS", "s"));
    assertEquals(List.of(), cmd("SMEMBERS", "nokey"));
  }

  @Test
  void intsetsReplyInAscendingOrder() {
    cmd("SADD", "n", "5", "3", "1", "-7", "100000", "-100000", "9999999999");
    assertEquals(List.of("-100000", "-7", "1", "3", "5", "100000", "9999999999"), cmd("SMEMBERS", "n"));
    assertEquals(List.of("-100000", "-7", "1", "3", "5", "100000", "9999999999"), cmd("SRANDMEMBER", "n", "100"));
    assertEquals(List.of("0", List.of("-100000", "-7", "1", "3", "5", "100000", "9999999999")),
        cmd("SSCAN", "n", "0", "COUNT", "1"));
    cmd("SADD", "u1", "5", "1", "3");
    cmd("SADD", "u2", "4", "2", "3");
    assertEquals(List.of("1", "2", "3", "4", "5"), cmd("SUNION", "u1", "u2"));
    assertEquals(List.of("3"), cmd("SINTER", "u1", "u2"));
    assertEquals(List.of("1", "5"), cmd("SDIFF", "u1", "u2"));
    assertEquals(List.of("2", "4"), cmd("SDIFF", "u2", "u1"));
    assertEquals(List.of("-100000", "-7", "1", "3", "5", "100000", "9999999999"), cmd("SPOP", "n", "100"));
    assertEquals(0L, cmd("EXISTS", "n"));
  }

  @Test
  void spopAndSrandmember() {
    cmd("SADD", "s", "a", "b", "c", "d");
    Set<String> all = Set.of("a", "b", "c", "d");
    assertTrue(all.contains((String) cmd("SRANDMEMBER", "s")));
    assertNull(cmd("SRANDMEMBER", "nokey"));
    assertEquals(List.of(), cmd("SRANDMEMBER", "nokey", "3"));
    assertEquals(List.of(), cmd("SRANDMEMBER", "nokey", "-3"));
    assertEquals(List.of(), cmd("SRANDMEMBER", "s", "0"));
    List<?> two = (List<?>) cmd("SRANDMEMBER", "s", "2");
    assertEquals(2, new HashSet<>(two).size());
    assertTrue(all.containsAll(two));
    List<?> repeats = (List<?>) cmd("SRANDMEMBER", "s", "-50");
    assertEquals(50, repeats.size());
    assertTrue(all.containsAll(repeats));
    assertEquals(all, set("SRANDMEMBER", "s", "9"));
    assertEquals("ERR value is out of range, value must between -9223372036854775807 and "
        + "9223372036854775807", err("SRANDMEMBER", "s", "-9223372036854775808"));
    assertEquals("ERR syntax error", err("SRANDMEMBER", "s", "-9223372036854775807", "x"));
    assertEquals("ERR value is not an integer or out of range", err("SRANDMEMBER", "s", "x"));
    // Redis tries to build such a reply and runs out of memory; Troupe refuses it
    assertEquals("ERR value is out of range", err("SRANDMEMBER", "s", "-9223372036854775807"));
    assertEquals(100_000, ((List<?>) cmd("SRANDMEMBER", "s", "-100000")).size());

    assertEquals("ERR value is out of range, must be positive", err("SPOP", "s", "-1"));
    assertEquals("ERR value is out of range, must be positive", err("SPOP", "s", "x"));
    assertEquals("ERR syntax error", err("SPOP", "s", "1", "2"));
    assertEquals(List.of(), cmd("SPOP", "s", "0"));
    assertNull(cmd("SPOP", "nokey"));
    assertEquals(List.of(), cmd("SPOP", "nokey", "3"));
    String one = (String) cmd("SPOP", "s");
    assertTrue(all.contains(one));
    List<?> popped = (List<?>) cmd("SPOP", "s", "2");
    assertEquals(2, new HashSet<>(popped).size());
    assertTrue(!popped.contains(one));
    assertEquals(1L, cmd("SCARD", "s"));
    Set<Object> rest = set("SPOP", "s", "9223372036854775807");
    assertEquals(1, rest.size());
    assertEquals(0L, cmd("EXISTS", "s"));
    // a big hashtable set, popped down to nothing
    for (int i = 0; i < 2000; i += 500) {
      String[] args = new String[502];
      args[0] = "SADD";
      args[1] = "big";
      for (int k = 0; k < 500; k++) {
        args[2 + k] = "m" + (i + k);
      }
      cmd(args);
    }
    Set<Object> seen = new HashSet<>();
    seen.addAll((List<?>) cmd("SPOP", "big", "700"));
    seen.addAll((List<?>) cmd("SPOP", "big", "700"));
    seen.addAll((List<?>) cmd("SPOP", "big", "700"));
    assertEquals(2000, seen.size());
    assertEquals(0L, cmd("EXISTS", "big"));
  }

  @Test
  void wrongTypeEverywhere() {
    cmd("SET", "str", "x");
    cmd("SADD", "s", "1");
    for (String[] c : List.of(
        new String[] {"SADD", "str", "a"}, new String[] {"SREM", "str", "a"},
        new String[] {"SISMEMBER", "str", "a"}, new String[] {"SMISMEMBER", "str", "a"},
        new String[] {"SCARD", "str"}, new String[] {"SMEMBERS", "str"},
        new String[] {"SPOP", "str"}, new String[] {"SPOP", "str", "2"},
        new String[] {"SRANDMEMBER", "str"}, new String[] {"SRANDMEMBER", "str", "2"},
        new String[] {"SMOVE", "str", "s", "1"}, new String[] {"SMOVE", "s", "str", "1"},
        new String[] {"SINTER", "nokey", "str"}, new String[] {"SUNION", "nokey", "str"},
        new String[] {"SDIFF", "nokey", "str"}, new String[] {"SINTERCARD", "2", "nokey", "str"},
        new String[] {"SINTERSTORE", "d", "nokey", "str"}, new String[] {"SUNIONSTORE", "d", "s", "str"},
        new String[] {"SDIFFSTORE", "d", "s", "str"}, new String[] {"SSCAN", "str", "0"})) {
      assertEquals(WRONGTYPE, err(c), String.join(" ", c));
    }
    assertEquals("x", cmd("GET", "str"));
    assertEquals(List.of("1"), cmd("SMEMBERS", "s"));
    assertEquals(0L, cmd("EXISTS", "d"));
    // a missing source answers 0 before the destination's type is looked at
    assertEquals(0L, cmd("SMOVE", "nokey", "str", "1"));
  }

  @Test
  void smove() {
    cmd("SADD", "s", "1", "2", "a");
    assertEquals(1L, cmd("SMOVE", "s", "s", "1"));
    assertEquals(0L, cmd("SMOVE", "s", "s", "zz"));
    assertEquals(0L, cmd("SMOVE", "nokey", "s", "1"));
    assertEquals(0L, cmd("SMOVE", "s", "t", "zz"));
    assertEquals(0L, cmd("EXISTS", "t"));
    assertEquals(1L, cmd("SMOVE", "s", "t", "a"));
    assertEquals(List.of("a"), cmd("SMEMBERS", "t"));
    assertEquals(List.of("1", "2"), cmd("SMEMBERS", "s"));
    cmd("SADD", "t", "2");
    assertEquals(1L, cmd("SMOVE", "s", "t", "2"));
    assertEquals(1L, cmd("SMOVE", "s", "t", "1"));
    assertEquals(0L, cmd("EXISTS", "s"));
    assertEquals(Set.of("a", "1", "2"), set("SMEMBERS", "t"));
  }

  @Test
  void smoveAcrossShards() {
    String dst = onOtherShard("src", "dst");
    assertNotEquals(shard("src"), shard(dst));
    cmd("SADD", "src", "m1", "m2");
    assertEquals(1L, cmd("SMOVE", "src", dst, "m1"));
    assertEquals(List.of("m2"), cmd("SMEMBERS", "src"));
    assertEquals(List.of("m1"), cmd("SMEMBERS", dst));
    assertEquals(1L, cmd("SMOVE", "src", dst, "m2"));
    assertEquals(0L, cmd("EXISTS", "src"));
    assertEquals(Set.of("m1", "m2"), set("SMEMBERS", dst));
    cmd("SET", "src", "x");
    assertEquals(WRONGTYPE, err("SMOVE", dst, "src", "m1"));
    assertEquals(Set.of("m1", "m2"), set("SMEMBERS", dst));
  }

  @Test
  void algebraAndStore() {
    cmd("SADD", "a", "1", "2", "3", "x");
    cmd("SADD", "b", "2", "3", "4", "x", "y");
    cmd("SADD", "c", "3", "x", "z");
    assertEquals(Set.of("3", "x"), set("SINTER", "a", "b", "c"));
    assertEquals(Set.of("1", "2", "3", "4", "x", "y", "z"), set("SUNION", "a", "b", "c"));
    assertEquals(Set.of("1"), set("SDIFF", "a", "b", "c"));
    assertEquals(List.of(), cmd("SINTER", "a", "nokey"));
    assertEquals(Set.of("1", "2", "3", "x"), set("SUNION", "a", "nokey"));
    assertEquals(List.of(), cmd("SDIFF", "nokey", "a"));
    assertEquals(List.of(), cmd("SDIFF", "a", "a"));
    assertEquals(Set.of("1", "2", "3", "x"), set("SINTER", "a", "a"));

    assertEquals(2L, cmd("SINTERSTORE", "d", "a", "b", "c"));
    assertEquals(Set.of("3", "x"), set("SMEMBERS", "d"));
    assertEquals(7L, cmd("SUNIONSTORE", "d", "a", "b", "c"));
    assertEquals(1L, cmd("SDIFFSTORE", "d", "a", "b", "c"));
    assertEquals(List.of("1"), cmd("SMEMBERS", "d"));
    // the destination may be a source
    assertEquals(4L, cmd("SUNIONSTORE", "d", "d", "c"));
    assertEquals(Set.of("1", "3", "x", "z"), set("SMEMBERS", "d"));
    // empty results delete the destination
    assertEquals(0L, cmd("SINTERSTORE", "d", "a", "nokey"));
    assertEquals(0L, cmd("EXISTS", "d"));
    cmd("SADD", "d", "q");
    assertEquals(0L, cmd("SDIFFSTORE", "d", "nokey"));
    assertEquals(0L, cmd("EXISTS", "d"));
    cmd("SADD", "d", "q");
    assertEquals(0L, cmd("SUNIONSTORE", "d", "nokey"));
    assertEquals(0L, cmd("EXISTS", "d"));
    // any type is overwritten, and the TTL goes
    cmd("SET", "str", "v", "EX", "100");
    assertEquals(4L, cmd("SINTERSTORE", "str", "a"));
    assertEquals("set", cmd("TYPE", "str"));
    assertEquals(-1L, cmd("TTL", "str"));
  }

  @Test
  void storesAcrossShards() {
    String b = onOtherShard("a", "b");
    String dst = onOtherShard("a", "dst");
    cmd("SADD", "a", "1", "2", "3", "m");
    cmd("SADD", b, "2", "3", "4", "m");
    assertEquals(3L, cmd("SINTERSTORE", dst, "a", b));
    assertEquals(Set.of("2", "3", "m"), set("SMEMBERS", dst));
    assertEquals(5L, cmd("SUNIONSTORE", "a", "a", b));
    assertEquals(Set.of("1", "2", "3", "4", "m"), set("SMEMBERS", "a"));
    assertEquals(1L, cmd("SDIFFSTORE", dst, "a", b));
    assertEquals(List.of("1"), cmd("SMEMBERS", dst));
    assertEquals(List.of(), cmd("SDIFF", "a", b, dst));
    assertEquals(Set.of("1", "2", "3", "4", "m"), set("SUNION", dst, b));
    assertEquals(4L, cmd("SINTERCARD", "2", "a", b));
    assertEquals(2L, cmd("SINTERCARD", "2", "a", b, "LIMIT", "2"));
    assertEquals(0L, cmd("SINTERSTORE", dst, "a", b, "nokey"));
    assertEquals(0L, cmd("EXISTS", dst));
  }

  @Test
  void sintercard() {
    cmd("SADD", "s", "1", "2", "3", "a");
    cmd("SADD", "t", "1", "2", "a", "b");
    assertEquals(4L, cmd("SINTERCARD", "1", "s"));
    assertEquals(3L, cmd("SINTERCARD", "2", "s", "t"));
    assertEquals(2L, cmd("SINTERCARD", "2", "s", "t", "LIMIT", "2"));
    assertEquals(3L, cmd("SINTERCARD", "2", "s", "t", "LIMIT", "0"));
    assertEquals(3L, cmd("SINTERCARD", "1", "s", "limit", "2", "limit", "3"));
    assertEquals(0L, cmd("SINTERCARD", "2", "s", "nokey"));
    assertEquals("ERR numkeys should be greater than 0", err("SINTERCARD", "0", "s"));
    assertEquals("ERR numkeys should be greater than 0", err("SINTERCARD", "-1", "s"));
    assertEquals("ERR numkeys should be greater than 0", err("SINTERCARD", "x", "s"));
    assertEquals("ERR Number of keys can't be greater than number of args", err("SINTERCARD", "3", "s"));
    assertEquals("ERR Number of keys can't be greater than number of args",
        err("SINTERCARD", "9223372036854775807", "s"));
    assertEquals("ERR LIMIT can't be negative", err("SINTERCARD", "1", "s", "LIMIT", "-1"));
    assertEquals("ERR LIMIT can't be negative", err("SINTERCARD", "1", "s", "LIMIT", "x"));
    assertEquals("ERR syntax error", err("SINTERCARD", "1", "s", "LIMIT"));
    assertEquals("ERR syntax error", err("SINTERCARD", "1", "s", "foo", "1"));
  }

  @Test
  void sscanOptions() {
    cmd("SADD", "s", "a", "b", "ab");
    assertEquals(Set.of("a", "b", "ab"), new HashSet<>((List<?>) ((List<?>) cmd("SSCAN", "s", "0")).get(1)));
    assertEquals("0", ((List<?>) cmd("SSCAN", "s", "0")).get(0));
    assertEquals(List.of("0", List.of()), cmd("SSCAN", "nokey", "0", "COUNT", "0"));
    assertEquals("ERR syntax error", err("SSCAN", "s", "0", "COUNT", "0"));
    assertEquals("ERR value is not an integer or out of range", err("SSCAN", "s", "0", "COUNT", "x"));
    assertEquals("ERR syntax error", err("SSCAN", "s", "0", "MATCH"));
    assertEquals("ERR invalid cursor", err("SSCAN", "s", "x"));
    assertEquals("ERR invalid cursor", err("SSCAN", "nokey", "x"));
    cmd("SADD", "i", "10", "1", "11", "2");
    assertEquals(List.of("0", List.of("1", "10", "11")), cmd("SSCAN", "i", "0", "MATCH", "1*"));
  }

  /** Redis's guarantee: a member present for the whole iteration is returned, whatever is added or removed. */
  @Test
  void sscanGuaranteeUnderConcurrentAddsAndRemoves() {
    int stable = 800;
    for (int i = 0; i < stable; i += 200) {
      String[] args = new String[202];
      args[0] = "SADD";
      args[1] = "big";
      for (int k = 0; k < 200; k++) {
        args[2 + k] = "s" + (i + k);
      }
      cmd(args);
    }
    Random r = new Random(2);
    Set<Object> seen = new HashSet<>();
    String cursor = "0";
    int calls = 0;
    do {
      List<?> reply = (List<?>) cmd("SSCAN", "big", cursor, "COUNT", "25");
      cursor = (String) reply.get(0);
      seen.addAll((List<?>) reply.get(1));
      boolean grow = calls % 8 < 4;
      String[] args = new String[102];
      args[0] = grow ? "SADD" : "SREM";
      args[1] = "big";
      for (int i = 0; i < 100; i++) {
        args[2 + i] = "c" + r.nextInt(3000);
      }
      cmd(args);
      calls++;
    } while (!cursor.equals("0"));
    for (int i = 0; i < stable; i++) {
      assertTrue(seen.contains("s" + i), "s" + i);
    }
    assertTrue(calls > 5, "the scan took several calls");
  }
}

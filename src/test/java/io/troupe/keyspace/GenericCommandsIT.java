package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The generic key commands over TCP with Jedis, replies and error texts as
 * Redis 7.0 gives them. Keys "bar" (slot 5061) and "foo" (slot 12182) live in
 * different shards whenever there are two or more, so multi-key commands on
 * them go through the coordinator.
 */
class GenericCommandsIT {
  private static TestServer server;
  private static Jedis j;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    j = new Jedis(server.host(), server.port());
  }

  @AfterAll
  static void stop() {
    j.close();
    server.close();
  }

  @BeforeEach
  void flush() {
    j.select(0);
    assertEquals("OK", call("FLUSHALL"));
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static ProtocolCommand command(String name) {
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    return () -> raw;
  }

  /** Sends a raw command; a bulk or status reply comes back as a String. */
  private static Object call(String name, String... args) {
    return decode(j.sendCommand(command(name), args));
  }

  private static Object decode(Object reply) {
    if (reply instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    if (reply instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(decode(o));
      }
      return out;
    }
    return reply;
  }

  private static long integer(String name, String... args) {
    return (Long) call(name, args);
  }

  private static String error(String name, String... args) {
    return assertThrows(JedisDataException.class, () -> call(name, args)).getMessage();
  }

  /** KEYS pattern, checked for duplicates. */
  private static Set<String> keys(String pattern) {
    List<?> list = (List<?>) call("KEYS", pattern);
    Set<String> set = new HashSet<>();
    for (Object k : list) {
      assertTrue(set.add((String) k), "duplicate " + k);
    }
    return set;
  }

  // ---- DEL, UNLINK, EXISTS, TOUCH, TYPE --------------------------------------------------

  @Test
  void delUnlinkExistsTouchAcrossShards() {
    j.set("bar", "1");
    j.set("foo", "2");
    j.set("hello", "3");
    assertEquals(4, integer("EXISTS", "bar", "foo", "foo", "nokey", "hello"));
    assertEquals(3, integer("TOUCH", "bar", "foo", "nokey", "foo"));
    assertEquals(2, integer("DEL", "bar", "foo", "bar", "nokey"));
    assertEquals(0, integer("EXISTS", "bar", "foo"));
    assertEquals(1, integer("UNLINK", "hello", "nokey"));
    assertEquals(0, integer("DEL", "nokey"));
    assertEquals(0L, integer("DBSIZE"));
  }

  @Test
  void typeNamesStringsAndMissingKeys() {
    j.set("s", "v");
    assertEquals("string", call("TYPE", "s"));
    assertEquals("none", call("TYPE", "nokey"));
  }

  // ---- expiry ------------------------------------------------------------------------------

  @Test
  void expireOptionErrors() {
    j.set("k", "v");
    assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible",
        error("EXPIRE", "k", "10", "nx", "xx"));
    assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible",
        error("PEXPIRE", "k", "10", "NX", "GT"));
    assertEquals("ERR GT and LT options at the same time are not compatible",
        error("EXPIRE", "k", "10", "gt", "lt"));
    assertEquals("ERR Unsupported option Foo", error("EXPIRE", "k", "10", "Foo"));
    assertEquals("ERR Unsupported option foo", error("EXPIRE", "k", "abc", "foo"));
    assertEquals("ERR Unsupported option foo", error("EXPIRE", "nokey", "10", "nx", "foo"));
    assertEquals("ERR value is not an integer or out of range", error("EXPIRE", "k", "abc"));
    assertEquals("ERR value is not an integer or out of range", error("EXPIRE", "k", "+1"));
    assertEquals("ERR value is not an integer or out of range", error("EXPIRE", "k", "-0"));
    assertEquals("ERR value is not an integer or out of range", error("EXPIRE", "k", " 1"));
    assertEquals(-1, integer("TTL", "k"));
  }

  @Test
  void expireOverflowIsAnError() {
    j.set("k", "v");
    assertEquals("ERR invalid expire time in 'expire' command",
        error("EXPIRE", "k", "9223372036854775807"));
    assertEquals("ERR invalid expire time in 'expire' command",
        error("EXPIRE", "k", "9223372036854770"));
    assertEquals("ERR invalid expire time in 'expire' command",
        error("EXPIRE", "k", "-9223372036854775808"));
    assertEquals("ERR invalid expire time in 'pexpire' command",
        error("PEXPIRE", "k", "9223372036854775807"));
    assertEquals("ERR invalid expire time in 'expireat' command",
        error("EXPIREAT", "k", "9223372036854775807"));
    // PEXPIREAT adds nothing, so the largest time is accepted.
    assertEquals(1, integer("PEXPIREAT", "k", "9223372036854775807"));
    assertEquals(9223372036854775807L, integer("PEXPIRETIME", "k"));
    assertEquals(9223372036854776L, integer("EXPIRETIME", "k"));
    assertEquals(1, integer("EXISTS", "k"));
    // The overflow check comes before the key lookup.
    assertEquals("ERR invalid expire time in 'expire' command",
        error("EXPIRE", "nokey", "9223372036854775807"));
  }

  @Test
  void expireInThePastDeletesTheKey() {
    j.set("a", "v");
    j.set("b", "v");
    j.set("c", "v");
    assertEquals(1, integer("EXPIRE", "a", "-1"));
    assertEquals(1, integer("PEXPIRE", "b", "-9223372036854775808"));
    assertEquals(1, integer("EXPIREAT", "c", "1"));
    assertEquals(0, integer("EXISTS", "a", "b", "c"));
    assertEquals(0, integer("EXPIRE", "a", "-1"));
    assertEquals(0L, integer("DBSIZE"));
  }

  @Test
  void expireConditions() {
    j.set("k", "v");
    assertEquals(0, integer("EXPIRE", "k", "100", "XX"), "XX needs a TTL");
    assertEquals(0, integer("EXPIRE", "k", "100", "GT"), "no TTL is infinite: GT fails");
    assertEquals(1, integer("EXPIRE", "k", "100", "LT"), "no TTL is infinite: LT succeeds");
    assertEquals(100, integer("TTL", "k"));
    assertEquals(0, integer("EXPIRE", "k", "50", "NX"));
    assertEquals(0, integer("EXPIRE", "k", "200", "LT"));
    assertEquals(1, integer("EXPIRE", "k", "200", "GT"));
    assertEquals(200, integer("TTL", "k"));
    long at = System.currentTimeMillis() + 300_000;
    assertEquals(1, integer("PEXPIREAT", "k", Long.toString(at)));
    assertEquals(0, integer("PEXPIREAT", "k", Long.toString(at), "GT"), "equal is not greater");
    assertEquals(0, integer("PEXPIREAT", "k", Long.toString(at), "LT"), "equal is not less");
    assertEquals(1, integer("PEXPIREAT", "k", Long.toString(at + 1), "GT"));
    assertEquals(at + 1, integer("PEXPIRETIME", "k"));
    assertEquals(1, integer("EXPIRE", "k", "200", "LT"));
    assertEquals(1, integer("EXPIRE", "k", "150", "xx", "lt", "lt"));
    assertEquals(150, integer("TTL", "k"));
    assertEquals(1, integer("PERSIST", "k"));
    assertEquals(1, integer("EXPIRE", "k", "30", "nx"));
    assertEquals(30, integer("TTL", "k"));
    assertEquals(0, integer("EXPIRE", "nokey", "30"));
    assertEquals(0, integer("EXPIRE", "nokey", "30", "lt"));
  }

  @Test
  void ttlFamily() {
    assertEquals(-2, integer("TTL", "nokey"));
    assertEquals(-2, integer("PTTL", "nokey"));
    assertEquals(-2, integer("EXPIRETIME", "nokey"));
    assertEquals(-2, integer("PEXPIRETIME", "nokey"));
    j.set("k", "v");
    assertEquals(-1, integer("TTL", "k"));
    assertEquals(-1, integer("PTTL", "k"));
    assertEquals(-1, integer("EXPIRETIME", "k"));
    assertEquals(-1, integer("PEXPIRETIME", "k"));
    assertEquals(1, integer("PEXPIRE", "k", "100500"));
    long pttl = integer("PTTL", "k");
    assertTrue(pttl > 99_000 && pttl <= 100_500, "pttl " + pttl);
    long ttl = integer("TTL", "k");
    assertTrue(ttl == 100 || ttl == 101, "ttl " + ttl);
    // EXPIRETIME rounds to the nearest second, PEXPIRETIME is exact.
    assertEquals(1, integer("PEXPIREAT", "k", "99999999999500"));
    assertEquals(100000000000L, integer("EXPIRETIME", "k"));
    assertEquals(99999999999500L, integer("PEXPIRETIME", "k"));
    assertEquals(1, integer("PEXPIREAT", "k", "99999999999499"));
    assertEquals(99999999999L, integer("EXPIRETIME", "k"));
    assertEquals(1, integer("EXPIREAT", "k", "99999999999"));
    assertEquals(99999999999000L, integer("PEXPIRETIME", "k"));
  }

  @Test
  void persistAndOverwriteClearTheTtl() {
    j.set("k", "v");
    assertEquals(0, integer("PERSIST", "k"));
    assertEquals(0, integer("PERSIST", "nokey"));
    assertEquals(1, integer("EXPIRE", "k", "100"));
    assertEquals(1, integer("PERSIST", "k"));
    assertEquals(-1, integer("TTL", "k"));
    assertEquals(1, integer("EXPIRE", "k", "100"));
    j.set("k", "w");
    assertEquals(-1, integer("TTL", "k"));
  }

  @Test
  void expiredKeysVanishLazily() throws InterruptedException {
    j.set("k", "v");
    assertEquals(1, integer("PEXPIRE", "k", "30"));
    Thread.sleep(60);
    assertNull(j.get("k"));
    assertEquals(-2, integer("TTL", "k"));
    assertEquals(0, integer("EXISTS", "k"));
  }

  @Test
  void activeExpiryDeletesKeysNobodyTouches() throws InterruptedException {
    Pipeline p = j.pipelined();
    for (int i = 0; i < 1000; i++) {
      p.psetex("volatile:" + i, 500, "v");
    }
    p.set("stays", "v");
    p.sync();
    assertEquals(1001L, integer("DBSIZE"));
    // DBSIZE counts expired keys that are still stored, so only the active
    // cycle can bring it down; nothing here touches the volatile keys.
    long deadline = System.currentTimeMillis() + 5_000;
    long size;
    do {
      Thread.sleep(50);
      size = integer("DBSIZE");
    } while (size > 1 && System.currentTimeMillis() < deadline);
    assertEquals(1L, size);
    assertEquals("v", j.get("stays"));
  }

  // ---- KEYS, SCAN, RANDOMKEY, DBSIZE -----------------------------------------------------

  @Test
  void keysGlobAcrossShards() {
    for (String k : List.of("bar", "foo", "hello", "hallo", "hxllo", "h*llo", "", "user:1", "user:22")) {
      j.set(k, "v");
    }
    assertEquals(Set.of("bar", "foo", "hello", "hallo", "hxllo", "h*llo", "", "user:1", "user:22"),
        keys("*"));
    assertEquals(Set.of("hello", "hallo"), keys("h[ae]llo"));
    assertEquals(Set.of("hxllo", "h*llo"), keys("h[^ae]llo"));
    assertEquals(Set.of("hello", "hallo", "hxllo", "h*llo"), keys("h?llo"));
    assertEquals(Set.of("h*llo"), keys("h\\*llo"));
    assertEquals(Set.of("user:1"), keys("user:?"));
    assertEquals(Set.of("bar", "foo"), keys("[b-f]*"));
    assertEquals(Set.of(), keys("nomatch*"));
  }

  @Test
  void keysSkipsExpiredKeys() throws InterruptedException {
    j.set("live", "v");
    j.set("dying", "v");
    assertEquals(1, integer("PEXPIRE", "dying", "20"));
    Thread.sleep(40);
    assertEquals(Set.of("live"), keys("*"));
  }

  @Test
  void scanErrors() {
    assertEquals("ERR invalid cursor", error("SCAN", "abc"));
    assertEquals("ERR invalid cursor", error("SCAN", " 1"));
    assertEquals("ERR invalid cursor", error("SCAN", "1 "));
    assertEquals("ERR invalid cursor", error("SCAN", "-"));
    assertEquals("ERR invalid cursor", error("SCAN", "18446744073709551616"));
    assertEquals("ERR invalid cursor", error("SCAN", "abc", "count", "0"));
    assertEquals("ERR syntax error", error("SCAN", "0", "count", "0"));
    assertEquals("ERR syntax error", error("SCAN", "0", "count", "-1"));
    assertEquals("ERR syntax error", error("SCAN", "0", "type", "string", "count", "0"));
    assertEquals("ERR value is not an integer or out of range",
        error("SCAN", "0", "count", "abc"));
    assertEquals("ERR value is not an integer or out of range",
        error("SCAN", "0", "COUNT", "99999999999999999999"));
    assertEquals("ERR syntax error", error("SCAN", "0", "match"));
    assertEquals("ERR syntax error", error("SCAN", "0", "type"));
    assertEquals("ERR syntax error", error("SCAN", "0", "foo", "bar"));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> scanCall(String... args) {
    return (List<Object>) call("SCAN", args);
  }

  @Test
  void scanCursorFormsRedisAccepts() {
    j.set("k", "v");
    for (String cursor : List.of("", "0", "00", "+0", "-0")) {
      List<Object> r = scanCall(cursor);
      assertEquals("0", r.get(0), "cursor '" + cursor + "'");
      assertEquals(List.of("k"), r.get(1), "cursor '" + cursor + "'");
    }
    // Cursors past the last slot are accepted and end the iteration.
    assertEquals(List.of("0", List.of()), scanCall("-1"));
    assertEquals(List.of("0", List.of()), scanCall("18446744073709551615"));
  }

  /** Runs a whole SCAN iteration; returns every key it produced, in order. */
  private static List<String> scanAll(String... options) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    int calls = 0;
    do {
      String[] args = new String[options.length + 1];
      args[0] = cursor;
      System.arraycopy(options, 0, args, 1, options.length);
      List<Object> r = scanCall(args);
      cursor = (String) r.get(0);
      for (Object k : (List<?>) r.get(1)) {
        keys.add((String) k);
      }
      assertTrue(++calls < 20_000, "scan does not end");
    } while (!cursor.equals("0"));
    return keys;
  }

  @Test
  void scanReturnsEveryKeyOnceWithMatchCountAndType() {
    Set<String> all = new TreeSet<>();
    for (int i = 0; i < 500; i++) {
      j.set("key:" + i, "v");
      all.add("key:" + i);
    }
    j.set("other", "v");
    all.add("other");
    List<String> got = scanAll();
    assertEquals(all.size(), got.size(), "no duplicates");
    assertEquals(all, new TreeSet<>(got));

    List<String> withCount = scanAll("COUNT", "100");
    assertEquals(all, new TreeSet<>(withCount));

    List<String> matched = scanAll("MATCH", "key:1?", "count", "7");
    assertEquals(new TreeSet<>(List.of("key:10", "key:11", "key:12", "key:13", "key:14", "key:15",
        "key:16", "key:17", "key:18", "key:19")), new TreeSet<>(matched));

    assertEquals(all, new TreeSet<>(scanAll("TYPE", "string")));
    assertEquals(all, new TreeSet<>(scanAll("type", "STRING", "match", "*")));
    assertEquals(List.of(), scanAll("TYPE", "list"));
    assertEquals(List.of(), scanAll("TYPE", "nosuchtype"));
  }

  @Test
  void scanCountBoundsTheWorkOfOneCall() {
    for (int i = 0; i < 1000; i++) {
      j.set("k" + i, "v");
    }
    List<Object> first = scanCall("0", "COUNT", "5");
    assertFalse(first.get(0).equals("0"));
    int n = ((List<?>) first.get(1)).size();
    // Whole slots are returned; with 1000 keys over 16384 slots they hold one key or two.
    assertTrue(n >= 5 && n < 20, "returned " + n);
    List<Object> big = scanCall("0", "COUNT", "1000000");
    assertEquals("0", big.get(0));
    assertEquals(1000, ((List<?>) big.get(1)).size());
  }

  @Test
  void scanReturnsEveryKeyPresentThroughoutDespiteChurn() {
    int n = 2000;
    Set<String> original = new HashSet<>();
    for (int i = 0; i < n; i++) {
      j.set("orig:" + i, "v");
      original.add("orig:" + i);
    }
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    int round = 0;
    do {
      List<Object> r = scanCall(cursor, "COUNT", "25");
      cursor = (String) r.get(0);
      for (Object k : (List<?>) r.get(1)) {
        seen.add((String) k);
      }
      // Other keys come and go between the calls.
      for (int i = 0; i < 20; i++) {
        j.set("churn:" + round + ":" + i, "v");
      }
      if (round > 0) {
        for (int i = 0; i < 20; i += 2) {
          j.del("churn:" + (round - 1) + ":" + i);
        }
      }
      round++;
    } while (!cursor.equals("0"));
    Set<String> missing = new HashSet<>(original);
    missing.removeAll(seen);
    assertEquals(Set.of(), missing);
  }

  @Test
  void scanSkipsAndDeletesExpiredKeys() throws InterruptedException {
    j.set("live", "v");
    j.set("dying", "v");
    assertEquals(1, integer("PEXPIRE", "dying", "20"));
    Thread.sleep(40);
    assertEquals(List.of("live"), scanAll());
  }

  @Test
  void randomkeyAndDbsize() {
    assertNull(call("RANDOMKEY"));
    assertEquals(0L, integer("DBSIZE"));
    j.set("bar", "v");
    j.set("foo", "v");
    assertEquals(2L, integer("DBSIZE"));
    Set<Object> drawn = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      drawn.add(call("RANDOMKEY"));
    }
    assertEquals(Set.of("bar", "foo"), drawn);
    j.select(1);
    assertNull(call("RANDOMKEY"));
    assertEquals(0L, integer("DBSIZE"));
  }

  @Test
  void randomkeyNeverReturnsAnExpiredKey() throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      j.set("dying:" + i, "v");
      assertEquals(1, integer("PEXPIRE", "dying:" + i, "20"));
    }
    Thread.sleep(40);
    assertNull(call("RANDOMKEY"));
  }

  // ---- RENAME, MOVE, COPY ----------------------------------------------------------------

  @Test
  void renameErrorsAndSameKey() {
    assertEquals("ERR no such key", error("RENAME", "nokey", "b"));
    assertEquals("ERR no such key", error("RENAMENX", "nokey", "b"));
    assertEquals("ERR no such key", error("RENAME", "nokey", "nokey"));
    j.set("k", "v");
    assertEquals(1, integer("EXPIRE", "k", "100"));
    assertEquals("OK", call("RENAME", "k", "k"));
    assertEquals(0, integer("RENAMENX", "k", "k"));
    assertEquals("v", j.get("k"));
    assertEquals(100, integer("TTL", "k"));
  }

  @Test
  void renameAcrossShardsCarriesTheTtl() {
    j.set("bar", "value");
    assertEquals(1, integer("PEXPIRE", "bar", "100000"));
    assertEquals("OK", call("RENAME", "bar", "foo"));
    assertEquals(0, integer("EXISTS", "bar"));
    assertEquals("value", j.get("foo"));
    long pttl = integer("PTTL", "foo");
    assertTrue(pttl > 90_000 && pttl <= 100_000, "pttl " + pttl);
    // Overwrite: the destination's own TTL goes with its old value.
    j.set("bar", "other");
    assertEquals("OK", call("RENAME", "bar", "foo"));
    assertEquals("other", j.get("foo"));
    assertEquals(-1, integer("TTL", "foo"));
  }

  @Test
  void renamenx() {
    j.set("bar", "1");
    j.set("foo", "2");
    assertEquals(0, integer("RENAMENX", "bar", "foo"));
    assertEquals("1", j.get("bar"));
    assertEquals(1, integer("DEL", "foo"));
    assertEquals(1, integer("RENAMENX", "bar", "foo"));
    assertEquals("1", j.get("foo"));
    assertEquals(0, integer("EXISTS", "bar"));
  }

  @Test
  void moveErrors() {
    j.set("k", "v");
    assertEquals("ERR source and destination objects are the same", error("MOVE", "k", "0"));
    assertEquals("ERR DB index is out of range", error("MOVE", "k", "16"));
    assertEquals("ERR DB index is out of range", error("MOVE", "k", "-1"));
    assertEquals("ERR value is not an integer or out of range", error("MOVE", "k", "abc"));
    assertEquals("ERR value is not an integer or out of range", error("MOVE", "k", "01"));
    assertEquals("ERR value is out of range, value must between -2147483648 and 2147483647",
        error("MOVE", "k", "99999999999"));
    assertEquals(0, integer("MOVE", "nokey", "1"));
  }

  @Test
  void moveToAnotherDb() {
    j.set("k", "v");
    assertEquals(1, integer("EXPIRE", "k", "100"));
    assertEquals(1, integer("MOVE", "k", "3"));
    assertEquals(0, integer("EXISTS", "k"));
    j.select(3);
    assertEquals("v", j.get("k"));
    assertEquals(100, integer("TTL", "k"));
    j.select(0);
    j.set("k", "mine");
    assertEquals(0, integer("MOVE", "k", "3"), "the target db has the key");
    assertEquals("mine", j.get("k"));
  }

  @Test
  void copyErrors() {
    j.set("a", "v");
    assertEquals("ERR source and destination objects are the same", error("COPY", "a", "a"));
    assertEquals("ERR source and destination objects are the same",
        error("COPY", "a", "a", "DB", "0"));
    assertEquals("ERR DB index is out of range", error("COPY", "a", "b", "db", "16"));
    assertEquals("ERR DB index is out of range", error("COPY", "a", "b", "db", "-1"));
    assertEquals("ERR value is not an integer or out of range", error("COPY", "a", "b", "db", "x"));
    assertEquals("ERR value is out of range, value must between -2147483648 and 2147483647",
        error("COPY", "a", "b", "db", "99999999999"));
    assertEquals("ERR syntax error", error("COPY", "a", "b", "foo"));
    assertEquals("ERR syntax error", error("COPY", "a", "b", "db"));
    assertEquals(0, integer("COPY", "nokey", "b"));
  }

  @Test
  void copyAcrossShardsAndDbs() {
    j.set("bar", "value");
    assertEquals(1, integer("EXPIRE", "bar", "100"));
    assertEquals(1, integer("COPY", "bar", "foo"));
    assertEquals("value", j.get("foo"));
    assertEquals(100, integer("TTL", "foo"));
    assertEquals(0, integer("COPY", "bar", "foo"), "destination exists");
    j.set("bar", "new");
    assertEquals(1, integer("COPY", "bar", "foo", "replace", "REPLACE"));
    assertEquals("new", j.get("foo"));
    assertEquals(-1, integer("TTL", "foo"));
    assertEquals(1, integer("COPY", "bar", "bar", "DB", "5"));
    j.select(5);
    assertEquals("new", j.get("bar"));
  }

  @Test
  void copyIsDeep() {
    j.set("src", "abc");
    assertEquals(1, integer("COPY", "src", "dst"));
    j.append("src", "def");
    j.setrange("dst", 0, "X");
    assertEquals("abcdef", j.get("src"));
    assertEquals("Xbc", j.get("dst"));
  }

  // ---- FLUSHDB, FLUSHALL, SWAPDB ---------------------------------------------------------

  @Test
  void flushErrorsAndModes() {
    assertEquals("ERR syntax error", error("FLUSHDB", "foo"));
    assertEquals("ERR syntax error", error("FLUSHDB", ""));
    assertEquals("ERR syntax error", error("FLUSHALL", "foo"));
    assertEquals("ERR syntax error", error("FLUSHALL", "async", "sync"));
    j.set("bar", "v");
    j.set("foo", "v");
    j.select(2);
    j.set("bar", "v");
    assertEquals("OK", call("FLUSHDB", "ASYNC"));
    assertEquals(0L, integer("DBSIZE"));
    j.select(0);
    assertEquals(2L, integer("DBSIZE"));
    j.select(2);
    j.set("bar", "v");
    assertEquals("OK", call("FLUSHALL", "sync"));
    assertEquals(0L, integer("DBSIZE"));
    j.select(0);
    assertEquals(0L, integer("DBSIZE"));
    assertEquals("OK", call("FLUSHDB"));
    assertEquals("OK", call("FLUSHDB", "sync"));
    assertEquals("OK", call("FLUSHALL", "ASYNC"));
  }

  @Test
  void swapdbErrors() {
    assertEquals("ERR invalid first DB index", error("SWAPDB", "abc", "1"));
    assertEquals("ERR invalid first DB index", error("SWAPDB", "abc", "abc"));
    assertEquals("ERR invalid second DB index", error("SWAPDB", "1", "abc"));
    assertEquals("ERR invalid first DB index", error("SWAPDB", "99999999999", "1"));
    assertEquals("ERR invalid second DB index", error("SWAPDB", "1", "99999999999"));
    assertEquals("ERR DB index is out of range", error("SWAPDB", "0", "16"));
    assertEquals("ERR DB index is out of range", error("SWAPDB", "-1", "0"));
    assertEquals("ERR DB index is out of range", error("SWAPDB", "0", "-1"));
    assertEquals("OK", call("SWAPDB", "0", "0"));
  }

  @Test
  void swapdbSwapsEveryShard() {
    j.set("bar", "db0");
    j.set("foo", "db0");
    assertEquals(1, integer("EXPIRE", "foo", "100"));
    j.select(1);
    j.set("hello", "db1");
    assertEquals("OK", call("SWAPDB", "0", "1"));
    assertEquals(Set.of("bar", "foo"), keys("*"));
    assertEquals("db0", j.get("bar"));
    assertEquals(100, integer("TTL", "foo"));
    j.select(0);
    assertEquals(Set.of("hello"), keys("*"));
    assertEquals("db1", j.get("hello"));
  }

  @Test
  void binaryKeys() {
    byte[] k1 = {0, (byte) 0xff, '\r', '\n'};
    byte[] k2 = {(byte) 0x80, '{', 0, '}'};
    j.set(k1, new byte[] {1});
    assertEquals(1L, j.exists(k1) ? 1L : 0L);
    assertEquals("OK", j.rename(k1, k2));
    assertArrayEquals(new byte[] {1}, j.get(k2));
    List<byte[]> keys = new ArrayList<>(j.keys("*".getBytes(StandardCharsets.UTF_8)));
    assertEquals(1, keys.size());
    assertArrayEquals(k2, keys.get(0));
  }
}

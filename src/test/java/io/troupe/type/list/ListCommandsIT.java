package io.troupe.type.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.troupe.JedisTestBase;
import io.troupe.keyspace.SlotMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The list commands over TCP through Jedis (and a raw socket where RESP2's
 * null bulk and null array must be told apart). Expected replies and error
 * texts are those of a real Redis 7.0.15 given the same commands.
 */
class ListCommandsIT extends JedisTestBase {
  private static final String WRONGTYPE =
      "WRONGTYPE Operation against a key holding the wrong kind of value";
  private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
  private static final String SYNTAX = "ERR syntax error";
  private static final String MUST_BE_POSITIVE = "ERR value is out of range, must be positive";

  /** A string key for the WRONGTYPE checks. */
  @BeforeEach
  void stringKey() {
    j.set("str", "x");
  }

  private List<Object> all(String key) {
    return list(cmd("LRANGE", key, "0", "-1"));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** The raw RESP2 bytes of one reply (to tell "*-1" from "$-1" and "*0"). */
  private String raw(String... args) throws IOException {
    try (Socket s = new Socket(server.host(), server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      StringBuilder req = new StringBuilder("*" + args.length + "\r\n");
      for (String a : args) {
        req.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
      }
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      // Every reply checked here is one short line or a small array: read until it is complete.
      do {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
      } while (!complete(got.toString(StandardCharsets.ISO_8859_1)));
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean complete(String r) {
    if (!r.endsWith("\r\n")) {
      return false;
    }
    if (r.startsWith("*") && !r.startsWith("*-1") && !r.startsWith("*0")) {
      int n = Integer.parseInt(r.substring(1, r.indexOf('\r')));
      // arrays of bulks only: header + 2 lines per item
      return r.split("\r\n").length >= 1 + 2 * n;
    }
    return true;
  }

  /** Two keys that a two-shard node keeps on different shards. */
  private static String[] keysOnTwoShards() {
    SlotMap two = SlotMap.evenlySplit(2);
    String a = "src";
    int shard = two.shardOfKey(a.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; ; i++) {
      String b = "dst" + i;
      if (two.shardOfKey(b.getBytes(StandardCharsets.US_ASCII)) != shard) {
        return new String[] {a, b};
      }
    }
  }

  // ---- pushes ------------------------------------------------------------------------------

  @Test
  void pushes() {
    assertEquals(3L, cmd("LPUSH", "l", "a", "b", "c"));
    assertEquals(List.of("c", "b", "a"), all("l"));
    assertEquals(5L, cmd("RPUSH", "l", "1", "-5"));
    assertEquals(List.of("c", "b", "a", "1", "-5"), all("l"));
    assertEquals(6L, cmd("LPUSHX", "l", "h"));
    assertEquals(8L, cmd("RPUSHX", "l", "t1", "t2"));
    assertEquals(List.of("h", "c", "b", "a", "1", "-5", "t1", "t2"), all("l"));
    assertEquals(0L, cmd("LPUSHX", "nokey", "a"));
    assertEquals(0L, cmd("RPUSHX", "nokey", "a", "b"));
    assertEquals(0L, cmd("EXISTS", "nokey"));
    assertEquals(WRONGTYPE, err("LPUSH", "str", "a"));
    assertEquals(WRONGTYPE, err("RPUSH", "str", "a"));
    assertEquals(WRONGTYPE, err("LPUSHX", "str", "a"));
    assertEquals(WRONGTYPE, err("RPUSHX", "str", "a"));
    assertEquals("ERR wrong number of arguments for 'lpush' command", err("LPUSH", "l"));
    assertEquals("list", cmd("TYPE", "l"));
  }

  @Test
  void valuesComeBackByteForByte() {
    String[] values = {"0", "-0", "007", "+5", " 1", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "", "x".repeat(300), "\u0000\r\n\t"};
    cmd(prepend(new String[] {"RPUSH", "v"}, values));
    assertEquals(List.of(values), all("v"));
    assertEquals(6L, cmd("LPOS", "v", "-9223372036854775808"));
    assertEquals(1L, cmd("LPOS", "v", "-0"));
    assertEquals(2L, cmd("LPOS", "v", "007"));
    assertNull(cmd("LPOS", "v", "7"));
  }

  private static String[] prepend(String[] head, String[] rest) {
    String[] out = Arrays.copyOf(head, head.length + rest.length);
    System.arraycopy(rest, 0, out, head.length, rest.length);
    return out;
  }

  // ---- pops ---------------------------------------------------------------------------------

  @Test
  void popsWithAndWithoutCount() throws IOException {
    cmd("RPUSH", "l", "a", "b", "c", "d", "e");
    assertEquals("a", cmd("LPOP", "l"));
    assertEquals("e", cmd("RPOP", "l"));
    assertEquals(List.of("b", "c"), cmd("LPOP", "l", "2"));
    assertEquals(List.of(), cmd("RPOP", "l", "0"));
    assertEquals(List.of("d"), cmd("RPOP", "l", "9223372036854775807"));
    assertEquals(0L, cmd("EXISTS", "l"));

    cmd("RPUSH", "l", "a");
    assertEquals("*0\r\n", raw("LPOP", "l", "0"));
    assertEquals("*-1\r\n", raw("LPOP", "nokey", "0"));
    assertEquals("*-1\r\n", raw("RPOP", "nokey", "2"));
    assertEquals("$-1\r\n", raw("LPOP", "nokey"));
    assertEquals("$-1\r\n", raw("RPOP", "nokey"));

    assertEquals(MUST_BE_POSITIVE, err("LPOP", "l", "-1"));
    assertEquals(MUST_BE_POSITIVE, err("RPOP", "l", "abc"));
    assertEquals(MUST_BE_POSITIVE, err("RPOP", "l", "99999999999999999999"));
    assertEquals(MUST_BE_POSITIVE, err("LPOP", "str", "-1"));
    assertEquals(WRONGTYPE, err("LPOP", "str", "0"));
    assertEquals(WRONGTYPE, err("RPOP", "str"));
    assertEquals("ERR wrong number of arguments for 'lpop' command", err("LPOP", "l", "1", "2"));
    assertEquals("ERR wrong number of arguments for 'rpop' command", err("RPOP", "l", "1", "2"));
    assertEquals(List.of("a"), all("l"));
  }

  // ---- reads --------------------------------------------------------------------------------

  @Test
  void llenLindexLrange() {
    cmd("RPUSH", "l", "a", "b", "c", "d");
    assertEquals(4L, cmd("LLEN", "l"));
    assertEquals(0L, cmd("LLEN", "nokey"));
    assertEquals(WRONGTYPE, err("LLEN", "str"));

    assertEquals("a", cmd("LINDEX", "l", "0"));
    assertEquals("d", cmd("LINDEX", "l", "-1"));
    assertEquals("a", cmd("LINDEX", "l", "-4"));
    assertNull(cmd("LINDEX", "l", "4"));
    assertNull(cmd("LINDEX", "l", "-5"));
    assertNull(cmd("LINDEX", "nokey", "x")); // the key is looked up before the index is parsed
    assertEquals(NOT_INTEGER, err("LINDEX", "l", "x"));
    assertEquals(WRONGTYPE, err("LINDEX", "str", "x"));

    assertEquals(List.of("b", "c"), cmd("LRANGE", "l", "1", "2"));
    assertEquals(List.of("c", "d"), cmd("LRANGE", "l", "-2", "100"));
    assertEquals(List.of("a", "b", "c", "d"), cmd("LRANGE", "l", "-100", "100"));
    assertEquals(List.of(), cmd("LRANGE", "l", "3", "2"));
    assertEquals(List.of(), cmd("LRANGE", "l", "4", "10"));
    assertEquals(List.of(), cmd("LRANGE", "nokey", "0", "-1"));
    assertEquals(List.of("a"), cmd("LRANGE", "l", "-9223372036854775808", "0"));
    assertEquals(NOT_INTEGER, err("LRANGE", "nokey", "x", "1")); // parsed before the lookup
    assertEquals(NOT_INTEGER, err("LRANGE", "str", "0", "x"));
    assertEquals(WRONGTYPE, err("LRANGE", "str", "0", "1"));
  }

  @Test
  void lpos() {
    cmd("RPUSH", "l", "a", "b", "c", "a", "b", "c", "a");
    assertEquals(0L, cmd("LPOS", "l", "a"));
    assertEquals(3L, cmd("LPOS", "l", "a", "RANK", "2"));
    assertEquals(6L, cmd("LPOS", "l", "a", "rank", "-1"));
    assertEquals(List.of(3L, 0L), cmd("LPOS", "l", "a", "RANK", "-2", "COUNT", "0"));
    assertEquals(List.of(0L, 3L, 6L), cmd("LPOS", "l", "a", "COUNT", "0"));
    assertEquals(List.of(0L, 3L), cmd("LPOS", "l", "a", "COUNT", "2"));
    assertEquals(List.of(0L), cmd("LPOS", "l", "a", "COUNT", "2", "MAXLEN", "3"));
    assertEquals(6L, cmd("LPOS", "l", "a", "RANK", "-9223372036854775808"));
    assertNull(cmd("LPOS", "l", "a", "RANK", "9223372036854775807"));
    assertNull(cmd("LPOS", "l", "z"));
    assertEquals(List.of(), cmd("LPOS", "l", "z", "COUNT", "3"));
    assertNull(cmd("LPOS", "nokey", "a"));
    assertEquals(List.of(), cmd("LPOS", "nokey", "a", "COUNT", "2"));

    String rankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second"
        + " ... or use negative to start from the end of the list";
    assertEquals(rankZero, err("LPOS", "l", "a", "RANK", "0"));
    assertEquals(rankZero, err("LPOS", "str", "a", "RANK", "0")); // options before the type check
    assertEquals(rankZero, err("LPOS", "nokey", "a", "RANK", "0"));
    assertEquals(NOT_INTEGER, err("LPOS", "l", "a", "RANK", "x"));
    assertEquals("ERR COUNT can't be negative", err("LPOS", "l", "a", "COUNT", "-1"));
    assertEquals("ERR COUNT can't be negative", err("LPOS", "l", "a", "COUNT", "x"));
    assertEquals("ERR MAXLEN can't be negative", err("LPOS", "l", "a", "MAXLEN", "-1"));
    assertEquals("ERR MAXLEN can't be negative", err("LPOS", "l", "a", "MAXLEN", "x"));
    assertEquals(SYNTAX, err("LPOS", "l", "a", "foo"));
    assertEquals(SYNTAX, err("LPOS", "l", "a", "RANK"));
    assertEquals(SYNTAX, err("LPOS", "str", "a", "foo"));
    assertEquals(WRONGTYPE, err("LPOS", "str", "a"));
  }

  // ---- writes in the middle -----------------------------------------------------------------

  @Test
  void lset() {
    cmd("RPUSH", "l", "a", "b", "c");
    assertEquals("OK", cmd("LSET", "l", "1", "B"));
    assertEquals("OK", cmd("LSET", "l", "-1", "last"));
    assertEquals(List.of("a", "B", "last"), all("l"));
    assertEquals("ERR no such key", err("LSET", "nokey", "0", "x"));
    assertEquals("ERR no such key", err("LSET", "nokey", "x", "x"));
    assertEquals("ERR index out of range", err("LSET", "l", "3", "x"));
    assertEquals("ERR index out of range", err("LSET", "l", "-4", "x"));
    assertEquals(NOT_INTEGER, err("LSET", "l", "x", "x"));
    assertEquals(WRONGTYPE, err("LSET", "str", "0", "x"));
    assertEquals(WRONGTYPE, err("LSET", "str", "x", "x"));
    assertEquals(List.of("a", "B", "last"), all("l"));
  }

  @Test
  void linsert() {
    cmd("RPUSH", "l", "a", "b", "c", "a");
    assertEquals(5L, cmd("LINSERT", "l", "BEFORE", "a", "x"));
    assertEquals(6L, cmd("LINSERT", "l", "after", "c", "y"));
    assertEquals(List.of("x", "a", "b", "c", "y", "a"), all("l"));
    assertEquals(-1L, cmd("LINSERT", "l", "BEFORE", "zz", "q"));
    assertEquals(0L, cmd("LINSERT", "nokey", "BEFORE", "a", "q"));
    assertEquals(0L, cmd("EXISTS", "nokey"));
    assertEquals(SYNTAX, err("LINSERT", "l", "middle", "a", "q"));
    assertEquals(SYNTAX, err("LINSERT", "str", "middle", "a", "q"));
    assertEquals(WRONGTYPE, err("LINSERT", "str", "BEFORE", "a", "q"));
  }

  @Test
  void lrem() {
    cmd("RPUSH", "l", "a", "b", "a", "c", "a", "b");
    assertEquals(1L, cmd("LREM", "l", "1", "a"));
    assertEquals(List.of("b", "a", "c", "a", "b"), all("l"));
    assertEquals(1L, cmd("LREM", "l", "-1", "b"));
    assertEquals(List.of("b", "a", "c", "a"), all("l"));
    assertEquals(2L, cmd("LREM", "l", "0", "a"));
    assertEquals(0L, cmd("LREM", "l", "0", "zz"));
    assertEquals(0L, cmd("LREM", "nokey", "0", "a"));
    assertEquals(List.of("b", "c"), all("l"));
    assertEquals(1L, cmd("LREM", "l", "-9223372036854775808", "c"));
    assertEquals(1L, cmd("LREM", "l", "5", "b"));
    assertEquals(0L, cmd("EXISTS", "l"));
    assertEquals(NOT_INTEGER, err("LREM", "nokey", "x", "a"));
    assertEquals(NOT_INTEGER, err("LREM", "str", "x", "a"));
    assertEquals(WRONGTYPE, err("LREM", "str", "0", "a"));
  }

  @Test
  void ltrim() {
    cmd("RPUSH", "l", "a", "b", "c", "d", "e", "f");
    assertEquals("OK", cmd("LTRIM", "l", "1", "-2"));
    assertEquals(List.of("b", "c", "d", "e"), all("l"));
    assertEquals("OK", cmd("LTRIM", "l", "-100", "100"));
    assertEquals(List.of("b", "c", "d", "e"), all("l"));
    assertEquals("OK", cmd("LTRIM", "l", "1", "1"));
    assertEquals(List.of("c"), all("l"));
    assertEquals("OK", cmd("LTRIM", "l", "5", "2"));
    assertEquals(0L, cmd("EXISTS", "l"));
    assertEquals("OK", cmd("LTRIM", "nokey", "0", "1"));
    assertEquals(NOT_INTEGER, err("LTRIM", "nokey", "x", "1"));
    assertEquals(NOT_INTEGER, err("LTRIM", "str", "0", "x"));
    assertEquals(WRONGTYPE, err("LTRIM", "str", "0", "1"));
  }

  // ---- moves --------------------------------------------------------------------------------

  @Test
  void lmoveAndRpoplpush() throws IOException {
    cmd("RPUSH", "l", "a", "b", "c");
    assertEquals("a", cmd("LMOVE", "l", "l", "LEFT", "RIGHT"));
    assertEquals(List.of("b", "c", "a"), all("l"));
    assertEquals("a", cmd("LMOVE", "l", "l", "right", "left"));
    assertEquals(List.of("a", "b", "c"), all("l"));
    assertEquals("c", cmd("RPOPLPUSH", "l", "l"));
    assertEquals(List.of("c", "a", "b"), all("l"));

    assertEquals(SYNTAX, err("LMOVE", "l", "d", "middle", "LEFT"));
    assertEquals(SYNTAX, err("LMOVE", "l", "d", "LEFT", "middle"));
    assertEquals("$-1\r\n", raw("LMOVE", "nokey", "str", "LEFT", "LEFT"));
    assertEquals("$-1\r\n", raw("RPOPLPUSH", "nokey", "str"));
    // The destination's type is checked before anything is popped.
    assertEquals(WRONGTYPE, err("LMOVE", "l", "str", "LEFT", "LEFT"));
    assertEquals(WRONGTYPE, err("RPOPLPUSH", "l", "str"));
    assertEquals(List.of("c", "a", "b"), all("l"));
    assertEquals(WRONGTYPE, err("LMOVE", "str", "l", "LEFT", "LEFT"));
    assertEquals(WRONGTYPE, err("RPOPLPUSH", "str", "l"));

    assertEquals("b", cmd("RPOPLPUSH", "l", "d"));
    assertEquals("c", cmd("LMOVE", "l", "d", "LEFT", "LEFT"));
    assertEquals("a", cmd("LMOVE", "l", "d", "RIGHT", "RIGHT"));
    assertEquals(List.of("c", "b", "a"), all("d"));
    assertEquals(0L, cmd("EXISTS", "l"));
  }

  @Test
  void moveAcrossShards() {
    String[] k = keysOnTwoShards();
    cmd("RPUSH", k[0], "1", "2", "3");
    assertEquals("3", cmd("RPOPLPUSH", k[0], k[1]));
    assertEquals("1", cmd("LMOVE", k[0], k[1], "LEFT", "RIGHT"));
    assertEquals(List.of("3", "1"), all(k[1]));
    assertEquals(List.of("2"), all(k[0]));
    assertEquals("2", cmd("LMOVE", k[0], k[1], "RIGHT", "LEFT"));
    assertEquals(0L, cmd("EXISTS", k[0]));
    assertEquals(List.of("2", "3", "1"), all(k[1]));
    cmd("SET", k[0], "s");
    assertEquals(WRONGTYPE, err("LMOVE", k[1], k[0], "LEFT", "LEFT"));
    assertEquals(List.of("2", "3", "1"), all(k[1]));
    assertEquals("2", cmd("BLMOVE", k[1], "other", "LEFT", "LEFT", "0"));
    cmd("DEL", k[0]);
    assertEquals(List.of(k[1], List.of("1", "3")), cmd("LMPOP", "2", k[0], k[1], "RIGHT", "COUNT", "5"));
    assertEquals(0L, cmd("EXISTS", k[1]));
    cmd("RPUSH", k[1], "z");
    assertEquals(List.of(k[1], "z"), cmd("BLPOP", k[0], k[1], "0"));
    cmd("RPUSH", k[0], "y");
    assertEquals(List.of(k[0], List.of("y")), cmd("BLMPOP", "0", "2", k[1], k[0], "LEFT"));
  }

  // ---- LMPOP --------------------------------------------------------------------------------

  @Test
  void lmpop() throws IOException {
    cmd("RPUSH", "l", "a", "b", "c");
    assertEquals(List.of("l", List.of("a")), cmd("LMPOP", "1", "l", "LEFT"));
    assertEquals(List.of("l", List.of("c", "b")), cmd("LMPOP", "2", "nokey", "l", "right", "count", "10"));
    assertEquals(0L, cmd("EXISTS", "l"));
    assertEquals("*-1\r\n", raw("LMPOP", "2", "nokey", "l", "LEFT"));
    assertEquals(WRONGTYPE, err("LMPOP", "2", "nokey", "str", "LEFT"));

    String numkeys = "ERR numkeys should be greater than 0";
    String count = "ERR count should be greater than 0";
    assertEquals(numkeys, err("LMPOP", "0", "a", "LEFT"));
    assertEquals(numkeys, err("LMPOP", "-1", "a", "LEFT"));
    assertEquals(numkeys, err("LMPOP", "x", "a", "LEFT"));
    assertEquals(numkeys, err("LMPOP", "99999999999999999999", "a", "LEFT"));
    assertEquals(SYNTAX, err("LMPOP", "2", "a", "LEFT"));
    assertEquals(SYNTAX, err("LMPOP", "9223372036854775807", "a", "LEFT"));
    assertEquals(SYNTAX, err("LMPOP", "1", "a", "middle"));
    assertEquals(count, err("LMPOP", "1", "a", "LEFT", "COUNT", "0"));
    assertEquals(count, err("LMPOP", "1", "a", "LEFT", "COUNT", "-1"));
    assertEquals(count, err("LMPOP", "1", "a", "LEFT", "COUNT", "x"));
    assertEquals(count, err("LMPOP", "1", "a", "LEFT", "COUNT", "0", "foo"));
    assertEquals(SYNTAX, err("LMPOP", "1", "a", "LEFT", "COUNT"));
    assertEquals(SYNTAX, err("LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "2"));
    assertEquals(SYNTAX, err("LMPOP", "1", "a", "LEFT", "foo", "COUNT", "0"));
  }

  // ---- blocking forms: the immediate path and argument errors -------------------------------

  @Test
  void blockingFormsServeAtOnceWhenDataIsThere() {
    cmd("RPUSH", "l", "a", "b", "c", "d");
    assertEquals(List.of("l", "a"), cmd("BLPOP", "nokey", "l", "0"));
    assertEquals(List.of("l", "d"), cmd("BRPOP", "l", "nokey", "0.5"));
    assertEquals("b", cmd("BLMOVE", "l", "d", "LEFT", "RIGHT", "0"));
    assertEquals("c", cmd("BRPOPLPUSH", "l", "d", "1"));
    assertEquals(0L, cmd("EXISTS", "l"));
    assertEquals(List.of("c", "b"), all("d"));
    assertEquals(List.of("d", List.of("b", "c")), cmd("BLMPOP", "0", "1", "d", "RIGHT", "COUNT", "2"));
    assertEquals(0L, cmd("EXISTS", "d"));

    cmd("RPUSH", "l", "a");
    assertEquals(WRONGTYPE, err("BLPOP", "str", "l", "0"));
    assertEquals(WRONGTYPE, err("BLPOP", "nokey", "str", "0"));
    assertEquals(List.of("l", "a"), cmd("BLPOP", "l", "str", "0")); // served before str is looked at
    cmd("RPUSH", "l", "a");
    assertEquals(WRONGTYPE, err("BLMOVE", "str", "d", "LEFT", "LEFT", "0"));
    assertEquals(WRONGTYPE, err("BLMOVE", "l", "str", "LEFT", "LEFT", "0"));
    assertEquals(WRONGTYPE, err("BRPOPLPUSH", "l", "str", "0"));
    assertEquals(WRONGTYPE, err("BLMPOP", "0", "2", "nokey", "str", "LEFT"));
    assertEquals(List.of("a"), all("l"));
  }

  @Test
  void blockingArgumentErrors() {
    String notFloat = "ERR timeout is not a float or out of range";
    String negative = "ERR timeout is negative";
    cmd("RPUSH", "l", "a");
    assertEquals(notFloat, err("BLPOP", "str", "abc"));
    assertEquals(notFloat, err("BLPOP", "l", "nan"));
    assertEquals(notFloat, err("BLPOP", "l", " 1"));
    assertEquals(notFloat, err("BLPOP", "l", "1 "));
    assertEquals(notFloat, err("BLPOP", "l", ""));
    assertEquals(negative, err("BRPOP", "l", "-1"));
    assertEquals(negative, err("BLPOP", "l", "inf"));
    assertEquals(negative, err("BLPOP", "l", "-inf"));
    assertEquals(negative, err("BLPOP", "l", "1e30"));
    assertEquals(negative, err("BLPOP", "l", "9223372036854776"));

    assertEquals(SYNTAX, err("BLMOVE", "l", "d", "LEFT", "middle", "x"));
    assertEquals(notFloat, err("BLMOVE", "l", "d", "LEFT", "LEFT", "x"));
    assertEquals(negative, err("BLMOVE", "l", "d", "LEFT", "LEFT", "-1"));
    assertEquals(notFloat, err("BRPOPLPUSH", "l", "d", "x"));
    assertEquals(negative, err("BRPOPLPUSH", "l", "d", "-0.5"));

    // BLMPOP checks numkeys, the direction and COUNT before the timeout.
    assertEquals("ERR numkeys should be greater than 0", err("BLMPOP", "x", "0", "a", "LEFT"));
    assertEquals(notFloat, err("BLMPOP", "x", "1", "a", "LEFT"));
    assertEquals(SYNTAX, err("BLMPOP", "x", "1", "a", "middle"));
    assertEquals(SYNTAX, err("BLMPOP", "x", "2", "a", "LEFT"));
    assertEquals("ERR count should be greater than 0", err("BLMPOP", "x", "1", "a", "LEFT", "COUNT", "0"));
    assertEquals(negative, err("BLMPOP", "-1", "1", "a", "LEFT"));
    assertEquals(List.of("a"), all("l"));
  }

  // ---- structure through the server ------------------------------------------------------

  @Test
  void largeListsAndEncoding() {
    int n = 20_000;
    for (int i = 0; i < n; i += 1000) {
      String[] args = new String[1002];
      args[0] = "RPUSH";
      args[1] = "big";
      for (int k = 0; k < 1000; k++) {
        args[2 + k] = "element-" + (i + k);
      }
      cmd(args);
    }
    assertEquals((long) n, cmd("LLEN", "big"));
    assertEquals("element-12345", cmd("LINDEX", "big", "12345"));
    assertEquals("element-19999", cmd("LINDEX", "big", "-1"));
    assertEquals(List.of("element-9999", "element-10000"), cmd("LRANGE", "big", "9999", "10000"));
    assertEquals(10000L, cmd("LPOS", "big", "element-10000"));
    assertEquals((long) n + 1, cmd("LINSERT", "big", "AFTER", "element-5000", "new"));
    assertEquals("new", cmd("LINDEX", "big", "5001"));
    assertEquals("OK", cmd("LSET", "big", "5001", "y".repeat(5000)));
    assertEquals(1L, cmd("LREM", "big", "0", "y".repeat(5000)));
    assertEquals("OK", cmd("LTRIM", "big", "100", "-101"));
    assertEquals((long) n - 200, cmd("LLEN", "big"));
    assertEquals("element-100", cmd("LINDEX", "big", "0"));
  }

  @Test
  void keysOnTwoShardsReallyDiffer() {
    String[] k = keysOnTwoShards();
    SlotMap two = SlotMap.evenlySplit(2);
    assertNotEquals(two.shardOfKey(k[0].getBytes(StandardCharsets.US_ASCII)),
        two.shardOfKey(k[1].getBytes(StandardCharsets.US_ASCII)));
  }
}

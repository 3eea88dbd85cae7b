package io.troupe.type.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.JedisTestBase;
import io.troupe.keyspace.SlotMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The sorted-set commands over TCP through Jedis (and raw RESP2 bytes where
 * the exact framing of a score matters). Every expected reply and error text
 * is what a real Redis 7.0.15 answered to the same commands.
 */
class ZSetCommandsIT extends JedisTestBase {
  /** The raw RESP2 bytes of one reply (for exact score framing). */
  private String raw(String... args) throws IOException {
    try (Socket s = new Socket(server.host(), server.port())) {
      OutputStream out = s.getOutputStream();
      StringBuilder req = new StringBuilder("*" + args.length + "\r\n");
      for (String a : args) {
        req.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
      }
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      s.setSoTimeout(2000);
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      int n = in.read(buf);
      // one small reply arrives in one read on loopback; wait briefly for any rest
      long deadline = System.currentTimeMillis() + 100;
      int total = n;
      s.setSoTimeout(50);
      while (System.currentTimeMillis() < deadline) {
        try {
          int m = in.read(buf, total, buf.length - total);
          if (m < 0) {
            break;
          }
          total += m;
        } catch (java.net.SocketTimeoutException e) {
          break;
        }
      }
      return new String(buf, 0, total, StandardCharsets.ISO_8859_1);
    }
  }

  private static List<Object> l(Object... items) {
    return List.of(items);
  }

  @Test
  void zaddOptionsAndErrors() {
    assertEquals(3L, cmd("ZADD", "z", "1", "a", "2", "b", "3", "c"));
    assertEquals("ERR XX and NX options at the same time are not compatible",
        err("ZADD", "z", "xx", "nx", "1", "a"));
    assertEquals("ERR GT, LT, and/or NX options at the same time are not compatible",
        err("ZADD", "z", "gt", "lt", "1", "a"));
    assertEquals("ERR GT, LT, and/or NX options at the same time are not compatible",
        err("ZADD", "z", "gt", "nx", "1", "a"));
    assertEquals("ERR INCR option supports a single increment-element pair",
        err("ZADD", "z", "incr", "1", "a", "2", "b"));
    assertEquals("ERR wrong number of arguments for 'zadd' command", err("ZADD", "z", "1"));
    assertEquals("ERR syntax error", err("ZADD", "z", "1", "a", "2"));
    assertEquals("ERR syntax error", err("ZADD", "z", "foo", "1", "a"));
    assertEquals("ERR syntax error", err("ZADD", "z", "nx", "xx"));
    assertEquals("ERR value is not a valid float", err("ZADD", "z", "nan", "a"));
    assertEquals("ERR value is not a valid float", err("ZADD", "z", "1", "a", "1e400", "b"));
    assertEquals("ERR value is not a valid float", err("ZADD", "z", " 1", "a"));
    assertEquals(3L, cmd("ZCARD", "z"), "a failed ZADD changes nothing");
    assertNull(cmd("ZADD", "z", "incr", "nx", "1", "a"));
    assertNull(cmd("ZADD", "z", "incr", "xx", "1", "nope"));
    assertEquals(0L, cmd("ZADD", "new", "xx", "1", "a"));
    assertNull(cmd("ZADD", "new", "xx", "incr", "1", "a"));
    assertEquals(0L, cmd("EXISTS", "new"));
    assertEquals(1L, cmd("ZADD", "z", "0x10", "hex"));
    assertEquals("16", cmd("ZSCORE", "z", "hex"));
    assertEquals(0L, cmd("ZADD", "z", "+Infinity", "hex"));
    assertEquals("inf", cmd("ZSCORE", "z", "hex"));
    assertEquals(4L, cmd("ZADD", "z", "ch", "5", "a", "6", "b", "2", "c", "7", "d"));
    assertEquals(1L, cmd("ZADD", "z", "ch", "5", "a", "6", "b", "2", "c", "8", "d"));
    assertEquals(0L, cmd("ZADD", "z", "gt", "ch", "1", "a"));
    assertEquals(1L, cmd("ZADD", "z", "gt", "ch", "100", "a"));
    assertEquals(0L, cmd("ZADD", "z", "lt", "ch", "100", "b"));
    assertEquals(1L, cmd("ZADD", "z", "xx", "ch", "9", "zz", "9", "b"));
    assertNull(cmd("ZSCORE", "z", "zz"));
    assertEquals("-inf", cmd("ZADD", "z", "incr", "-inf", "c"));
    assertEquals("ERR resulting score is not a number (NaN)", err("ZADD", "z", "incr", "+inf", "c"));
    assertEquals("-inf", cmd("ZSCORE", "z", "c"));
    cmd("SET", "str", "x");
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        err("ZADD", "str", "1", "a"));
  }

  @Test
  void zincrbyZscoreZmscoreAndScoreFormat() throws IOException {
    assertEquals("2.5", cmd("ZINCRBY", "z", "2.5", "a"));
    assertEquals("3.5", cmd("ZINCRBY", "z", "1", "a"));
    assertEquals("ERR value is not a valid float", err("ZINCRBY", "z", "abc", "a"));
    assertEquals("ERR value is not a valid float", err("ZINCRBY", "z", "nan", "a"));
    cmd("ZADD", "z", "inf", "i");
    assertEquals("ERR resulting score is not a number (NaN)", err("ZINCRBY", "z", "-inf", "i"));
    cmd("ZADD", "f", "0.1", "a", "1e300", "b", "-0.0", "d", "123456789012345678", "g", "1e-320", "t");
    assertEquals("$19\r\n0.10000000000000001\r\n", raw("ZSCORE", "f", "a"));
    assertEquals("$23\r\n1.0000000000000001e+300\r\n", raw("ZSCORE", "f", "b"));
    assertEquals("$1\r\n0\r\n", raw("ZSCORE", "f", "d"));
    assertEquals("$22\r\n1.2345678901234568e+17\r\n", raw("ZSCORE", "f", "g"));
    assertEquals("$23\r\n9.9998886718268301e-321\r\n", raw("ZSCORE", "f", "t"));
    assertEquals("$3\r\ninf\r\n", raw("ZSCORE", "z", "i"));
    assertEquals("$-1\r\n", raw("ZSCORE", "f", "nope"));
    assertEquals("$-1\r\n", raw("ZSCORE", "nope", "a"));
    assertEquals(Arrays.asList("0.10000000000000001", null, "0"), cmd("ZMSCORE", "f", "a", "x", "d"));
    assertEquals(Arrays.asList((Object) null), cmd("ZMSCORE", "nope", "a"));
    assertEquals(5L, cmd("ZCARD", "f"));
    assertEquals(0L, cmd("ZCARD", "nope"));
  }

  @Test
  void zremDeletesTheEmptiedKey() {
    cmd("ZADD", "z", "1", "a", "2", "b");
    assertEquals(1L, cmd("ZREM", "z", "a", "nope"));
    assertEquals(0L, cmd("ZREM", "nope", "a"));
    assertEquals(1L, cmd("ZREM", "z", "b", "b"));
    assertEquals(0L, cmd("EXISTS", "z"));
  }

  @Test
  void countsAndRanks() {
    cmd("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
    assertEquals(5L, cmd("ZCOUNT", "z", "-inf", "+inf"));
    assertEquals(2L, cmd("ZCOUNT", "z", "(1.5", "3"));
    assertEquals(5L, cmd("ZCOUNT", "z", "(", "+inf"), "\"(\" alone is (0 as strtod reads it");
    assertEquals(0L, cmd("ZCOUNT", "z", "(3", "3"));
    assertEquals("ERR min or max is not a float", err("ZCOUNT", "z", "1", "x"));
    assertEquals("ERR min or max is not a float", err("ZCOUNT", "z", "nan", "1"));
    cmd("ZADD", "lex", "0", "a", "0", "b", "0", "c", "0", "d");
    assertEquals(4L, cmd("ZLEXCOUNT", "lex", "-", "+"));
    assertEquals(1L, cmd("ZLEXCOUNT", "lex", "[b", "(c"));
    assertEquals(0L, cmd("ZLEXCOUNT", "lex", "+", "-"));
    assertEquals("ERR min or max not valid string range item", err("ZLEXCOUNT", "lex", "a", "b"));
    assertEquals("ERR min or max not valid string range item", err("ZLEXCOUNT", "lex", "-x", "+"));
    assertEquals(1L, cmd("ZRANK", "z", "b"));
    assertEquals(3L, cmd("ZREVRANK", "z", "b"));
    assertNull(cmd("ZRANK", "z", "nope"));
    assertNull(cmd("ZRANK", "nope", "a"));
    assertEquals("ERR wrong number of arguments for 'zrank' command", err("ZRANK", "z", "b", "withscore"));
  }

  @Test
  void zrangeByRankScoreLex() {
    cmd("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
    assertEquals(l("a", "b", "c", "d", "e"), cmd("ZRANGE", "z", "0", "-1"));
    assertEquals(l("e", "5", "d", "4"), cmd("ZRANGE", "z", "0", "1", "REV", "WITHSCORES"));
    assertEquals(l("a", "b", "c", "d", "e"), cmd("ZRANGE", "z", "-100", "100"));
    assertEquals(l(), cmd("ZRANGE", "z", "3", "1"));
    assertEquals(l(), cmd("ZRANGE", "z", "5", "10"));
    assertEquals(l("e"), cmd("ZRANGE", "z", "-1", "-1"));
    assertEquals(l(), cmd("ZRANGE", "nope", "0", "-1"));
    assertEquals("ERR value is not an integer or out of range", err("ZRANGE", "z", "a", "b"));
    assertEquals("ERR value is not an integer or out of range",
        err("ZRANGE", "z", "0", "9999999999999999999"));
    assertEquals("ERR syntax error", err("ZRANGE", "z", "0", "-1", "foo"));
    assertEquals("ERR syntax error", err("ZRANGE", "z", "0", "-1", "byscore", "bylex"));
    assertEquals("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
        err("ZRANGE", "z", "0", "-1", "limit", "0", "1"));
    assertEquals(l("a", "b", "c", "d", "e"), cmd("ZRANGE", "z", "0", "-1", "limit", "0", "-1"));
    assertEquals(l("b", "2"), cmd("ZRANGE", "z", "(1", "3", "byscore", "limit", "0", "1", "withscores"));
    assertEquals(l("d", "4", "c", "3"),
        cmd("ZRANGE", "z", "+inf", "-inf", "byscore", "rev", "limit", "1", "2", "withscores"));
    assertEquals(l("e", "d", "c", "b", "a"), cmd("ZRANGE", "z", "5", "1", "byscore", "rev"));
    assertEquals(l(), cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "limit", "-1", "1"));
    assertEquals(l(), cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "limit", "5", "1"));
    assertEquals(l("e"), cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "limit", "4", "1"));
    assertEquals(l("c", "d", "e"), cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "limit", "2", "-5"));
    assertEquals(l("d", "4", "c", "3", "b", "2", "a", "1"),
        cmd("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "withscores", "limit", "1", "-1"));
    assertEquals(l("c", "b"), cmd("ZREVRANGEBYSCORE", "z", "(4", "(1"));
    assertEquals(l(), cmd("ZRANGEBYSCORE", "z", "1e400", "+inf"));
    assertEquals("ERR min or max is not a float", err("ZRANGEBYSCORE", "z", "abc", "+inf"));
    assertEquals("ERR syntax error", err("ZRANGEBYSCORE", "z", "0", "10", "limit", "0"));
    assertEquals("ERR value is not an integer or out of range",
        err("ZRANGEBYSCORE", "z", "0", "10", "limit", "a", "b"));
    assertEquals("ERR syntax error", err("ZRANGEBYSCORE", "z", "0", "10", "byscore"));
    assertEquals("ERR syntax error", err("ZRANGEBYSCORE", "z", "0", "10", "rev"));
    assertEquals(l("e", "5", "d", "4", "c", "3", "b", "2", "a", "1"),
        cmd("ZREVRANGE", "z", "0", "-1", "withscores"));
    assertEquals(l("d", "c"), cmd("ZREVRANGE", "z", "1", "2"));
    assertEquals("ERR syntax error", err("ZREVRANGE", "z", "0", "-1", "foo"));

    cmd("ZADD", "lex", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "ff");
    assertEquals(l("b", "c", "d"), cmd("ZRANGEBYLEX", "lex", "(a", "[d"));
    assertEquals(l("c", "d"), cmd("ZRANGEBYLEX", "lex", "[b", "(e", "limit", "1", "2"));
    assertEquals(l("e", "d"), cmd("ZREVRANGEBYLEX", "lex", "+", "-", "limit", "1", "2"));
    assertEquals(l("d", "c", "b"), cmd("ZREVRANGEBYLEX", "lex", "[d", "(a"));
    assertEquals(l(), cmd("ZRANGEBYLEX", "lex", "+", "-"));
    assertEquals(l("ff", "e", "d", "c", "b", "a"), cmd("ZRANGE", "lex", "+", "-", "bylex", "rev"));
    assertEquals(l(), cmd("ZRANGE", "lex", "-", "+", "bylex", "rev"));
    assertEquals("ERR min or max not valid string range item", err("ZRANGEBYLEX", "lex", "a", "+"));
    assertEquals("ERR min or max not valid string range item", err("ZRANGE", "lex", "0", "-1", "bylex"));
    assertEquals("ERR syntax error, WITHSCORES not supported in combination with BYLEX",
        err("ZRANGEBYLEX", "lex", "-", "+", "withscores"));
    assertEquals("ERR syntax error, WITHSCORES not supported in combination with BYLEX",
        err("ZRANGE", "lex", "[a", "[b", "bylex", "withscores"));
    cmd("SET", "str", "x");
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        err("ZRANGE", "str", "0", "-1"));
    assertEquals("ERR syntax error", err("ZRANGE", "str", "0", "-1", "foo"), "syntax before type");
  }

  @Test
  void zrangestore() {
    cmd("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assertEquals("ERR syntax error", err("ZRANGESTORE", "dst", "z", "0", "-1", "withscores"));
    assertEquals(3L, cmd("ZRANGESTORE", "dst", "z", "0", "-1", "rev"));
    assertEquals(l("a", "1", "b", "2", "c", "3"), cmd("ZRANGE", "dst", "0", "-1", "withscores"));
    assertEquals(2L, cmd("ZRANGESTORE", "dst", "z", "(1", "3", "byscore"));
    assertEquals(l("b", "c"), cmd("ZRANGE", "dst", "0", "-1"));
    assertEquals(0L, cmd("ZRANGESTORE", "dst", "nope", "0", "-1"));
    assertEquals(0L, cmd("EXISTS", "dst"));
    cmd("SET", "dst", "x");
    assertEquals(1L, cmd("ZRANGESTORE", "dst", "z", "0", "0"));
    assertEquals("zset", cmd("TYPE", "dst"));
    assertEquals(0L, cmd("ZRANGESTORE", "dst", "z", "10", "20"));
    assertEquals(0L, cmd("EXISTS", "dst"));
    cmd("SET", "str", "x");
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        err("ZRANGESTORE", "dst", "str", "0", "-1"));
  }

  @Test
  void zremrange() {
    cmd("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f");
    assertEquals("ERR value is not an integer or out of range", err("ZREMRANGEBYRANK", "z", "a", "b"));
    assertEquals(1L, cmd("ZREMRANGEBYRANK", "z", "0", "0"));
    assertEquals(1L, cmd("ZREMRANGEBYRANK", "z", "-1", "-1"));
    assertEquals(0L, cmd("ZREMRANGEBYRANK", "z", "5", "10"));
    assertEquals(0L, cmd("ZREMRANGEBYRANK", "z", "2", "1"));
    assertEquals(1L, cmd("ZREMRANGEBYSCORE", "z", "(2", "3"));
    assertEquals("ERR min or max is not a float", err("ZREMRANGEBYSCORE", "z", "x", "3"));
    assertEquals("ERR min or max not valid string range item", err("ZREMRANGEBYLEX", "z", "a", "b"));
    assertEquals(l("b", "d", "e"), cmd("ZRANGE", "z", "0", "-1"));
    assertEquals(3L, cmd("ZREMRANGEBYSCORE", "z", "-inf", "+inf"));
    assertEquals(0L, cmd("EXISTS", "z"));
    assertEquals(0L, cmd("ZREMRANGEBYRANK", "nope", "0", "-1"));
    cmd("ZADD", "l", "0", "a", "0", "b", "0", "c");
    assertEquals(2L, cmd("ZREMRANGEBYLEX", "l", "[a", "(c"));
    assertEquals(1L, cmd("ZREMRANGEBYLEX", "l", "-", "+"));
    assertEquals(0L, cmd("EXISTS", "l"));
  }

  @Test
  void pops() {
    cmd("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assertEquals(l(), cmd("ZPOPMIN", "z", "0"));
    assertEquals("ERR value is out of range, must be positive", err("ZPOPMIN", "z", "-1"));
    assertEquals("ERR value is out of range, must be positive", err("ZPOPMIN", "z", "a"));
    assertEquals("ERR syntax error", err("ZPOPMIN", "z", "1", "2"));
    assertEquals(l(), cmd("ZPOPMIN", "nope"));
    assertEquals(l(), cmd("ZPOPMIN", "nope", "2"));
    assertEquals(l("a", "1"), cmd("ZPOPMIN", "z"));
    assertEquals(l("c", "3", "b", "2"), cmd("ZPOPMAX", "z", "5"));
    assertEquals(0L, cmd("EXISTS", "z"));

    cmd("ZADD", "z", "1", "a", "2", "b", "3", "c");
    cmd("ZADD", "z2", "10", "b", "20", "c", "30", "d");
    assertEquals("ERR numkeys should be greater than 0", err("ZMPOP", "0", "z", "min"));
    assertEquals("ERR numkeys should be greater than 0", err("ZMPOP", "a", "z", "min"));
    assertEquals("ERR syntax error", err("ZMPOP", "5", "z", "min"));
    assertEquals("ERR syntax error", err("ZMPOP", "1", "z", "foo"));
    assertEquals("ERR syntax error", err("ZMPOP", "1", "z", "min", "count"));
    assertEquals("ERR count should be greater than 0", err("ZMPOP", "1", "z", "min", "count", "0"));
    assertEquals("ERR count should be greater than 0", err("ZMPOP", "1", "z", "min", "count", "a"));
    assertEquals("ERR syntax error", err("ZMPOP", "1", "z", "min", "count", "1", "count", "2"));
    assertEquals(l("z2", List.of(l("d", "30"), l("c", "20"))),
        cmd("ZMPOP", "2", "nope", "z2", "max", "count", "2"));
    assertEquals(l("z", List.of(l("c", "3"), l("b", "2"), l("a", "1"))),
        cmd("ZMPOP", "2", "z", "z2", "max", "count", "10"));
    assertNull(cmd("ZMPOP", "1", "nope", "min"));
    cmd("SET", "str", "x");
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        err("ZMPOP", "2", "str", "z2", "min"));

    assertEquals("ERR timeout is negative", err("BZPOPMIN", "z2", "-1"));
    assertEquals("ERR timeout is negative", err("BZPOPMIN", "z2", "inf"));
    assertEquals("ERR timeout is not a float or out of range", err("BZPOPMIN", "z2", "abc"));
    assertEquals("ERR timeout is not a float or out of range", err("BZMPOP", "abc", "1", "z2", "min"));
    assertEquals("ERR numkeys should be greater than 0", err("BZMPOP", "0", "0", "z2", "min"));
    assertEquals(l("z2", "b", "10"), cmd("BZPOPMIN", "nope", "z2", "0"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        err("BZPOPMAX", "str", "z2", "0"));
    cmd("ZADD", "z2", "40", "e");
    assertEquals(l("z2", List.of(l("e", "40"))), cmd("BZMPOP", "1", "1", "z2", "max"));
  }

  @Test
  void unionInterDiff() {
    cmd("ZADD", "z", "1", "a", "2", "b", "3", "c");
    cmd("ZADD", "z2", "10", "b", "20", "c", "30", "d");
    cmd("ZADD", "z3", "5", "c", "1", "x");
    assertEquals("ERR at least 1 input key is needed for 'zunion' command", err("ZUNION", "0", "z"));
    assertEquals("ERR at least 1 input key is needed for 'zunionstore' command",
        err("ZUNIONSTORE", "o", "-1", "z"));
    assertEquals("ERR value is not an integer or out of range", err("ZUNION", "a", "z"));
    assertEquals("ERR syntax error", err("ZUNION", "3", "z", "z2"));
    assertEquals("ERR syntax error", err("ZUNION", "2", "z", "z2", "weights", "1"));
    assertEquals("ERR weight value is not a float", err("ZUNION", "2", "z", "z2", "weights", "1", "x"));
    assertEquals("ERR weight value is not a float", err("ZUNION", "2", "z", "z2", "weights", "1", "nan"));
    assertEquals("ERR syntax error", err("ZUNION", "2", "z", "z2", "aggregate", "foo"));
    assertEquals("ERR syntax error", err("ZDIFF", "2", "z", "z2", "weights", "1", "2"));
    assertEquals("ERR syntax error", err("ZDIFF", "2", "z", "z2", "aggregate", "sum"));
    assertEquals("ERR syntax error", err("ZUNIONSTORE", "o", "2", "z", "z2", "withscores"));
    assertEquals(l("a", "1", "b", "10", "c", "20", "d", "30"),
        cmd("ZUNION", "2", "z", "z2", "aggregate", "max", "withscores"));
    assertEquals(l("a", "1", "b", "2", "c", "3", "d", "30"),
        cmd("ZUNION", "2", "z", "z2", "aggregate", "min", "withscores"));
    assertEquals(l("a", "1", "x", "1", "b", "12", "c", "28", "d", "30"),
        cmd("ZUNION", "3", "z", "z2", "z3", "withscores"));
    assertEquals(l("b", "9", "c", "16"), cmd("ZINTER", "2", "z", "z2", "weights", "2", "0.5", "withscores"));
    assertEquals(l("c", "28"), cmd("ZINTER", "3", "z", "z2", "z3", "withscores"));
    assertEquals(l("c", "20"), cmd("ZINTER", "3", "z", "z2", "z3", "aggregate", "max", "withscores"));
    assertEquals(l(), cmd("ZINTER", "2", "z", "nope"));
    assertEquals(l("a", "1"), cmd("ZDIFF", "2", "z", "z2", "withscores"));
    assertEquals(l("d"), cmd("ZDIFF", "2", "z2", "z"));
    assertEquals(l("a"), cmd("ZDIFF", "3", "z", "z2", "z3"));
    assertEquals(l(), cmd("ZDIFF", "1", "nope"));
    // options may repeat; the last wins
    assertEquals(l("a", "1", "b", "2", "c", "3", "d", "30"),
        cmd("ZUNION", "2", "z", "z2", "aggregate", "sum", "aggregate", "min", "withscores", "withscores"));

    assertEquals(4L, cmd("ZUNIONSTORE", "out", "2", "z", "z2", "weights", "1", "inf"));
    assertEquals(l("a", "1", "b", "inf", "c", "inf", "d", "inf"), cmd("ZRANGE", "out", "0", "-1", "withscores"));
    assertEquals(4L, cmd("ZUNIONSTORE", "out", "2", "z", "z2", "weights", "-inf", "inf"));
    assertEquals(l("a", "-inf", "b", "0", "c", "0", "d", "inf"), cmd("ZRANGE", "out", "0", "-1", "withscores"));
    assertEquals(2L, cmd("ZINTERSTORE", "out", "2", "z", "z2", "weights", "-inf", "inf"));
    assertEquals(l("b", "0", "c", "0"), cmd("ZRANGE", "out", "0", "-1", "withscores"));
    assertEquals(4L, cmd("ZUNIONSTORE", "out", "2", "z", "z2", "weights", "0", "inf"));
    assertEquals(l("a", "0", "b", "inf", "c", "inf", "d", "inf"), cmd("ZRANGE", "out", "0", "-1", "withscores"));
    assertEquals(0L, cmd("ZINTERSTORE", "out", "2", "z", "nope"));
    assertEquals(0L, cmd("EXISTS", "out"));
    assertEquals(1L, cmd("ZDIFFSTORE", "out", "2", "z", "z2"));
    assertEquals(l("a", "1"), cmd("ZRANGE", "out", "0", "-1", "withscores"));
    assertEquals(4L, cmd("ZUNIONSTORE", "z", "2", "z", "z2"), "the destination may be a source");
    assertEquals(l("a", "1", "b", "12", "c", "23", "d", "30"), cmd("ZRANGE", "z", "0", "-1", "withscores"));
    cmd("SET", "str", "x");
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        err("ZUNIONSTORE", "out", "2", "z", "str"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
        err("ZUNION", "2", "str", "z", "foo"), "type checked before options");

    assertEquals(3L, cmd("ZINTERCARD", "2", "z", "z2"));
    assertEquals(2L, cmd("ZINTERCARD", "2", "z", "z2", "limit", "2"));
    assertEquals(1L, cmd("ZINTERCARD", "2", "z", "z2", "limit", "1"));
    assertEquals(3L, cmd("ZINTERCARD", "2", "z", "z2", "limit", "0"));
    assertEquals("ERR LIMIT can't be negative", err("ZINTERCARD", "2", "z", "z2", "limit", "-1"));
    assertEquals("ERR LIMIT can't be negative", err("ZINTERCARD", "2", "z", "z2", "limit", "a"));
    assertEquals("ERR at least 1 input key is needed for 'zintercard' command", err("ZINTERCARD", "0", "z"));
    assertEquals("ERR syntax error", err("ZINTERCARD", "2", "z", "z2", "withscores"));
    assertEquals(0L, cmd("ZINTERCARD", "2", "z", "nope"));
  }

  /** Two key names that a two-shard node keeps on different shards. */
  private static String[] keysOnTwoShards() {
    SlotMap two = SlotMap.evenlySplit(2);
    String a = "src-a";
    for (int i = 0; ; i++) {
      String b = "src-b" + i;
      if (two.shardOfKey(a.getBytes(StandardCharsets.US_ASCII))
          != two.shardOfKey(b.getBytes(StandardCharsets.US_ASCII))) {
        return new String[] {a, b};
      }
    }
  }

  @Test
  void storeAcrossShards() {
    String[] k = keysOnTwoShards();
    SlotMap two = SlotMap.evenlySplit(2);
    assertNotEquals(two.shardOfKey(k[0].getBytes(StandardCharsets.US_ASCII)),
        two.shardOfKey(k[1].getBytes(StandardCharsets.US_ASCII)));
    cmd("ZADD", k[0], "1", "a", "2", "b");
    cmd("ZADD", k[1], "10", "b", "20", "c");
    assertEquals(3L, cmd("ZUNIONSTORE", k[1], "2", k[0], k[1], "aggregate", "max"));
    assertEquals(l("a", "1", "b", "10", "c", "20"), cmd("ZRANGE", k[1], "0", "-1", "withscores"));
    assertEquals(2L, cmd("ZINTERSTORE", k[0], "2", k[0], k[1]));
    assertEquals(l("a", "2", "b", "12"), cmd("ZRANGE", k[0], "0", "-1", "withscores"));
    assertEquals(1L, cmd("ZRANGESTORE", k[1], k[0], "1", "1"));
    assertEquals(l("b"), cmd("ZRANGE", k[1], "0", "-1"));
    assertEquals(l(k[0], List.of(l("a", "2"))), cmd("ZMPOP", "2", k[0], k[1], "min"));
  }

  @Test
  void zrandmember() {
    cmd("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assertNull(cmd("ZRANDMEMBER", "nope"));
    assertEquals(l(), cmd("ZRANDMEMBER", "nope", "3"));
    assertEquals(l(), cmd("ZRANDMEMBER", "z", "0"));
    assertEquals("ERR value is not an integer or out of range", err("ZRANDMEMBER", "z", "a"));
    assertEquals("ERR syntax error", err("ZRANDMEMBER", "z", "1", "withscores", "foo"));
    assertEquals("ERR syntax error", err("ZRANDMEMBER", "z", "1", "foo"));
    assertEquals("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
        err("ZRANDMEMBER", "z", "-9223372036854775808"));
    assertEquals("ERR value is out of range", err("ZRANDMEMBER", "z", "-9223372036854775807", "withscores"));
    assertEquals("ERR value is out of range", err("ZRANDMEMBER", "z", "4611686018427387904", "withscores"));
    assertEquals(l("c", "3", "b", "2", "a", "1"), cmd("ZRANDMEMBER", "z", "3", "withscores"));
    assertEquals(l("c", "b", "a"), cmd("ZRANDMEMBER", "z", "10"));
    assertTrue(Set.of("a", "b", "c").contains((String) cmd("ZRANDMEMBER", "z")));
    @SuppressWarnings("unchecked")
    List<String> rep = (List<String>) cmd("ZRANDMEMBER", "z", "-20", "withscores");
    assertEquals(40, rep.size());
    for (int i = 0; i < rep.size(); i += 2) {
      assertEquals(Double.parseDouble(rep.get(i + 1)), rep.get(i).charAt(0) - 'a' + 1.0);
    }
    @SuppressWarnings("unchecked")
    List<String> two = (List<String>) cmd("ZRANDMEMBER", "z", "2");
    assertEquals(2, new HashSet<>(two).size());
    cmd("SET", "str", "x");
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", err("ZRANDMEMBER", "str"));
  }

  @Test
  void zscan() {
    cmd("ZADD", "z", "1", "a", "2", "b", "0.5", "ab");
    assertEquals(l("0", l("ab", "0.5", "a", "1", "b", "2")), cmd("ZSCAN", "z", "0"));
    assertEquals(l("0", l("ab", "0.5", "a", "1")), cmd("ZSCAN", "z", "0", "match", "a*"));
    assertEquals("ERR syntax error", err("ZSCAN", "z", "0", "count", "0"));
    assertEquals("ERR value is not an integer or out of range", err("ZSCAN", "z", "0", "count", "a"));
    assertEquals("ERR syntax error", err("ZSCAN", "z", "0", "match"));
    assertEquals("ERR invalid cursor", err("ZSCAN", "z", "abc"));
    assertEquals(l("0", l()), cmd("ZSCAN", "nope", "0", "count", "a"));
    // a skiplist-encoded set: scan until the cursor returns to 0
    List<String> args = new ArrayList<>(List.of("ZADD", "big"));
    for (int i = 0; i < 300; i++) {
      args.add(Integer.toString(i));
      args.add("m" + i);
    }
    assertEquals(300L, cmd(args.toArray(new String[0])));
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    int calls = 0;
    do {
      @SuppressWarnings("unchecked")
      List<Object> r = (List<Object>) cmd("ZSCAN", "big", cursor, "COUNT", "20");
      cursor = (String) r.get(0);
      @SuppressWarnings("unchecked")
      List<String> items = (List<String>) r.get(1);
      for (int i = 0; i < items.size(); i += 2) {
        seen.add(items.get(i));
        assertEquals("m" + items.get(i + 1), items.get(i));
      }
      calls++;
    } while (!cursor.equals("0"));
    assertEquals(300, seen.size());
    assertTrue(calls > 1);
  }
}

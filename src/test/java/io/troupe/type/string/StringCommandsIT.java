package io.troupe.type.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.troupe.JedisTestBase;
import io.troupe.keyspace.SlotMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * String and bitmap commands over TCP through Jedis. Expected replies and
 * error texts are those of a real Redis 7.0.15 given the same commands. Each
 * test uses its own keys (no FLUSHALL needed).
 */
class StringCommandsIT extends JedisTestBase {
  @Test
  void setOptionsAndTheirErrors() {
    assertEquals("OK", cmd("SET", "s1", "v", "EX", "10", "EX", "20"));
    assertEquals("ERR syntax error", err("SET", "s1", "v", "NX", "XX"));
    assertEquals("ERR syntax error", err("SET", "s1", "v", "KEEPTTL", "EX", "5"));
    assertEquals("ERR syntax error", err("SET", "s1", "v", "EX", "5", "PXAT", "5"));
    assertEquals("ERR syntax error", err("SET", "s1", "v", "PERSIST"));
    assertEquals("ERR syntax error", err("SET", "s1", "v", "EX"));
    assertEquals("ERR invalid expire time in 'set' command", err("SET", "s1", "v", "PX", "0"));
    assertEquals("ERR invalid expire time in 'set' command", err("SET", "s1", "v", "EX", "-1"));
    assertEquals("ERR invalid expire time in 'set' command",
        err("SET", "s1", "v", "EX", "9223372036854775"));
    assertEquals("ERR invalid expire time in 'set' command",
        err("SET", "s1", "v", "PX", "9223372036854775807"));
    assertEquals("ERR value is not an integer or out of range", err("SET", "s1", "v", "EX", "abc"));
    assertEquals("v", cmd("GET", "s1"));
    assertEquals("v", cmd("SET", "s1", "w", "NX", "GET"));
    assertEquals("v", cmd("SET", "s1", "w", "XX", "GET"));
    assertEquals("w", cmd("GET", "s1"));
    assertNull(cmd("SET", "s2", "v", "XX"));
    assertNull(cmd("SET", "s2", "v", "XX", "GET"));
    assertEquals("OK", cmd("SET", "s2", "v", "NX"));
    assertNull(cmd("SET", "s2", "v", "NX"));
    assertEquals("OK", cmd("SET", "s2", "v", "PXAT", "1"));
    assertNull(cmd("GET", "s2"));
    assertEquals("OK", cmd("SET", "s3", "v", "px", "100000"));
    assertEquals("v", cmd("SET", "s3", "w", "keepttl", "get"));
    assertEquals("OK", cmd("SET", "s3", "w", "exat", "1", "xx"));
    assertNull(cmd("GET", "s3"));
  }

  @Test
  void setnxSetexPsetex() {
    assertEquals(1L, cmd("SETNX", "x1", "a"));
    assertEquals(0L, cmd("SETNX", "x1", "b"));
    assertEquals("a", cmd("GET", "x1"));
    assertEquals("ERR invalid expire time in 'setex' command", err("SETEX", "x2", "0", "v"));
    assertEquals("ERR value is not an integer or out of range", err("SETEX", "x2", "x", "v"));
    assertEquals("ERR invalid expire time in 'psetex' command", err("PSETEX", "x2", "-3", "v"));
    assertEquals("OK", cmd("SETEX", "x2", "100", "v"));
    assertEquals("OK", cmd("PSETEX", "x2", "100000", "v2"));
    assertEquals("v2", cmd("GET", "x2"));
  }

  @Test
  void getFamily() {
    assertNull(cmd("GETSET", "g1", "new"));
    assertEquals("new", cmd("GETSET", "g1", "newer"));
    assertEquals("newer", cmd("GETDEL", "g1"));
    assertNull(cmd("GETDEL", "g1"));
    assertNull(cmd("GET", "g1"));
    assertNull(cmd("GETEX", "g2", "EX", "-5"));
    assertEquals("ERR syntax error", err("GETEX", "g2", "foo"));
    cmd("SET", "g2", "v");
    assertEquals("ERR invalid expire time in 'getex' command", err("GETEX", "g2", "EX", "-5"));
    assertEquals("ERR syntax error", err("GETEX", "g2", "PERSIST", "EX", "3"));
    assertEquals("ERR syntax error", err("GETEX", "g2", "KEEPTTL"));
    assertEquals("v", cmd("GETEX", "g2", "PX", "100000"));
    assertEquals("v", cmd("GETEX", "g2", "PERSIST"));
    assertEquals("v", cmd("GETEX", "g2", "EXAT", "1"));
    assertNull(cmd("GET", "g2"));
  }

  /** Keys that the default node (two shards on a two-core machine) keeps on different shards. */
  private static void assertOnTwoShards(String a, String b) {
    SlotMap two = SlotMap.evenlySplit(2);
    assertNotEquals(two.shardOfKey(a.getBytes(StandardCharsets.US_ASCII)),
        two.shardOfKey(b.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void msetMgetAcrossShards() {
    assertOnTwoShards("a", "b");
    assertEquals("OK", cmd("MSET", "a", "1", "b", "2", "c", "3"));
    assertEquals(List.of("1", "2", "3"), cmd("MGET", "a", "b", "c"));
    assertEquals(Arrays.asList("1", null, "2"), cmd("MGET", "a", "nope", "b"));
    assertEquals("ERR wrong number of arguments for 'mset' command", err("MSET", "a", "1", "b"));
    assertEquals("ERR wrong number of arguments for 'mset' command", err("MSET", "a"));
  }

  @Test
  void msetnxIsAllOrNothingAcrossShards() {
    assertOnTwoShards("d", "f");
    assertOnTwoShards("d", "g");
    cmd("SET", "f", "old");
    assertEquals(0L, cmd("MSETNX", "d", "1", "f", "2"));
    assertEquals(Arrays.asList(null, "old"), cmd("MGET", "d", "f"));
    assertEquals(1L, cmd("MSETNX", "d", "1", "g", "2"));
    assertEquals(List.of("1", "2", "old"), cmd("MGET", "d", "g", "f"));
    assertEquals("ERR wrong number of arguments for 'msetnx' command", err("MSETNX", "d", "1", "h"));
  }

  @Test
  void integerCounters() {
    assertEquals(1L, cmd("INCR", "n1"));
    assertEquals(0L, cmd("DECR", "n1"));
    assertEquals(10L, cmd("INCRBY", "n1", "10"));
    assertEquals(-10L, cmd("DECRBY", "n1", "20"));
    assertEquals("ERR value is not an integer or out of range", err("INCRBY", "n1", "abc"));
    assertEquals("ERR value is not an integer or out of range", err("INCRBY", "n1", "+5"));
    assertEquals("ERR value is not an integer or out of range", err("INCRBY", "n1", "05"));
    assertEquals("ERR decrement would overflow", err("DECRBY", "n1", "-9223372036854775808"));
    assertEquals("ERR increment or decrement would overflow",
        err("DECRBY", "n1", "9223372036854775807"));
    cmd("SET", "n2", "9223372036854775807");
    assertEquals("ERR increment or decrement would overflow", err("INCR", "n2"));
    cmd("SET", "n2", "-9223372036854775808");
    assertEquals("ERR increment or decrement would overflow", err("DECR", "n2"));
    for (String bad : new String[] {" 1", "1 ", "01", "-0", "1.5", "", "99999999999999999999"}) {
      cmd("SET", "n3", bad);
      assertEquals("ERR value is not an integer or out of range", err("INCR", "n3"), bad);
    }
    cmd("SET", "n4", "41", "EX", "100");
    assertEquals(42L, cmd("INCR", "n4"));
    assertEquals("42", cmd("GET", "n4"));
  }

  @Test
  void incrbyfloatMatchesRedisLongDouble() {
    cmd("SET", "fl", "10.5");
    assertEquals("10.6", cmd("INCRBYFLOAT", "fl", "0.1"));
    assertEquals("5010.60000000000000009", cmd("INCRBYFLOAT", "fl", "5.0e3"));
    cmd("SET", "fl", "1e18");
    assertEquals("1000000000000000001.5", cmd("INCRBYFLOAT", "fl", "1.5"));
    assertEquals("3.14159265358979324", cmd("INCRBYFLOAT", "fl2", "3.14159265358979323846264338327950288"));
    assertEquals("0.125", cmd("INCRBYFLOAT", "fl3", "0x1p-3"));
    assertEquals("ERR value is not a valid float", err("INCRBYFLOAT", "fl3", " 1"));
    assertEquals("ERR value is not a valid float", err("INCRBYFLOAT", "fl3", "nan"));
    assertEquals("ERR value is not a valid float", err("INCRBYFLOAT", "fl3", "1e-5000"));
    assertEquals("ERR increment would produce NaN or Infinity", err("INCRBYFLOAT", "fl3", "inf"));
    cmd("SET", "fl4", "abc");
    assertEquals("ERR value is not a valid float", err("INCRBYFLOAT", "fl4", "1"));
    cmd("SET", "fl5", "-1");
    assertEquals("0", cmd("INCRBYFLOAT", "fl5", "0.9999999999999999999"));
  }

  @Test
  void appendStrlenGetrange() {
    assertEquals(5L, cmd("APPEND", "r1", "hello"));
    assertEquals(11L, cmd("APPEND", "r1", " world"));
    assertEquals(11L, cmd("STRLEN", "r1"));
    assertEquals(0L, cmd("STRLEN", "r-none"));
    assertEquals("hello", cmd("GETRANGE", "r1", "0", "4"));
    assertEquals("world", cmd("GETRANGE", "r1", "-5", "-1"));
    assertEquals("", cmd("GETRANGE", "r1", "-1", "-5"));
    assertEquals("", cmd("GETRANGE", "r1", "5", "2"));
    assertEquals("hello world", cmd("GETRANGE", "r1", "-100", "100"));
    assertEquals("", cmd("GETRANGE", "r1", "100", "200"));
    assertEquals("ell", cmd("SUBSTR", "r1", "1", "3"));
    assertEquals("", cmd("GETRANGE", "r-none", "0", "1"));
    assertEquals("ERR value is not an integer or out of range", err("GETRANGE", "r-none", "a", "1"));
  }

  @Test
  void setrangeAndLengthLimits() {
    assertEquals(0L, cmd("SETRANGE", "sr1", "0", ""));
    assertNull(cmd("GET", "sr1"));
    assertEquals(6L, cmd("SETRANGE", "sr1", "3", "abc"));
    assertEquals("\0\0\0abc", cmd("GET", "sr1"));
    assertEquals(6L, cmd("SETRANGE", "sr1", "0", "XY"));
    assertEquals("XY\0abc", cmd("GET", "sr1"));
    assertEquals("ERR offset is out of range", err("SETRANGE", "sr1", "-1", "x"));
    assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)",
        err("SETRANGE", "sr2", "536870912", "x"));
    assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)",
        err("SETRANGE", "sr2", "9223372036854775807", "xy"));
    assertEquals(0L, cmd("SETRANGE", "sr2", "536870911", ""));
    assertEquals("ERR bit offset is not an integer or out of range", err("SETBIT", "sr2", "4294967296", "1"));
  }

  @Test
  void lcsReplies() {
    cmd("SET", "l1", "ohmytext");
    cmd("SET", "l2", "mynewtext");
    assertEquals("mytext", cmd("LCS", "l1", "l2"));
    assertEquals(6L, cmd("LCS", "l1", "l2", "LEN"));
    assertEquals(List.of("matches", List.of(List.of(List.of(4L, 7L), List.of(5L, 8L)),
            List.of(List.of(2L, 3L), List.of(0L, 1L))), "len", 6L),
        cmd("LCS", "l1", "l2", "IDX"));
    assertEquals(List.of("matches", List.of(List.of(List.of(4L, 7L), List.of(5L, 8L), 4L)), "len", 6L),
        cmd("LCS", "l1", "l2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"));
    assertEquals("ERR If you want both the length and indexes, please just use IDX.",
        err("LCS", "l1", "l2", "LEN", "IDX"));
    assertEquals("ERR syntax error", err("LCS", "l1", "l2", "MINMATCHLEN"));
    assertEquals("ERR syntax error", err("LCS", "l1", "l2", "FOO"));
    assertEquals("", cmd("LCS", "l1", "l-none"));
    assertEquals(List.of("matches", List.of(), "len", 0L), cmd("LCS", "l-none", "l-none2", "IDX"));
  }

  @Test
  void setbitGetbit() {
    assertEquals(0L, cmd("SETBIT", "b1", "7", "1"));
    assertEquals(1L, cmd("SETBIT", "b1", "7", "1"));
    assertEquals("\u0001", cmd("GET", "b1"));
    assertEquals(0L, cmd("SETBIT", "b1", "100", "1"));
    assertEquals(13L, cmd("STRLEN", "b1"));
    assertEquals(1L, cmd("GETBIT", "b1", "100"));
    assertEquals(0L, cmd("GETBIT", "b1", "100000"));
    assertEquals(0L, cmd("GETBIT", "b-none", "5"));
    assertEquals("ERR bit is not an integer or out of range", err("SETBIT", "b1", "1", "2"));
    assertEquals("ERR bit is not an integer or out of range", err("SETBIT", "b1", "1", "x"));
    assertEquals("ERR bit offset is not an integer or out of range", err("SETBIT", "b1", "-1", "1"));
    assertEquals("ERR bit offset is not an integer or out of range", err("GETBIT", "b1", "4294967296"));
  }

  @Test
  void bitcountAndBitpos() {
    cmd("SET", "c1", "foobar");
    assertEquals(26L, cmd("BITCOUNT", "c1"));
    assertEquals(4L, cmd("BITCOUNT", "c1", "0", "0"));
    assertEquals(6L, cmd("BITCOUNT", "c1", "1", "1", "BYTE"));
    assertEquals(17L, cmd("BITCOUNT", "c1", "5", "30", "BIT"));
    assertEquals(0L, cmd("BITCOUNT", "c1", "-1", "-3"));
    assertEquals("ERR syntax error", err("BITCOUNT", "c1", "1"));
    assertEquals("ERR syntax error", err("BITCOUNT", "c1", "1", "2", "3"));
    assertEquals(0L, cmd("BITCOUNT", "c-none", "a", "b"));
    assertEquals("ERR value is not an integer or out of range", err("BITCOUNT", "c1", "a", "b"));

    j.set("p1".getBytes(), new byte[] {(byte) 0xff, (byte) 0xf0, 0});
    assertEquals(12L, cmd("BITPOS", "p1", "0"));
    assertEquals(0L, cmd("BITPOS", "p1", "1"));
    assertEquals(16L, cmd("BITPOS", "p1", "0", "2"));
    assertEquals(-1L, cmd("BITPOS", "p1", "1", "2"));
    assertEquals(12L, cmd("BITPOS", "p1", "0", "7", "15", "BIT"));
    assertEquals(-1L, cmd("BITPOS", "p1", "0", "0", "11", "BIT"));
    j.set("p2".getBytes(), new byte[] {(byte) 0xff, (byte) 0xff});
    assertEquals(16L, cmd("BITPOS", "p2", "0"));
    assertEquals(-1L, cmd("BITPOS", "p2", "0", "0", "-1"));
    assertEquals("ERR The bit argument must be 1 or 0.", err("BITPOS", "p2", "3"));
    assertEquals(-1L, cmd("BITPOS", "p-none", "1", "a"));
    assertEquals(0L, cmd("BITPOS", "p-none", "0"));
    assertEquals("ERR syntax error", err("BITPOS", "p2", "1", "1", "2", "foo"));
    assertEquals("ERR syntax error", err("BITPOS", "p2", "1", "1", "2", "bit", "3"));
  }

  @Test
  void bitopAcrossShards() {
    assertOnTwoShards("k1{x}", "k2");
    cmd("SET", "k1{x}", "abc");
    cmd("SET", "k2", "ab");
    assertEquals(3L, cmd("BITOP", "AND", "dst", "k1{x}", "k2"));
    assertEquals("ab\0", cmd("GET", "dst"));
    assertEquals(3L, cmd("BITOP", "OR", "dst", "k1{x}", "k2", "k-none"));
    assertEquals("abc", cmd("GET", "dst"));
    assertEquals(3L, cmd("BITOP", "XOR", "dst", "k1{x}", "k2"));
    assertEquals("\0\0c", cmd("GET", "dst"));
    assertEquals(3L, cmd("BITOP", "NOT", "dst", "k1{x}"));
    assertEquals("\u009e\u009d\u009c", cmd("GET", "dst"));
    assertEquals("ERR BITOP NOT must be called with a single source key.",
        err("BITOP", "NOT", "dst", "k1{x}", "k2"));
    assertEquals("ERR syntax error", err("BITOP", "FOO", "dst", "k1{x}"));
    assertEquals(0L, cmd("BITOP", "and", "dst", "k-none", "k-none2"));
    assertNull(cmd("GET", "dst"));
  }

  @Test
  void bitfieldOperations() {
    assertEquals(Arrays.asList(0L, 127L),
        cmd("BITFIELD", "bf", "OVERFLOW", "SAT", "SET", "i8", "0", "-9223372036854775808", "GET", "i8", "0"));
    assertEquals(Arrays.asList(0L, null, 255L), cmd("BITFIELD", "bf2", "OVERFLOW", "SAT", "SET", "u8", "0",
        "-1", "OVERFLOW", "FAIL", "SET", "u8", "0", "-1", "OVERFLOW", "WRAP", "SET", "u8", "0", "-1"));
    assertEquals(Arrays.asList(-72057594037927936L, 9223372036854775803L, -5L), cmd("BITFIELD", "bf2",
        "SET", "i64", "0", "-5", "INCRBY", "i64", "0", "-9223372036854775808",
        "OVERFLOW", "SAT", "INCRBY", "i64", "0", "-9223372036854775808"));
    assertEquals(List.of(0L, 0L), cmd("BITFIELD", "bf3", "SET", "u8", "#1", "255", "GET", "u4", "0"));
    assertEquals(2L, cmd("STRLEN", "bf3"));
    assertEquals(List.of(15L, -1L), cmd("BITFIELD_RO", "bf3", "GET", "u4", "8", "GET", "i4", "#3"));
    assertEquals(List.of(), cmd("BITFIELD", "bf-none"));
    assertEquals(List.of(0L, 0L), cmd("BITFIELD", "bf-none", "GET", "i5", "3", "GET", "u60", "100"));
    assertEquals(Arrays.asList((Object) null), cmd("BITFIELD", "bf4", "OVERFLOW", "FAIL", "SET", "u2", "0", "9"));
    assertEquals(1L, cmd("STRLEN", "bf4"));
    String type = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
    assertEquals(type, err("BITFIELD", "bf", "GET", "u64", "0"));
    assertEquals("ERR bit offset is not an integer or out of range", err("BITFIELD", "bf", "GET", "u8", "#-1"));
    assertEquals("ERR syntax error", err("BITFIELD", "bf", "GET", "u8"));
    assertEquals("ERR Invalid OVERFLOW type specified", err("BITFIELD", "bf", "OVERFLOW", "bad"));
    assertEquals("ERR BITFIELD_RO only supports the GET subcommand",
        err("BITFIELD_RO", "bf", "SET", "u8", "0", "1"));
  }
}

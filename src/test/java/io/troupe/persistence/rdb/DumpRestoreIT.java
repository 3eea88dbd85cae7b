package io.troupe.persistence.rdb;

import static io.troupe.persistence.rdb.RdbModel.b;
import static io.troupe.persistence.rdb.RdbModel.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * DUMP / RESTORE over TCP: payloads from a real redis-server 7.0 restored into
 * Troupe and Troupe's restored into the real one, for every type and size
 * class (where redis-server is installed); Troupe to Troupe always; every
 * RESTORE option and error with Redis's exact texts, compared with the real
 * server's replies where it is there.
 */
class DumpRestoreIT {
  private static final int REDIS_PORT = 16553;
  private static TestServer server;
  private static Jedis troupe;
  private static RealRedis redis;
  private static Jedis real;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    troupe = new Jedis(server.host(), server.port());
    if (RealRedis.installed()) {
      dir = Files.createTempDirectory("dumprestore");
      redis = RealRedis.start(REDIS_PORT, dir, "dump.rdb");
      real = redis.jedis();
    }
  }

  @AfterAll
  static void stop() {
    if (real != null) {
      real.close();
      redis.close();
    }
    troupe.close();
    server.close();
  }

  @BeforeEach
  void flush() {
    troupe.flushAll();
    troupe.select(0);
    if (real != null) {
      real.flushAll();
      real.select(0);
    }
  }

  private static Object call(Jedis j, String... args) {
    byte[][] rest = new byte[args.length - 1][];
    for (int i = 1; i < args.length; i++) {
      rest[i - 1] = b(args[i]);
    }
    try {
      return j.sendCommand(() -> b(args[0]), rest);
    } catch (JedisDataException e) {
      return "error: " + e.getMessage();
    }
  }

  private static Object restore(Jedis j, String key, long ttl, byte[] payload, String... options) {
    byte[][] args = new byte[3 + options.length][];
    args[0] = b(key);
    args[1] = b(Long.toString(ttl));
    args[2] = payload;
    for (int i = 0; i < options.length; i++) {
      args[3 + i] = b(options[i]);
    }
    try {
      Object r = j.sendCommand(() -> b("RESTORE"), args);
      return r instanceof byte[] bytes ? s(bytes) : r;
    } catch (JedisDataException e) {
      return "error: " + e.getMessage();
    }
  }

  private static String debugDigestValue(Jedis j, String key) {
    @SuppressWarnings("unchecked")
    List<byte[]> r = (List<byte[]>) j.sendCommand(() -> b("DEBUG"), b("DIGEST-VALUE"), b(key));
    return s(r.get(0));
  }

  // ---- across servers -----------------------------------------------------------------------

  @Test
  void redisPayloadsRestoreIntoTroupeAndBack() {
    assumeTrue(real != null, "redis-server is not installed");
    for (RdbModel m : List.of(RdbModel.small(), RdbModel.large())) {
      m.fill(real);
      real.pfadd("hll", "a", "b", "c");
      for (Map.Entry<Integer, Map<String, RdbModel.Key>> db : m.dbs.entrySet()) {
        real.select(db.getKey());
        troupe.select(db.getKey());
        List<String> keys = new ArrayList<>(db.getValue().keySet());
        if (db.getKey() == 0) {
          keys.add("hll");
        }
        for (String k : keys) {
          byte[] payload = real.dump(b(k));
          long at = RdbModel.pexpiretime(real, b(k));
          String[] opts = at == -1 ? new String[0] : new String[] {"ABSTTL"};
          assertEquals("OK", restore(troupe, k, at == -1 ? 0 : at, payload, opts), k);
          Object expected = RdbModel.readValue(real, b(k));
          assertEquals(expected, RdbModel.readValue(troupe, b(k)), k);
          assertEquals(at, RdbModel.pexpiretime(troupe, b(k)), k);
          // ...and Troupe's DUMP restores into Redis as the same value.
          byte[] ours = troupe.dump(b(k));
          // (DIGEST-VALUE covers whether the key has a TTL, so the copy gets the same one.)
          assertEquals("OK", restore(real, "back:" + k, at == -1 ? 0 : at, ours, opts), k);
          assertEquals(debugDigestValue(real, k), debugDigestValue(real, "back:" + k), k);
          // Encodings after RESTORE agree (a restored string is re-encoded as Redis's
          // tryObjectEncoding decides, so strings are compared with Redis's restored copy).
          assertEquals(real.objectEncoding("back:" + k), troupe.objectEncoding(k), k);
          if (!real.type(k).equals("string")) {
            assertEquals(real.objectEncoding(k), real.objectEncoding("back:" + k), k);
          }
        }
      }
      real.select(0);
      troupe.select(0);
      troupe.flushAll();
    }
  }

  @Test
  void stringPayloadsAreByteIdenticalToRedis() {
    // Strings take the same encodings as Redis (int, raw, LZF), so their payloads match byte for byte.
    byte[] known = {0x00, (byte) 0xc1, 0x39, 0x30, 0x0a, 0x00, (byte) 0x9d, (byte) 0x94, (byte) 0xea, 0x27,
        (byte) 0x93, (byte) 0xfc, 0x08, (byte) 0xb9};
    troupe.set("n", "12345");
    assertArrayEquals(known, troupe.dump("n"));
    if (real != null) {
      for (String v : new String[] {"12345", "-1", "70000", "12345678901", "hello", "x".repeat(20), ""}) {
        real.set("s", v);
        troupe.set("s", v);
        assertArrayEquals(real.dump("s"), troupe.dump("s"), v);
      }
      // LZF output depends on the compressor's match search: both compress, each restores in the other.
      String v = "abcabcabc".repeat(40);
      real.set("s", v);
      troupe.set("s", v);
      assertEquals(0xc3, real.dump("s")[1] & 0xff);
      assertEquals(0xc3, troupe.dump("s")[1] & 0xff);
      assertEquals("OK", restore(real, "t", 0, troupe.dump("s")));
      assertEquals(v, real.get("t"));
      assertEquals("OK", restore(troupe, "t", 0, real.dump("s")));
      assertEquals(v, troupe.get("t"));
    }
  }

  // ---- Troupe to Troupe -----------------------------------------------------------------------

  @Test
  void everyTypeRoundTripsThroughTroupe() {
    for (RdbModel m : List.of(RdbModel.small(), RdbModel.large())) {
      m.fill(troupe);
      for (Map.Entry<Integer, Map<String, RdbModel.Key>> db : m.dbs.entrySet()) {
        troupe.select(db.getKey());
        for (Map.Entry<String, RdbModel.Key> e : db.getValue().entrySet()) {
          String k = e.getKey();
          byte[] payload = troupe.dump(b(k));
          assertTrue(DumpPayload.verify(payload, true), k);
          assertEquals("OK", restore(troupe, "copy:" + k, 0, payload), k);
          assertEquals(e.getValue().value(), RdbModel.readValue(troupe, b("copy:" + k)), k);
          assertEquals(troupe.objectEncoding((k)), troupe.objectEncoding(("copy:" + k)), k);
          assertEquals(-1, troupe.pttl(b("copy:" + k)));
        }
      }
      troupe.select(0);
    }
  }

  @Test
  void dumpOfAMissingKeyIsNull() {
    assertNull(troupe.dump("nokey"));
  }

  // ---- options --------------------------------------------------------------------------------

  @Test
  void ttlReplaceAndAbsttl() {
    troupe.rpush("src", "a", "b");
    byte[] p = troupe.dump("src");
    assertEquals("OK", restore(troupe, "k", 5000, p));
    long pttl = troupe.pttl("k");
    assertTrue(pttl > 4000 && pttl <= 5000, "pttl " + pttl);
    assertEquals("error: BUSYKEY Target key name already exists.", restore(troupe, "k", 0, p));
    troupe.set("k", "string now");
    assertEquals("OK", restore(troupe, "k", 0, p, "REPLACE"));
    assertEquals(List.of("a", "b"), troupe.lrange("k", 0, -1));
    assertEquals(-1, troupe.pttl("k"));
    long at = System.currentTimeMillis() + 100_000;
    assertEquals("OK", restore(troupe, "abs", at, p, "ABSTTL"));
    assertEquals(at, troupe.pexpireTime("abs"));
    // An absolute time in the past: OK, and no key (an existing one is deleted with REPLACE).
    assertEquals("OK", restore(troupe, "past", 1000, p, "ABSTTL"));
    assertFalse(troupe.exists("past"));
    assertEquals("OK", restore(troupe, "k", 1000, p, "ABSTTL", "REPLACE"));
    assertFalse(troupe.exists("k"));
    // Options are case-insensitive.
    assertEquals("OK", restore(troupe, "k", 0, p, "replace", "absttl"));
  }

  @Test
  void idletimeAndFreq() {
    troupe.set("src", "v");
    byte[] p = troupe.dump("src");
    assertEquals("OK", restore(troupe, "idle", 0, p, "IDLETIME", "1000"));
    long idle = troupe.objectIdletime("idle");
    assertTrue(idle >= 1000 && idle <= 1001, "idle " + idle);
    // FREQ is accepted but only applies under an LFU policy.
    assertEquals("OK", restore(troupe, "f1", 0, p, "FREQ", "100"));
    assertTrue(troupe.objectIdletime("f1") <= 1);
    troupe.configSet("maxmemory-policy", "allkeys-lfu");
    try {
      assertEquals("OK", restore(troupe, "f2", 0, p, "FREQ", "100"));
      assertEquals(100L, troupe.objectFreq("f2"));
      assertEquals("OK", restore(troupe, "f3", 0, p, "FREQ", "0"));
      assertEquals(0L, troupe.objectFreq("f3"));
    } finally {
      troupe.configSet("maxmemory-policy", "noeviction");
    }
  }

  // ---- errors ---------------------------------------------------------------------------------

  /** The error cases, each run on Troupe (exact text) and, where installed, on Redis (same reply). */
  @Test
  void errorsAsRedis() {
    for (Jedis j : real == null ? List.of(troupe) : List.of(troupe, real)) {
      j.set("src", "value");
      j.set("existing", "x");
      byte[] p = j.dump("src");
      byte[] badCrc = p.clone();
      badCrc[badCrc.length - 1] ^= 1;
      byte[] v11 = p.clone();
      v11[v11.length - 10] = 11;
      String who = j == troupe ? "troupe" : "redis";
      assertEquals("error: BUSYKEY Target key name already exists.", restore(j, "existing", 0, p), who);
      assertEquals("error: ERR Invalid TTL value, must be >= 0", restore(j, "k", -1, p), who);
      assertEquals("error: ERR value is not an integer or out of range",
          call(j, "RESTORE", "k", "abc", s(p)), who);
      assertEquals("error: ERR DUMP payload version or checksum are wrong", restore(j, "k", 0, badCrc), who);
      assertEquals("error: ERR DUMP payload version or checksum are wrong", restore(j, "k", 0, v11), who);
      assertEquals("error: ERR DUMP payload version or checksum are wrong", restore(j, "k", 0, b("x")), who);
      // As in Redis, the value is read from the whole argument, footer included.
      assertEquals("OK", restore(j, "k", 0, validFooter(new byte[] {0, 5, 'a'})), who);
      assertEquals(5, j.strlen("k"), who);
      j.del("k");
      assertEquals("error: ERR Bad data format", restore(j, "k", 0, validFooter(new byte[] {0, 0x7f, (byte) 0xff})),
          who);
      assertEquals("error: ERR Bad data format", restore(j, "k", 0, validFooter(new byte[] {(byte) 200})), who);
      assertEquals("error: ERR syntax error", restore(j, "k", 0, p, "IDLETIME"), who);
      assertEquals("error: ERR syntax error", restore(j, "k", 0, p, "FREQ"), who);
      assertEquals("error: ERR syntax error", restore(j, "k", 0, p, "IDLETIME", "5", "FREQ", "3"), who);
      assertEquals("error: ERR syntax error", restore(j, "k", 0, p, "FREQ", "3", "IDLETIME", "5"), who);
      assertEquals("error: ERR syntax error", restore(j, "k", 0, p, "NOPE"), who);
      assertEquals("error: ERR Invalid IDLETIME value, must be >= 0", restore(j, "k", 0, p, "IDLETIME", "-1"),
          who);
      assertEquals("error: ERR value is not an integer or out of range",
          restore(j, "k", 0, p, "IDLETIME", "x"), who);
      assertEquals("error: ERR Invalid FREQ value, must be >= 0 and <= 255", restore(j, "k", 0, p, "FREQ", "256"),
          who);
      assertEquals("error: ERR Invalid FREQ value, must be >= 0 and <= 255", restore(j, "k", 0, p, "FREQ", "-1"),
          who);
      // Option errors come before the existing-key check, which comes before the TTL and payload checks.
      assertEquals("error: ERR syntax error", restore(j, "existing", 0, p, "NOPE"), who);
      assertEquals("error: BUSYKEY Target key name already exists.", restore(j, "existing", -1, b("x")), who);
      assertEquals("error: ERR wrong number of arguments for 'restore' command", call(j, "RESTORE", "k", "0"),
          who);
      assertEquals("error: ERR wrong number of arguments for 'dump' command", call(j, "DUMP"), who);
      assertFalse(j.exists("k"), who);
    }
  }

  /** {@code body} followed by RDB version 10 and its correct CRC-64. */
  private static byte[] validFooter(byte[] body) {
    byte[] p = java.util.Arrays.copyOf(body, body.length + 10);
    p[body.length] = 10;
    long crc = Crc64.update(0, p, 0, body.length + 2);
    for (int i = 0; i < 8; i++) {
      p[body.length + 2 + i] = (byte) (crc >>> (8 * i));
    }
    return p;
  }

  @Test
  void restoreNotifiesNewAndRestore() throws Exception {
    troupe.set("src", "v");
    byte[] p = troupe.dump("src");
    troupe.configSet("notify-keyspace-events", "KEAn");
    try (io.troupe.connection.RawClient sub = new io.troupe.connection.RawClient(server.host(), server.port())) {
      sub.send("PSUBSCRIBE", "__keyevent@0__:*");
      sub.reply();
      assertEquals("OK", restore(troupe, "k", 0, p));
      assertEquals("OK", restore(troupe, "k", 0, p, "REPLACE"));
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String[] parts = sub.reply().split("\r\n", -1);
        events.add(parts[6] + " " + parts[8]);
      }
      // dbAdd's "new", then "restore"; a REPLACE deletes quietly and adds again.
      assertEquals(List.of("__keyevent@0__:new k", "__keyevent@0__:restore k", "__keyevent@0__:new k",
          "__keyevent@0__:restore k"), events);
    } finally {
      troupe.configSet("notify-keyspace-events", "");
    }
  }

  @Test
  void streamPayloadsAreRefused() {
    assumeTrue(real != null, "redis-server is not installed");
    real.xadd("st", StreamEntryID.NEW_ENTRY, Map.of("f", "v"));
    assertEquals("error: ERR Bad data format", restore(troupe, "st", 0, real.dump("st")));
    assertFalse(troupe.exists("st"));
  }

  @Test
  void rdbchecksumNoSkipsTheChecksum() {
    try (TestServer noCrc = TestServer.start("--rdbchecksum", "no");
         Jedis j = new Jedis(noCrc.host(), noCrc.port())) {
      j.set("src", "value");
      byte[] p = j.dump("src");
      byte[] badCrc = p.clone();
      badCrc[badCrc.length - 1] ^= 1;
      assertEquals("OK", restore(j, "k", 0, badCrc));
      assertEquals("value", j.get("k"));
      byte[] v11 = p.clone();
      v11[v11.length - 10] = 11;
      assertEquals("error: ERR DUMP payload version or checksum are wrong", restore(j, "k2", 0, v11));
    }
  }

  @Test
  void rdbcompressionNoDumpsRawStrings() {
    String v = "abcabcabc".repeat(40);
    troupe.set("s", v);
    assertEquals(0xc3, troupe.dump("s")[1] & 0xff);
    troupe.configSet("rdbcompression", "no");
    try {
      byte[] p = troupe.dump("s");
      assertEquals(0x41, p[1] & 0xff); // 360 bytes: a raw string with a 14-bit length
      assertEquals(v, s(java.util.Arrays.copyOfRange(p, 3, p.length - 10)));
    } finally {
      troupe.configSet("rdbcompression", "yes");
    }
    assertThrows(JedisDataException.class, () -> troupe.restore("s", 0, b("junk")));
  }
}

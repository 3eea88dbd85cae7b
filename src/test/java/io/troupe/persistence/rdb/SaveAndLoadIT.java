package io.troupe.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.TestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.SafeEncoder;

/** SAVE, LASTSAVE, loading at start-up, SHUTDOWN's save and DEBUG RELOAD, against Troupe and a real Redis. */
class SaveAndLoadIT {
  /** This group's reference-redis ports. */
  private static final int REDIS_PORT_A = 16562;
  private static final int REDIS_PORT_B = 16563;

  private static final redis.clients.jedis.commands.ProtocolCommand DEBUG =
      () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path tmp;

  /** Every type, several encodings, several databases, keys with and without TTLs. */
  static void fill(Jedis j) {
    j.select(0);
    j.set("str", "hello");
    j.set("int", "12345");
    j.set("big", "x".repeat(5000));
    j.setex("ttl-str", 1000, "soon");
    j.rpush("list", "a", "b", "c", "1", "2");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      many.add("element-" + i);
    }
    j.rpush("biglist", many.toArray(new String[0]));
    j.hset("hash", Map.of("f1", "v1", "f2", "2"));
    for (int i = 0; i < 600; i++) {
      j.hset("bighash", "field" + i, "value" + i);
    }
    j.sadd("intset", "1", "2", "3", "-7");
    j.sadd("set", "a", "b", "c");
    for (int i = 0; i < 600; i++) {
      j.sadd("bigset", "m" + i);
    }
    j.zadd("zset", Map.of("a", 1.5, "b", -2.0, "c", 3e10));
    for (int i = 0; i < 200; i++) {
      j.zadd("bigzset", i / 3.0, "member" + i);
    }
    j.pfadd("hll", "a", "b", "c");
    j.expire("list", 5000);
    j.pexpire("hash", 123456);
    j.select(3);
    j.set("db3", "three");
    j.sadd("db3set", "x");
    j.expire("db3set", 9999);
    j.select(0);
  }

  /** Everything in databases 0-15: "db:key" → type, content and absolute expiry. */
  static Map<String, String> snapshot(Jedis j) {
    Map<String, String> out = new TreeMap<>();
    for (int db = 0; db < 16; db++) {
      j.select(db);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> r = j.scan(cursor, new ScanParams().count(1000));
        for (String k : r.getResult()) {
          out.put(db + ":" + k, describe(j, k));
        }
        cursor = r.getCursor();
      } while (!cursor.equals("0"));
    }
    j.select(0);
    return out;
  }

  private static String describe(Jedis j, String k) {
    String type = j.type(k);
    String content = switch (type) {
      case "string" -> j.get(k);
      case "list" -> j.lrange(k, 0, -1).toString();
      case "hash" -> new TreeMap<>(j.hgetAll(k)).toString();
      case "set" -> new TreeSet<>(j.smembers(k)).toString();
      case "zset" -> {
        StringBuilder sb = new StringBuilder();
        for (Tuple t : j.zrangeWithScores(k, 0, -1)) {
          sb.append(t.getElement()).append('=').append(t.getScore()).append(',');
        }
        yield sb.toString();
      }
      default -> "?";
    };
    Object at = j.sendCommand(Protocol.Command.PEXPIRETIME, k);
    return type + " " + content + " expireat=" + at;
  }

  @Test
  void saveThenRestartKeepsEverything() throws Exception {
    Map<String, String> before;
    try (TestServer s = TestServer.start("--dir", tmp.toString());
        Jedis j = new Jedis(s.host(), s.port())) {
      fill(j);
      j.setex("short", 1, "gone-after-restart");
      before = snapshot(j);
      assertTrue(info(j).contains("rdb_changes_since_last_save:"));
      assertNotEquals("0", field(info(j), "rdb_changes_since_last_save"));
      long start = j.lastsave();
      assertEquals("OK", j.save());
      assertTrue(Files.exists(tmp.resolve("dump.rdb")));
      try (var files = Files.list(tmp)) {
        assertEquals(1, files.count(), "no temp file left behind");
      }
      String info = info(j);
      assertEquals("0", field(info, "rdb_changes_since_last_save"));
      assertEquals("1", field(info, "rdb_saves"));
      assertTrue(j.lastsave() >= start);
      assertEquals(Long.toString(j.lastsave()), field(info, "rdb_last_save_time"));
    }
    before.remove("0:short");
    sleep(1100); // "short" has expired by now: loading skips it
    try (TestServer s = TestServer.start("--dir", tmp.toString());
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(before, snapshot(j));
      String info = info(j);
      assertEquals(Integer.toString(before.size()), field(info, "rdb_last_load_keys_loaded"));
      assertEquals("1", field(info, "rdb_last_load_keys_expired"));
    }
  }

  @Test
  void idleTimeAndFrequencySurviveARestart() {
    Path lru = tmp.resolve("lru");
    Path lfu = tmp.resolve("lfu");
    try {
      Files.createDirectories(lru);
      Files.createDirectories(lfu);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] payload;
    try (TestServer s = TestServer.start("--dir", lru.toString(), "--maxmemory-policy", "allkeys-lru");
        Jedis j = new Jedis(s.host(), s.port())) {
      j.set("k", "v");
      payload = j.dump("k");
      j.del("k");
      j.restore("k".getBytes(StandardCharsets.UTF_8), 0, payload,
          redis.clients.jedis.params.RestoreParams.restoreParams().idleTime(5000));
      assertEquals("OK", j.save());
    }
    try (TestServer s = TestServer.start("--dir", lru.toString(), "--maxmemory-policy", "allkeys-lru");
        Jedis j = new Jedis(s.host(), s.port())) {
      long idle = j.objectIdletime("k");
      assertTrue(idle >= 5000 && idle < 5010, "idle " + idle);
    }
    try (TestServer s = TestServer.start("--dir", lfu.toString(), "--maxmemory-policy", "allkeys-lfu");
        Jedis j = new Jedis(s.host(), s.port())) {
      j.restore("k".getBytes(StandardCharsets.UTF_8), 0, payload,
          redis.clients.jedis.params.RestoreParams.restoreParams().frequency(77));
      assertEquals("OK", j.save());
    }
    try (TestServer s = TestServer.start("--dir", lfu.toString(), "--maxmemory-policy", "allkeys-lfu");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(77L, j.objectFreq("k"));
    }
  }

  @Test
  void lastsaveMoves() {
    try (TestServer s = TestServer.start("--dir", tmp.toString());
        Jedis j = new Jedis(s.host(), s.port())) {
      long first = j.lastsave();
      sleep(1100);
      j.set("k", "v");
      assertEquals("OK", j.save());
      assertTrue(j.lastsave() > first, "LASTSAVE moved");
    }
  }

  @Test
  void saveFailsWhenTheDirIsGone() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("vanishing"));
    try (TestServer s = TestServer.start("--dir", dir.toString());
        Jedis j = new Jedis(s.host(), s.port())) {
      j.set("k", "v");
      Files.delete(dir);
      Object reply;
      try {
        reply = j.save();
      } catch (redis.clients.jedis.exceptions.JedisDataException e) {
        reply = e.getMessage();
      }
      assertEquals("ERR", reply);
      assertEquals("0", field(info(j), "rdb_saves"));
    }
  }

  @Test
  void debugReloadKeepsData() {
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--enable-debug-command", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      fill(j);
      Map<String, String> before = snapshot(j);
      assertEquals("OK", SafeEncoder.encode((byte[]) j.sendCommand(DEBUG, "RELOAD")));
      assertEquals(before, snapshot(j));
      assertEquals(Long.valueOf(before.size()), total(j));
      j.set("after", "reload");
      assertEquals("reload", j.get("after"));
    }
  }

  @Test
  void shutdownSavesByDefault() {
    TestServer s = TestServer.start("--dir", tmp.toString());
    try (Jedis j = new Jedis(s.host(), s.port())) {
      j.set("kept", "yes");
      j.shutdown();
    }
    s.close(); // waits for the final save
    assertTrue(Files.exists(tmp.resolve("dump.rdb")));
    try (TestServer s2 = TestServer.start("--dir", tmp.toString());
        Jedis j = new Jedis(s2.host(), s2.port())) {
      assertEquals("yes", j.get("kept"));
    }
  }

  @Test
  void shutdownSaveForcesASave() {
    TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "");
    try (Jedis j = new Jedis(s.host(), s.port())) {
      j.set("kept", "yes");
      j.sendCommand(Protocol.Command.SHUTDOWN, "SAVE");
    } catch (JedisConnectionException expected) {
      // no reply: the connection closes
    }
    s.close();
    assertTrue(Files.exists(tmp.resolve("dump.rdb")));
  }

  @Test
  void shutdownNosaveAndEmptySavePointsDoNotSave() {
    for (String[] args : List.of(new String[] {"--dir", tmp.toString()},
        new String[] {"--dir", tmp.toString(), "--save", ""})) {
      TestServer s = TestServer.start(args);
      try (Jedis j = new Jedis(s.host(), s.port())) {
        j.set("lost", "yes");
        if (args.length == 2) {
          j.shutdown(redis.clients.jedis.params.ShutdownParams.shutdownParams().nosave());
        } else {
          j.shutdown();
        }
      } catch (JedisConnectionException expected) {
        // no reply: the connection closes
      }
      s.close();
      assertFalse(Files.exists(tmp.resolve("dump.rdb")), "no file after " + List.of(args));
    }
  }

  @Test
  void realRedisFileLoadsIntoTroupe() throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server not on PATH");
    Map<String, String> expected;
    try (RealRedis r = RealRedis.start(REDIS_PORT_A, tmp, "real.rdb");
        Jedis j = r.jedis()) {
      fill(j);
      expected = snapshot(j);
      assertEquals("OK", j.save());
    }
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--dbfilename", "real.rdb");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(expected, snapshot(j));
    }
  }

  @Test
  void troupeFileLoadsIntoRealRedis() throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server not on PATH");
    Map<String, String> expected;
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--dbfilename", "troupe.rdb");
        Jedis j = new Jedis(s.host(), s.port())) {
      fill(j);
      expected = snapshot(j);
      assertEquals("OK", j.save());
    }
    try (RealRedis r = RealRedis.start(REDIS_PORT_B, tmp, "troupe.rdb");
        Jedis j = r.jedis()) {
      assertEquals(expected, snapshot(j));
      // And Redis's own digest agrees with one of the same data filled into it directly.
      String digest = SafeEncoder.encode((byte[]) j.sendCommand(DEBUG, "DIGEST"));
      j.flushAll();
      fill(j);
      assertEquals(SafeEncoder.encode((byte[]) j.sendCommand(DEBUG, "DIGEST")), digest);
    }
  }

  // ---- files that must not load: the process exits non-zero, saying why ----------------------

  @Test
  void badFilesStopTheServer() throws Exception {
    Path good = tmp.resolve("good");
    Files.createDirectory(good);
    try (TestServer s = TestServer.start("--dir", good.toString());
        Jedis j = new Jedis(s.host(), s.port())) {
      j.set("a", "1");
      j.rpush("l", "x", "y");
      assertEquals("OK", j.save());
    }
    byte[] valid = Files.readAllBytes(good.resolve("dump.rdb"));

    byte[] badCrc = valid.clone();
    badCrc[badCrc.length - 1] ^= 0x55;
    assertRefused(badCrc, "Wrong RDB checksum expected");

    byte[] wrongVersion = valid.clone();
    System.arraycopy("0011".getBytes(StandardCharsets.US_ASCII), 0, wrongVersion, 5, 4);
    assertRefused(wrongVersion, "Can't handle RDB format version 11");

    assertRefused("NOT AN RDB FILE AT ALL".getBytes(StandardCharsets.US_ASCII),
        "Wrong signature trying to load DB from file");

    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 12);
    assertRefused(truncated, "Terminating server after rdb file reading failure.");
  }

  @Test
  void sigtermSavesWithSavePoints() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "term");
    int port = TestServer.freePort();
    Path log = dir.resolve("server.log");
    Process p = new ProcessBuilder(serverCommand(port, dir)).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      long deadline = System.currentTimeMillis() + 30_000;
      while (true) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
          j.set("kept", "yes");
          break;
        } catch (JedisConnectionException e) {
          if (System.currentTimeMillis() > deadline || !p.isAlive()) {
            throw new AssertionError("server did not start: " + Files.readString(log));
          }
          Thread.sleep(100);
        }
      }
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "server did not exit on SIGTERM");
    } finally {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(out.contains("Received SIGTERM scheduling shutdown..."), out);
    assertTrue(out.contains("DB saved on disk"), out);
    try (TestServer s = TestServer.start("--dir", dir.toString());
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals("yes", j.get("kept"));
    }
  }

  private static List<String> serverCommand(int port, Path dir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      cp.add(Path.of(e).toAbsolutePath().toString());
    }
    cmd.add(String.join(File.pathSeparator, cp));
    cmd.add("io.troupe.server.Main");
    cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
    return cmd;
  }

  private void assertRefused(byte[] file, String expected) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "bad");
    Files.write(dir.resolve("dump.rdb"), file);
    List<String> cmd = serverCommand(TestServer.freePort(), dir);
    Path log = dir.resolve("server.log");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("server started on a bad file: " + Files.readString(log));
    }
    String out = Files.readString(log);
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains(expected), out);
    assertFalse(out.contains("Ready to accept connections"), out);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static String info(Jedis j) {
    return j.info("persistence");
  }

  private static String field(String info, String name) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new AssertionError(name + " not in " + info);
  }

  private static Long total(Jedis j) {
    long n = 0;
    for (int db = 0; db < 16; db++) {
      j.select(db);
      n += j.dbSize();
    }
    j.select(0);
    return n;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

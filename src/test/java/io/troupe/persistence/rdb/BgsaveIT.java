package io.troupe.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import io.troupe.config.ServerConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * BGSAVE without fork: the file is the dataset at the moment BGSAVE answered,
 * whatever is written while the shards encode it; the server keeps serving
 * meanwhile; save points; MISCONF after a failed BGSAVE.
 */
class BgsaveIT {
  @TempDir
  Path tmp;

  /** A real redis-server to load the file into, when installed (this test's port range). */
  private static final int REDIS_PORT = 21620;

  private static final String MISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently"
      + " unable to persist to disk. Commands that may modify the data set are disabled, because this instance"
      + " is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error"
      + " option). Please check the Redis logs for details about the RDB error.";

  @Test
  void bgsaveWritesTheFileAndReports() throws Exception {
    Map<String, String> before;
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "");
        Jedis j = new Jedis(s.host(), s.port())) {
      SaveAndLoadIT.fill(j);
      before = SaveAndLoadIT.snapshot(j);
      assertTrue(Long.parseLong(field(j, "rdb_changes_since_last_save")) > 0);
      assertEquals("-1", field(j, "rdb_last_bgsave_time_sec"));
      assertEquals("Background saving started", j.bgsave());
      awaitBgsaveDone(j);
      assertEquals("ok", field(j, "rdb_last_bgsave_status"));
      assertEquals("0", field(j, "rdb_changes_since_last_save"));
      assertEquals("1", field(j, "rdb_saves"));
      assertEquals("0", field(j, "rdb_last_bgsave_time_sec"));
      assertEquals("-1", field(j, "rdb_current_bgsave_time_sec"));
      assertTrue(Files.exists(tmp.resolve("dump.rdb")));
    }
    // The file loads back into the same data, in Troupe and in a real Redis 7.0.
    try (TestServer s = TestServer.start("--dir", tmp.toString());
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(before, SaveAndLoadIT.snapshot(j));
    }
    if (RealRedis.installed()) {
      try (RealRedis r = RealRedis.start(REDIS_PORT, tmp, "dump.rdb");
          Jedis j = r.jedis()) {
        assertEquals(before, SaveAndLoadIT.snapshot(j));
      }
    }
  }

  @Test
  void theFileIsThePointInTimeWhateverIsWrittenMeanwhile() throws Exception {
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "");
        Jedis j = new Jedis(s.host(), s.port());
        Jedis other = new Jedis(s.host(), s.port())) {
      SaveAndLoadIT.fill(j);
      fillStrings(j, 0, 20_000);
      j.sadd("set:x", "a", "b");
      j.hset("hash:x", "f", "v");
      j.rpush("list:x", "1", "2");
      j.zadd("zset:x", 1, "m");
      j.set("volatile:x", "v");
      j.pexpire("volatile:x", 600_000);
      j.select(1);
      j.set("db1:a", "1");
      j.select(2);
      j.set("db2:a", "2");
      j.select(0);
      // What the file must hold: the same dataset, saved synchronously.
      assertEquals("OK", j.save());
      RdbModel expected = read(tmp.resolve("dump.rdb"));
      Files.delete(tmp.resolve("dump.rdb"));

      // ~20 ms per shard step of 1000 keys... the save takes over a second.
      assertEquals("OK", j.configSet("rdb-key-save-delay", "50"));
      assertEquals("Background saving started", j.bgsave());
      // Every kind of change, on this connection and another one, while the shards encode.
      for (int i = 0; i < 20_000; i += 7) {
        other.set("k" + i, "changed");
      }
      for (int i = 1; i < 20_000; i += 11) {
        j.del("k" + i);
      }
      for (int i = 2; i < 20_000; i += 13) {
        j.pexpire("k" + i, 1_000_000);
      }
      j.append("k3", "-appended");
      j.incr("counter:new");
      j.sadd("set:x", "c");
      j.hset("hash:x", "f", "changed");
      j.rpush("list:x", "3");
      j.lpop("list:x");
      j.zadd("zset:x", 2, "m");
      j.persist("volatile:x");
      j.rename("k5", "k5-renamed");
      j.move("k6", 3);
      j.copy("k9", "k9-copy", false);
      byte[] dump = j.dump("k10");
      j.restore("k10-restored", 0, dump);
      j.set("short-lived", "x", redis.clients.jedis.params.SetParams.setParams().px(1));
      j.swapDB(1, 2);
      j.select(1);
      j.flushDB();
      j.set("db1:new", "x");
      j.select(0);
      assertEquals("1", field(j, "rdb_bgsave_in_progress"), "the changes must happen during the save");
      // Reads and writes are served while it runs.
      long t0 = System.nanoTime();
      assertEquals("changed", other.get("k7"));
      assertTrue(System.nanoTime() - t0 < 500_000_000L);
      j.flushAll();
      j.set("after-flushall", "x");
      awaitBgsaveDone(j);
      assertEquals("ok", field(j, "rdb_last_bgsave_status"));
      // Changes after the point count as changes since the last save.
      assertTrue(Long.parseLong(field(j, "rdb_changes_since_last_save")) > 0);
      RdbModel actual = read(tmp.resolve("dump.rdb"));
      RdbModel.assertSameData(expected, actual);
    }
  }

  @Test
  void aConcurrentWriterSeesThePointInTime() throws Exception {
    int keys = 30_000;
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "");
        Jedis j = new Jedis(s.host(), s.port())) {
      fillStrings(j, 0, keys);
      // Each write: key index, value, sent and acknowledged at (nanoTime).
      List<long[]> log = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong counter = new AtomicLong();
      Thread writer = new Thread(() -> {
        try (Jedis w = new Jedis(s.host(), s.port())) {
          java.util.Random r = new java.util.Random(7);
          while (!stop.get()) {
            int k = r.nextInt(keys);
            long v = counter.incrementAndGet();
            long sent = System.nanoTime();
            w.set("k" + k, Long.toString(v));
            log.add(new long[] {k, v, sent, System.nanoTime()});
          }
        }
      });
      writer.start();
      Thread.sleep(300);
      assertEquals("OK", j.configSet("rdb-key-save-delay", "30"));
      long bgsaveSent = System.nanoTime();
      assertEquals("Background saving started", j.bgsave());
      long bgsaveAcked = System.nanoTime();
      awaitBgsaveDone(j);
      stop.set(true);
      writer.join();
      assertEquals("ok", field(j, "rdb_last_bgsave_status"));
      Map<String, Object> seen = new HashMap<>();
      RdbModel file = read(tmp.resolve("dump.rdb"));
      Map<String, Object> flat = file.flat();
      // Per key: the last value acknowledged before BGSAVE was sent (the fill's "v" if none)
      // must be in the file, or a later one sent before BGSAVE was acknowledged.
      Map<Integer, Long> floor = new HashMap<>();
      Map<Integer, java.util.Set<Long>> allowed = new HashMap<>();
      int after = 0;
      synchronized (log) {
        for (long[] w : log) {
          int k = (int) w[0];
          if (w[3] < bgsaveSent) {
            floor.merge(k, w[1], Math::max);
          }
          if (w[2] < bgsaveAcked) {
            allowed.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(w[1]);
          } else {
            after++;
          }
        }
      }
      assertTrue(after > 100, "the writer kept writing during the save: " + after);
      assertEquals(keys, flat.size());
      for (int k = 0; k < keys; k++) {
        RdbModel.Key key = (RdbModel.Key) flat.get("0/k" + k);
        String v = (String) key.value();
        Long min = floor.get(k);
        if (v.equals("v" + k)) {
          assertEquals(null, min, "k" + k + " lost a write acknowledged before BGSAVE");
          continue;
        }
        long got = Long.parseLong(v);
        assertTrue(allowed.getOrDefault(k, java.util.Set.of()).contains(got),
            "k" + k + " holds " + got + ", written after BGSAVE was acknowledged");
        assertTrue(min == null || got >= min, "k" + k + " holds " + got + ", older than " + min);
      }
    }
  }

  @Test
  void errorsWhileABgsaveRuns() throws Exception {
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals("ERR syntax error", error(() -> j.sendCommand(cmd("BGSAVE"), "now")));
      assertEquals("ERR syntax error", error(() -> j.sendCommand(cmd("BGSAVE"), "schedule", "x")));
      fillStrings(j, 0, 5000);
      assertEquals("OK", j.configSet("rdb-key-save-delay", "400"));
      assertEquals("Background saving started", j.bgsave());
      assertEquals("ERR Background save already in progress", error(j::bgsave));
      assertEquals("ERR Background save already in progress",
          error(() -> j.sendCommand(cmd("BGSAVE"), "SCHEDULE")));
      assertEquals("ERR Background save already in progress", error(j::save));
      String info = j.info("persistence");
      assertEquals("1", field(info, "rdb_bgsave_in_progress"));
      assertEquals("5000", field(info, "current_save_keys_total"));
      assertEquals("OK", j.configSet("rdb-key-save-delay", "0"));
      awaitBgsaveDone(j);
      assertEquals("0", field(j, "current_save_keys_total"));
      assertEquals("OK", j.save());
    }
  }

  @Test
  void shutdownDuringABgsaveSavesTheCurrentData() throws Exception {
    TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "3600 1");
    try (Jedis j = new Jedis(s.host(), s.port())) {
      fillStrings(j, 0, 3000);
      assertEquals("OK", j.configSet("rdb-key-save-delay", "2000")); // six seconds
      assertEquals("Background saving started", j.bgsave());
      j.set("after-bgsave", "x");
      j.shutdown();
    } catch (redis.clients.jedis.exceptions.JedisConnectionException closed) {
      // SHUTDOWN closes the connection
    }
    s.close(); // waits for the final save
    Thread.sleep(300); // the stopped BGSAVE's writer removes its temp file
    Map<String, Object> saved = read(tmp.resolve("dump.rdb")).flat();
    assertEquals(3001, saved.size());
    assertEquals(new RdbModel.Key("x", -1), saved.get("0/after-bgsave"));
    try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of("dump.rdb"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void bgsaveInsideExecIsScheduled() throws Exception {
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "");
        Jedis j = new Jedis(s.host(), s.port())) {
      j.set("a", "1");
      assertEquals("+OK\r\n+QUEUED\r\n*1\r\n+Background saving scheduled\r\n",
          raw(s.port(), "MULTI\r\nBGSAVE\r\nEXEC\r\n", 4));
      long deadline = System.currentTimeMillis() + 5000;
      while (!field(j, "rdb_saves").equals("1") || !field(j, "rdb_bgsave_in_progress").equals("0")) {
        assertTrue(System.currentTimeMillis() < deadline, "the scheduled BGSAVE never ran");
        Thread.sleep(20);
      }
      assertEquals(Map.of("0/a", new RdbModel.Key("1", -1)), read(tmp.resolve("dump.rdb")).flat());
    }
  }

  @Test
  void savePointsStartABgsave() throws Exception {
    try (TestServer s = TestServer.start("--dir", tmp.toString(), "--save", "1 1");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals("save", j.configGet("save").keySet().iterator().next());
      j.set("a", "1");
      long deadline = System.currentTimeMillis() + 5000;
      while (!field(j, "rdb_saves").equals("1") || !field(j, "rdb_bgsave_in_progress").equals("0")) {
        assertTrue(System.currentTimeMillis() < deadline, "no save after 5 s");
        Thread.sleep(50);
      }
      assertEquals("0", field(j, "rdb_changes_since_last_save"));
      assertEquals(Map.of("0/a", new RdbModel.Key("1", -1)), read(tmp.resolve("dump.rdb")).flat());
      // No changes: no more saves.
      Thread.sleep(1500);
      assertEquals("1", field(j, "rdb_saves"));
      // CONFIG SET save "": none at all.
      assertEquals("OK", j.configSet("save", ""));
      j.set("b", "2");
      Thread.sleep(1500);
      assertEquals("1", field(j, "rdb_saves"));
    }
  }

  @Test
  void misconfAfterAFailedBgsaveUntilASaveSucceeds() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("vanishing"));
    try (TestServer s = TestServer.start("--dir", dir.toString(), "--save", "3600 1");
        Jedis j = new Jedis(s.host(), s.port())) {
      j.set("k", "v");
      Files.delete(dir);
      assertEquals("Background saving started", j.bgsave());
      awaitBgsaveDone(j);
      assertEquals("err", field(j, "rdb_last_bgsave_status"));
      assertEquals(MISCONF, error(() -> j.set("k", "w")));
      assertEquals(MISCONF, error(j::ping));
      assertEquals("v", j.get("k"));
      // Queued writes are refused too, and the transaction then fails.
      assertEquals("+OK\r\n-" + MISCONF + "\r\n-EXECABORT Transaction discarded because of previous errors.\r\n",
          raw(s.port(), "MULTI\r\nSET k w\r\nEXEC\r\n", 3));
      // Without save points, or with stop-writes-on-bgsave-error no, writes go through.
      assertEquals("OK", j.configSet("save", ""));
      assertEquals("OK", j.set("k", "w"));
      assertEquals("OK", j.configSet("save", "3600 1"));
      assertEquals(MISCONF, error(() -> j.set("k", "x")));
      assertEquals("OK", j.configSet("stop-writes-on-bgsave-error", "no"));
      assertEquals("OK", j.set("k", "x"));
      assertEquals("OK", j.configSet("stop-writes-on-bgsave-error", "yes"));
      assertEquals(MISCONF, error(() -> j.set("k", "y")));
      // A successful BGSAVE clears it.
      Files.createDirectory(dir);
      assertEquals("Background saving started", j.bgsave());
      awaitBgsaveDone(j);
      assertEquals("ok", field(j, "rdb_last_bgsave_status"));
      assertEquals("OK", j.set("k", "y"));
      assertEquals("PONG", j.ping());
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  static void fillStrings(Jedis j, int from, int to) {
    Pipeline p = j.pipelined();
    for (int i = from; i < to; i++) {
      p.set("k" + i, "v" + i);
    }
    p.sync();
  }

  static RdbModel read(Path file) throws Exception {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      return RdbModel.fromRdb(in, ValueLimits.from(new ServerConfig()), null);
    }
  }

  static void awaitBgsaveDone(Jedis j) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!field(j, "rdb_bgsave_in_progress").equals("0")) {
      assertTrue(System.currentTimeMillis() < deadline, "BGSAVE still running after 30 s");
      Thread.sleep(20);
    }
  }

  static String field(Jedis j, String name) {
    return field(j.info("persistence"), name);
  }

  static String field(String info, String name) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new AssertionError(name + " not in " + info);
  }

  /** Sends inline commands on a fresh connection and returns the first {@code lines} reply lines. */
  static String raw(int port, String commands, int lines) throws Exception {
    try (java.net.Socket sock = new java.net.Socket("127.0.0.1", port)) {
      sock.getOutputStream().write(commands.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(sock.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < lines; i++) {
        sb.append(in.readLine()).append("\r\n");
      }
      return sb.toString();
    }
  }

  static String error(Runnable r) {
    JedisDataException e = assertThrows(JedisDataException.class, r::run);
    return e.getMessage();
  }

  static redis.clients.jedis.commands.ProtocolCommand cmd(String name) {
    return () -> redis.clients.jedis.util.SafeEncoder.encode(name);
  }
}

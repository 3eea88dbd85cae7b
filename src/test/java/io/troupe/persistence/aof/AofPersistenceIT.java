package io.troupe.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.TestServer;
import io.troupe.persistence.rdb.RealRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The AOF across restarts: Troupe replays its own AOF, real Redis 7.0 loads
 * Troupe's, Troupe loads Redis's; BGREWRITEAOF, appendonly yes at runtime,
 * automatic rewrites and INFO's aof fields.
 */
class AofPersistenceIT {
  /** This group's reference-redis ports. */
  private static final int REDIS_PORT_A = 21101;
  private static final int REDIS_PORT_B = 21102;

  @TempDir
  Path tmp;

  private TestServer start(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--dir";
    all[1] = tmp.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return TestServer.start(all);
  }

  private static String field(Jedis j, String name) {
    for (String line : j.info("persistence").split("\r\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new AssertionError(name + " not in INFO persistence");
  }

  private static void awaitRewrites(Jedis j, int n) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      if (Long.parseLong(field(j, "aof_rewrites")) >= n && field(j, "aof_rewrite_in_progress").equals("0")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no rewrite finished: " + j.info("persistence"));
  }

  private AofManifest manifest() throws Exception {
    return AofManifest.parse(Files.readAllBytes(tmp.resolve("appendonlydir/appendonly.aof.manifest")));
  }

  @Test
  void restartReplaysTheAof() throws Exception {
    Map<String, String> expected;
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      AofTestSupport.fill(j);
      expected = AofTestSupport.snapshot(j);
      assertEquals("1", field(j, "aof_enabled"));
      assertEquals("ok", field(j, "aof_last_write_status"));
    }
    assertEquals("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n",
        manifest().format());
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(expected, AofTestSupport.snapshot(j));
      j.set("after", "restart");
      expected = AofTestSupport.snapshot(j);
    }
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(expected, AofTestSupport.snapshot(j));
    }
  }

  @Test
  void appendonlyNoIgnoresTheAofAndLoadsTheRdb() throws Exception {
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      j.set("only-in-aof", "1");
    }
    try (TestServer s = start("--appendonly", "no");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(0, j.dbSize());
      assertEquals("0", field(j, "aof_enabled"));
    }
  }

  @Test
  void bgrewriteaofWritesANewBaseAndKeepsWritesMadeAfterIt() throws Exception {
    Map<String, String> expected;
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      AofTestSupport.fill(j);
      assertEquals("Background append only file rewriting started", j.bgrewriteaof());
      awaitRewrites(j, 1);
      assertEquals("ok", field(j, "aof_last_bgrewrite_status"));
      j.set("after-rewrite", "yes");
      j.del("str");
      expected = AofTestSupport.snapshot(j);
    }
    AofManifest m = manifest();
    assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n",
        m.format());
    assertFalse(Files.exists(tmp.resolve("appendonlydir/appendonly.aof.1.incr.aof")));
    assertFalse(Files.exists(tmp.resolve("appendonlydir/appendonly.aof.1.base.rdb")));
    List<List<String>> incr = AofTestSupport.commands(tmp.resolve("appendonlydir/appendonly.aof.2.incr.aof"), 0);
    assertEquals(List.of(List.of("SELECT", "0"), List.of("SET", "after-rewrite", "yes"), List.of("DEL", "str")),
        incr);
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(expected, AofTestSupport.snapshot(j));
    }
  }

  @Test
  void appendonlyYesAtRuntimeStartsFromARewrite() throws Exception {
    Map<String, String> expected;
    try (TestServer s = start("--appendonly", "no");
        Jedis j = new Jedis(s.host(), s.port())) {
      AofTestSupport.fill(j);
      assertEquals("0", field(j, "aof_enabled"));
      assertEquals("OK", j.configSet("appendonly", "yes"));
      awaitRewrites(j, 1);
      assertEquals("1", field(j, "aof_enabled"));
      j.set("after", "enabling");
      expected = AofTestSupport.snapshot(j);
    }
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(expected, AofTestSupport.snapshot(j));
      assertEquals("OK", j.configSet("appendonly", "no"));
      assertEquals("0", field(j, "aof_enabled"));
      j.set("not-in-aof", "1");
    }
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(expected, AofTestSupport.snapshot(j));
    }
  }

  @Test
  void theAofRewritesItselfWhenItGrows() throws Exception {
    try (TestServer s = start("--appendonly", "yes", "--auto-aof-rewrite-min-size", "100kb",
        "--auto-aof-rewrite-percentage", "100");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals("0", field(j, "aof_rewrites"));
      for (int i = 0; i < 300; i++) {
        j.set("k", "v".repeat(1000)); // the same key: the rewrite shrinks the AOF to one
      }
      awaitRewrites(j, 1);
      assertTrue(Long.parseLong(field(j, "aof_current_size")) < 100_000, j.info("persistence"));
      assertEquals("v".repeat(1000), j.get("k"));
    }
  }

  @Test
  void infoPersistenceListsTheAofFieldsInRedisOrder() {
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      String info = j.info("persistence");
      int at = info.indexOf("aof_enabled:1");
      String[] order = {"aof_enabled", "aof_rewrite_in_progress", "aof_rewrite_scheduled",
          "aof_last_rewrite_time_sec", "aof_current_rewrite_time_sec", "aof_last_bgrewrite_status", "aof_rewrites",
          "aof_rewrites_consecutive_failures", "aof_last_write_status", "aof_last_cow_size",
          "module_fork_in_progress", "module_fork_last_cow_size", "aof_current_size", "aof_base_size",
          "aof_pending_rewrite", "aof_buffer_length", "aof_pending_bio_fsync", "aof_delayed_fsync"};
      for (String f : order) {
        int next = info.indexOf("\r\n" + f + ":", at - 2);
        assertTrue(next >= at - 2, f + " out of order in " + info);
        at = next + 2;
      }
    }
  }

  @Test
  void bgrewriteaofWhileOneRunsIsRefused() throws Exception {
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      for (int i = 0; i < 20000; i++) {
        j.set("key" + i, "value" + i);
      }
      boolean refused = false;
      for (int i = 0; i < 20 && !refused; i++) {
        try {
          j.bgrewriteaof();
        } catch (JedisDataException e) {
          assertEquals("ERR Background append only file rewriting already in progress", e.getMessage());
          refused = true;
        }
      }
      assertTrue(refused);
      awaitRewrites(j, 1);
    }
  }

  @Test
  void troupeAofLoadsIntoRealRedis() throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server not on PATH");
    Map<String, String> expected;
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      AofTestSupport.fill(j);
      j.bgrewriteaof();
      awaitRewrites(j, 1);
      j.set("after-rewrite", "1");
      j.select(5);
      j.rpush("db5list", "a", "b");
      redis.clients.jedis.Transaction t = j.multi();
      t.expire("db5list", 1000);
      t.set("db5str", "x");
      t.exec();
      j.select(0);
      expected = AofTestSupport.snapshot(j);
    }
    try (RealRedis r = RealRedis.start(REDIS_PORT_A, tmp, "dump.rdb", "--appendonly", "yes");
        Jedis j = r.jedis()) {
      assertEquals(expected, AofTestSupport.snapshot(j));
    }
  }

  @Test
  void realRedisAofLoadsIntoTroupe() throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server not on PATH");
    Map<String, String> expected;
    try (RealRedis r = RealRedis.start(REDIS_PORT_B, tmp, "dump.rdb", "--appendonly", "yes");
        Jedis j = r.jedis()) {
      AofTestSupport.fill(j);
      j.bgrewriteaof();
      awaitRewrites(j, 1);
      j.set("after-rewrite", "1");
      j.sadd("set2", "a", "b", "c");
      j.spop("set2", 2);
      j.select(7);
      j.zadd("db7z", 1, "m");
      j.select(0);
      expected = AofTestSupport.snapshot(j);
    }
    try (TestServer s = start("--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals(expected, AofTestSupport.snapshot(j));
    }
  }
}

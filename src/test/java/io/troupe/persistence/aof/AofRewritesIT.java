package io.troupe.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.TestServer;
import io.troupe.persistence.rdb.RealRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.params.RestoreParams;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What each write puts in the AOF, against what redis-server 7.0.15 puts in
 * its own (appendonly yes, appendfsync always: the file has a write once it is
 * acknowledged). The same commands run on both over one connection each;
 * absolute times computed from "now" are masked, everything else must match
 * argument for argument (including which arguments keep the client's case).
 */
class AofRewritesIT {
  /** This group's reference-redis port. */
  private static final int REDIS_PORT = 21100;
  /** 2100-01-01 in seconds and milliseconds: absolute times both servers write as given. */
  private static final String FAR_S = "4102444800";
  private static final String FAR_MS = "4102444800000";

  private static TestServer troupe;
  private static RealRedis redis;
  private static Path redisDir;
  private static Side troupeSide;
  private static Side redisSide;

  /** One server: a connection and how far its incr file has been read. */
  private static final class Side {
    final Jedis jedis;
    final Path aofDir;
    Path incr;
    long offset;

    Side(Jedis jedis, Path aofDir) throws Exception {
      this.jedis = jedis;
      this.aofDir = aofDir;
      this.incr = AofTestSupport.lastIncr(aofDir);
      this.offset = Files.size(incr);
    }

    /** Runs each line (errors are answers too), then returns what the AOF got since the last call. */
    List<List<String>> run(String... lines) throws Exception {
      for (String line : lines) {
        call(jedis, line.split(" "));
      }
      int marker = ++markers;
      call(jedis, new String[] {"SET", "aof-test-marker", Integer.toString(marker)});
      List<List<String>> got = AofTestSupport.commands(incr, offset);
      offset = Files.size(incr);
      List<List<String>> out = new ArrayList<>();
      for (List<String> c : got) {
        if (!(c.size() == 3 && c.get(1).equals("aof-test-marker"))) {
          out.add(normalize(c));
        }
      }
      return out;
    }

    int markers;
  }

  static Object call(Jedis j, String[] argv) {
    String name = argv[0];
    ProtocolCommand cmd = () -> name.getBytes(StandardCharsets.US_ASCII);
    String[] rest = java.util.Arrays.copyOfRange(argv, 1, argv.length);
    try {
      return j.sendCommand(cmd, rest);
    } catch (JedisDataException e) {
      return e;
    }
  }

  /** Masks millisecond times within a day of now (what a relative expiry became). */
  static List<String> normalize(List<String> argv) {
    long now = System.currentTimeMillis();
    List<String> out = new ArrayList<>();
    for (String a : argv) {
      if (a.matches("\\d{13}") && Math.abs(Long.parseLong(a) - now) < 86_400_000L) {
        out.add("<ms>");
      } else {
        out.add(a);
      }
    }
    return out;
  }

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealRedis.installed(), "redis-server not on PATH");
    troupe = TestServer.start("--appendonly", "yes", "--appendfsync", "always", "--enable-debug-command", "yes");
    troupeSide = new Side(new Jedis(troupe.host(), troupe.port()), troupe.dir().resolve("appendonlydir"));
    redisDir = Files.createTempDirectory("aof-ref-");
    redis = RealRedis.start(REDIS_PORT, redisDir, "dump.rdb", "--appendonly", "yes", "--appendfsync", "always");
    redisSide = new Side(redis.jedis(), redisDir.resolve("appendonlydir"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (troupeSide != null) {
      troupeSide.jedis.close();
    }
    if (troupe != null) {
      troupe.close();
    }
    if (redisSide != null) {
      redisSide.jedis.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** Runs {@code lines} on both servers; the AOFs must get the same commands. Returns Troupe's. */
  private static List<List<String>> same(String... lines) throws Exception {
    List<List<String>> expected = redisSide.run(lines);
    List<List<String>> got = troupeSide.run(lines);
    assertEquals(render(expected), render(got));
    return got;
  }

  private static String render(List<List<String>> cmds) {
    StringBuilder sb = new StringBuilder();
    for (List<String> c : cmds) {
      sb.append(String.join(" ", c)).append('\n');
    }
    return sb.toString();
  }

  @Test
  void relativeExpiriesBecomePexpireat() throws Exception {
    List<List<String>> got = same("set a 1", "expire a 100", "pexpire a 100000", "expireat a " + FAR_S,
        "pexpireat a " + FAR_MS, "expire a 200 xx", "expire a 100 nx", "expire missing 10", "persist a",
        "expire a 100 gt", "expire a -1", "set a 1", "pexpireat a 1");
    assertTrue(render(got).contains("PEXPIREAT a <ms>\n"), render(got));
    assertTrue(render(got).endsWith("DEL a\n"), render(got));
  }

  @Test
  void setWithAnExpiryBecomesSetPxat() throws Exception {
    List<List<String>> got = same("set b 1 ex 100", "set b 2 px 100000 get", "set b 3 exat " + FAR_S,
        "set b 4 pxat " + FAR_MS + " get", "set b 5 keepttl", "set b 6 nx", "set c 1 xx ex 10",
        "setex c 100 x", "psetex c 100000 y", "setnx c z", "getset c w");
    assertEquals(List.of("SET", "b", "1", "PXAT", "<ms>"), got.get(0));
  }

  @Test
  void getexAndGetdel() throws Exception {
    same("set n v", "getex n ex 100", "getex n px 100000", "getex n exat " + FAR_S, "getex n persist",
        "getex n persist", "getex n", "getex n exat 1", "set m v", "getdel m", "getdel m", "getex missing ex 1");
  }

  @Test
  void floatIncrementsBecomeSets() throws Exception {
    same("set f 1.5", "expire f 1000", "incrbyfloat f 2", "incrbyfloat f2 0.1", "hset h f 1.5",
        "hincrbyfloat h f 1", "hincrbyfloat h g 2.25", "incrbyfloat f notanumber");
  }

  @Test
  void spopBecomesSremOrDel() throws Exception {
    same("sadd s1 a", "spop s1", "sadd s1 a b c", "spop s1 5", "sadd s1 a b c", "spop s1 0", "spop s1 3",
        "spop missing", "spop missing 2");
    // A count below the size: one SREM per member in MULTI/EXEC (the members are random).
    List<List<String>> got = troupeSide.run("sadd s2 a b c d e", "spop s2 2");
    assertEquals(List.of("MULTI"), got.get(1));
    assertEquals("SREM", got.get(2).get(0));
    assertEquals("SREM", got.get(3).get(0));
    assertEquals(List.of("EXEC"), got.get(4));
    assertEquals(5, got.size());
    List<List<String>> ref = redisSide.run("sadd s2 a b c d e", "spop s2 2");
    assertEquals(5, ref.size());
    assertEquals(List.of("MULTI"), ref.get(1));
  }

  @Test
  void blockingCommandsServedAtOnceBecomeTheirPlainForms() throws Exception {
    same("rpush l a b c d e f", "blpop l 0", "brpop l 0", "blmpop 0 1 l left count 2", "lmpop 1 l right",
        "rpush l x y", "brpoplpush l l2 0", "blmove l2 l LEFT right 0", "blpop l l2 0",
        "zadd z 1 a 2 b 3 c 4 d", "bzpopmin z 0", "bzpopmax z 0", "bzmpop 0 1 z min count 5", "zmpop 1 z max",
        "zadd z 1 a", "zpopmin z", "lpop missing");
  }

  @Test
  void blockedPopServedLaterFollowsThePush() throws Exception {
    for (Side side : new Side[] {redisSide, troupeSide}) {
      int port = side == redisSide ? REDIS_PORT : troupe.port();
      try (Jedis blocker = new Jedis("127.0.0.1", port)) {
        CompletableFuture<Object> popped = CompletableFuture.supplyAsync(
            () -> call(blocker, new String[] {"blpop", "bl", "0"}));
        waitBlocked(side.jedis);
        List<List<String>> got = side.run("rpush bl x");
        popped.get(10, TimeUnit.SECONDS);
        assertEquals("rpush bl x\nLPOP bl\n", render(got));
      }
    }
  }

  private static void waitBlocked(Jedis j) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      String info = j.info("clients");
      if (info.contains("blocked_clients:1")) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the client did not block");
  }

  @Test
  void restoreWithATtlGetsAbsttl() throws Exception {
    for (Side side : new Side[] {redisSide, troupeSide}) {
      side.run("set rsrc 1");
      byte[] payload = side.jedis.dump("rsrc");
      side.jedis.restore("r2".getBytes(), 100000, payload);
      side.jedis.restore("r3".getBytes(), Long.parseLong(FAR_MS), payload,
          RestoreParams.restoreParams().absTtl());
      side.jedis.restore("r4".getBytes(), 0, payload);
      side.jedis.restore("r2".getBytes(), 1, payload,
          RestoreParams.restoreParams().absTtl().replace());
      List<List<String>> got = side.run();
      assertEquals(4, got.size(), render(got));
      assertEquals(List.of("RESTORE", "r2", "<ms>", "ABSTTL"), List.of(got.get(0).get(0), got.get(0).get(1),
          got.get(0).get(2), got.get(0).get(4)));
      assertEquals(List.of("RESTORE", "r3", FAR_MS, "ABSTTL"), List.of(got.get(1).get(0), got.get(1).get(1),
          got.get(1).get(2), got.get(1).get(4)));
      assertEquals(List.of("RESTORE", "r4", "0"), got.get(2).subList(0, 3));
      assertEquals(List.of("DEL", "r2"), got.get(3));
    }
  }

  @Test
  void expiredKeysAreDeletedBeforeTheCommandThatFoundThem() throws Exception {
    same("debug set-active-expire 0");
    try {
      same("set e1 1 px 1", "set e2 1 px 1");
      Thread.sleep(30);
      // A read propagates the DEL alone; a write is wrapped with it in MULTI/EXEC (Redis 7.0).
      List<List<String>> got = same("get e1", "append e2 x");
      assertEquals(List.of("DEL", "e1"), got.get(0));
      assertEquals(List.of("MULTI"), got.get(1));
    } finally {
      same("debug set-active-expire 1");
    }
    same("set e3 1 px 1");
    Thread.sleep(300);
    // The active cycle's DEL (it does not wait for a command).
    assertEquals(List.of(List.of("DEL", "e3")), same());
  }

  @Test
  void transactionsAreWrappedWhenTheyWriteMoreThanOnce() throws Exception {
    same("multi", "set t1 1", "exec");
    same("multi", "get t1", "exec");
    List<List<String>> got = same("multi", "set t1 2", "incr t1", "set t2 x", "set t3 y", "exec");
    assertEquals(List.of("MULTI"), got.get(0));
    same("multi", "set t1 3", "select 3", "set t1 4", "exec", "select 0", "set t1 5");
    same("multi", "sadd ts a b c d", "spop ts 4", "exec");
  }

  @Test
  void commandsOverSeveralShardsKeepTheirOrder() throws Exception {
    same("mset k1 1 k2 2 k3 3 k4 4", "del k1 k2 k3", "rename k4 k5", "msetnx k5 1 k6 2", "flushdb",
        "set k7 1", "copy k7 k8", "select 2", "set k9 1", "swapdb 0 2", "select 0", "flushall");
  }

  @Test
  void evictedKeysAreDeleted() throws Exception {
    Jedis j = troupeSide.jedis;
    troupeSide.run("flushall");
    for (int i = 0; i < 200; i++) {
      j.set("ev" + i, "v".repeat(1000));
    }
    troupeSide.run();
    j.configSet("maxmemory-policy", "allkeys-random");
    j.configSet("maxmemory", "1200000");
    try {
      List<List<String>> got = new ArrayList<>(troupeSide.run("set trigger 1"));
      // Every shard evicts its own share (before a batch or on its tick): stop, then collect all DELs.
      j.configSet("maxmemory", "0");
      Thread.sleep(300);
      got.addAll(troupeSide.run());
      java.util.Set<String> deleted = new java.util.HashSet<>();
      for (List<String> c : got) {
        if (c.get(0).equals("DEL")) {
          deleted.add(c.get(1));
        }
      }
      assertTrue(deleted.size() > 10, render(got));
      for (int i = 0; i < 200; i++) {
        // Exactly the keys that are gone were propagated as deleted.
        assertEquals(!j.exists("ev" + i), deleted.contains("ev" + i), "ev" + i);
      }
    } finally {
      j.configSet("maxmemory", "0");
      j.configSet("maxmemory-policy", "noeviction");
    }
  }
}

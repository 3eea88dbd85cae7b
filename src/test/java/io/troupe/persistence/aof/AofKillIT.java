package io.troupe.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Nothing acknowledged is lost: a server JVM with {@code appendonly yes
 * appendfsync always} takes a write load (several connections, every type,
 * multi-shard MSET, transactions, expiries, deletes) and is killed with
 * SIGKILL at a random moment; the next start must hold every write a client
 * got a reply for (a write in flight at the kill may or may not be there).
 * 20 cycles; {@code -Dtroupe.aof.killCycles=N} for a longer run.
 */
class AofKillIT {
  private static final int CONNECTIONS = 4;

  @TempDir
  Path dir;

  /** What one connection got acknowledged in one cycle. */
  private static final class Acked {
    final String p;
    int sets;
    int pushes;
    int incrs;
    int floats;
    int txs;
    int msets;
    final List<Integer> deleted = new ArrayList<>();
    int expires;
    /** The op that was in flight at the kill (may or may not have been applied). */
    volatile String inFlight = "";

    Acked(String prefix) {
      this.p = prefix;
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES) // a JVM start per cycle: beyond the default bound on a busy machine
  void everyAcknowledgedWriteSurvivesKill9() throws Exception {
    int cycles = Integer.getInteger("troupe.aof.killCycles", 20);
    long seed = Long.getLong("troupe.aof.killSeed", System.nanoTime());
    Random rnd = new Random(seed);
    List<Acked> all = new ArrayList<>();
    long acknowledged = 0;
    for (int cycle = 0; cycle <= cycles; cycle++) {
      int port = TestServer.freePort();
      Path log = dir.resolve("server-" + cycle + ".log");
      Process p = new ProcessBuilder(AofTestSupport.serverCommand(port, dir, "--appendonly", "yes",
          "--appendfsync", "always")).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      try {
        try (Jedis j = connect(port, p, log)) {
          for (Acked a : all) {
            verify(j, a, "seed " + seed + ", after cycle " + (cycle - 1));
          }
        }
        if (cycle == cycles) {
          break;
        }
        List<Acked> round = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        for (int t = 0; t < CONNECTIONS; t++) {
          Acked a = new Acked("c" + cycle + "t" + t);
          round.add(a);
          long threadSeed = rnd.nextLong();
          Thread th = new Thread(() -> load(port, a, new Random(threadSeed), stop), "load-" + t);
          th.start();
          threads.add(th);
        }
        Thread.sleep(150 + rnd.nextInt(600));
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        stop.set(true);
        for (Thread th : threads) {
          th.join(30_000);
        }
        for (Acked a : round) {
          acknowledged += a.sets + 4L * a.pushes + a.incrs + a.floats + 2L * a.txs + 3L * a.msets + a.deleted.size() + 2L * a.expires;
        }
        all.addAll(round);
      } finally {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
    System.out.println("AofKillIT: " + cycles + " kill -9 cycles, " + acknowledged
        + " acknowledged writes checked, seed " + seed);
    assertTrue(acknowledged > cycles, "the load wrote too little to mean anything: " + acknowledged);
  }

  private static Jedis connect(int port, Process p, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      Jedis j = null;
      try {
        j = new Jedis("127.0.0.1", port, 10_000);
        j.ping();
        return j;
      } catch (JedisConnectionException e) {
        if (j != null) {
          j.close();
        }
        if (System.currentTimeMillis() > deadline || !p.isAlive()) {
          throw new AssertionError("server did not start: " + Files.readString(log));
        }
        Thread.sleep(50);
      }
    }
  }

  /** Writes until the connection dies, counting what was acknowledged. */
  private static void load(int port, Acked a, Random rnd, AtomicBoolean stop) {
    String p = a.p;
    try (Jedis j = new Jedis("127.0.0.1", port, 10_000)) {
      while (!stop.get()) {
        int op = rnd.nextInt(8);
        switch (op) {
          case 0 -> {
            a.inFlight = "set";
            j.set(p + ":s:" + a.sets, Integer.toString(a.sets));
            a.sets++;
          }
          case 1 -> {
            a.inFlight = "push";
            j.rpush(p + ":list", Integer.toString(a.pushes));
            j.hset(p + ":hash", "f" + a.pushes, Integer.toString(a.pushes));
            j.sadd(p + ":set", Integer.toString(a.pushes));
            j.zadd(p + ":zset", a.pushes, "m" + a.pushes);
            a.pushes++;
          }
          case 2 -> {
            a.inFlight = "incr";
            j.incr(p + ":counter");
            a.incrs++;
          }
          case 3 -> {
            a.inFlight = "tx";
            Transaction t = j.multi();
            t.incr(p + ":txc");
            t.rpush(p + ":txl", Integer.toString(a.txs));
            t.exec();
            a.txs++;
          }
          case 4 -> {
            a.inFlight = "mset";
            j.mset(p + ":m1:" + a.msets, "x", p + ":m2:" + a.msets, "y", p + ":m3:" + a.msets, "z");
            a.msets++;
          }
          case 5 -> {
            if (a.sets > a.deleted.size() * 2 + 1) {
              int victim = a.deleted.size() * 2;
              a.inFlight = "del" + victim;
              j.del(p + ":s:" + victim);
              a.deleted.add(victim);
            }
          }
          case 6 -> {
            a.inFlight = "expire";
            j.setex(p + ":ttl:" + a.expires, 100_000, "v");
            j.expire(p + ":ttl:" + a.expires, 200_000);
            a.expires++;
          }
          default -> {
            a.inFlight = "incrbyfloat";
            j.incrByFloat(p + ":float", 0.5);
            a.floats++;
          }
        }
        a.inFlight = "";
      }
    } catch (JedisConnectionException e) {
      // the kill
    }
  }

  private static void verify(Jedis j, Acked a, String when) {
    String p = a.p;
    String ctx = p + " (" + when + ", in flight at the kill: " + a.inFlight + ")";
    for (int i = 0; i < a.sets; i++) {
      boolean deleted = a.deleted.contains(i);
      String v = j.get(p + ":s:" + i);
      if (deleted) {
        assertEquals(null, v, ctx + " deleted " + i);
      } else if (a.inFlight.equals("del" + i)) {
        assertTrue(v == null || v.equals(Integer.toString(i)), ctx + " in-flight delete " + i);
      } else {
        assertEquals(Integer.toString(i), v, ctx + " set " + i);
      }
    }
    List<String> list = j.lrange(p + ":list", 0, -1);
    assertTrue(list.size() >= a.pushes && list.size() <= a.pushes + 1, ctx + " list " + list.size());
    for (int i = 0; i < a.pushes; i++) {
      assertEquals(Integer.toString(i), list.get(i), ctx);
      assertEquals(Integer.toString(i), j.hget(p + ":hash", "f" + i), ctx);
      assertTrue(j.sismember(p + ":set", Integer.toString(i)), ctx);
      assertEquals(i, j.zscore(p + ":zset", "m" + i), ctx);
    }
    String counter = j.get(p + ":counter");
    long n = counter == null ? 0 : Long.parseLong(counter);
    assertTrue(n == a.incrs || (n == a.incrs + 1 && a.inFlight.equals("incr")), ctx + " counter " + n);
    String f = j.get(p + ":float");
    double x = f == null ? 0 : Double.parseDouble(f);
    assertTrue(x == a.floats * 0.5 || (x == a.floats * 0.5 + 0.5 && a.inFlight.equals("incrbyfloat")),
        ctx + " float " + f);
    String txc = j.get(p + ":txc");
    long txCount = txc == null ? 0 : Long.parseLong(txc);
    assertTrue(txCount == a.txs || (txCount == a.txs + 1 && a.inFlight.equals("tx")), ctx + " txc " + txc);
    assertEquals(txCount, j.llen(p + ":txl"), ctx + " a transaction is all or nothing");
    for (int i = 0; i < a.msets; i++) {
      assertEquals(List.of("x", "y", "z"), j.mget(p + ":m1:" + i, p + ":m2:" + i, p + ":m3:" + i), ctx);
    }
    for (int i = 0; i < a.expires; i++) {
      long ttl = j.ttl(p + ":ttl:" + i);
      assertTrue(ttl > 100_000 && ttl <= 200_000, ctx + " ttl " + i + " = " + ttl);
    }
  }
}

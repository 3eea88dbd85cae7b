package io.troupe.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import io.troupe.keyspace.SlotMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/** MULTI / EXEC / DISCARD / WATCH / UNWATCH through Jedis, as Redis 7.0 answers them. */
class TransactionsIT {
  static TestServer server;
  Jedis a;
  Jedis b;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void connect() {
    a = new Jedis(server.host(), server.port());
    b = new Jedis(server.host(), server.port());
    a.flushAll();
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    a.close();
    b.close();
  }

  /** Two keys owned by different shards of a 2-shard node. */
  static String[] keysOnTwoShards() {
    SlotMap map = SlotMap.evenlySplit(2);
    for (int i = 0; ; i++) {
      if (map.shardOfKey(("x" + i).getBytes()) != map.shardOfKey("a".getBytes())) {
        return new String[] {"a", "x" + i};
      }
    }
  }

  @Test
  void execRunsTheQueueInOrder() {
    Transaction t = a.multi();
    t.set("k", "1");
    t.incr("k");
    t.get("k");
    List<Object> out = t.exec();
    assertEquals(List.of("OK", 2L, "2"), out);
  }

  @Test
  void queuedRepliesAndControlErrors() {
    assertEquals("OK", new String((byte[]) a.sendCommand(() -> "MULTI".getBytes())));
    JedisDataException nested = assertThrows(JedisDataException.class, () -> a.sendCommand(() -> "MULTI".getBytes()));
    assertEquals("ERR MULTI calls can not be nested", nested.getMessage());
    JedisDataException watch = assertThrows(JedisDataException.class,
        () -> a.sendCommand(() -> "WATCH".getBytes(), "k"));
    assertEquals("ERR WATCH inside MULTI is not allowed", watch.getMessage());
    assertEquals("QUEUED", new String((byte[]) a.sendCommand(() -> "SET".getBytes(), "k", "v")));
    assertEquals("OK", new String((byte[]) a.sendCommand(() -> "DISCARD".getBytes())));
    assertNull(a.get("k"));
    JedisDataException exec = assertThrows(JedisDataException.class, () -> a.sendCommand(() -> "EXEC".getBytes()));
    assertEquals("ERR EXEC without MULTI", exec.getMessage());
    JedisDataException discard = assertThrows(JedisDataException.class,
        () -> a.sendCommand(() -> "DISCARD".getBytes()));
    assertEquals("ERR DISCARD without MULTI", discard.getMessage());
  }

  @Test
  void aQueueingErrorAbortsTheTransaction() {
    a.sendCommand(() -> "MULTI".getBytes());
    a.sendCommand(() -> "SET".getBytes(), "k", "v");
    JedisDataException arity = assertThrows(JedisDataException.class, () -> a.sendCommand(() -> "GET".getBytes()));
    assertEquals("ERR wrong number of arguments for 'get' command", arity.getMessage());
    JedisDataException unknown = assertThrows(JedisDataException.class,
        () -> a.sendCommand(() -> "NOSUCH".getBytes()));
    assertTrue(unknown.getMessage().startsWith("ERR unknown command 'NOSUCH'"));
    JedisDataException abort = assertThrows(JedisDataException.class, () -> a.sendCommand(() -> "EXEC".getBytes()));
    assertEquals("EXECABORT Transaction discarded because of previous errors.", abort.getMessage());
    assertNull(a.get("k"));
  }

  @Test
  void aRuntimeErrorDoesNotRollBack() {
    a.set("s", "text");
    Transaction t = a.multi();
    t.set("k", "1");
    t.incr("s");
    t.set("k2", "2");
    List<Object> out = t.exec();
    assertEquals("OK", out.get(0));
    assertTrue(out.get(1) instanceof JedisDataException);
    assertEquals("ERR value is not an integer or out of range", ((JedisDataException) out.get(1)).getMessage());
    assertEquals("1", a.get("k"));
    assertEquals("2", a.get("k2"));
  }

  @Test
  void aWatchedKeyChangedByAnotherClientAbortsExec() {
    a.set("w", "0");
    a.watch("w");
    b.set("w", "changed");
    Transaction t = a.multi();
    t.set("w", "mine");
    assertNull(t.exec());
    assertEquals("changed", a.get("w"));
    // the watch is gone after EXEC: the next transaction goes through
    Transaction again = a.multi();
    again.set("w", "mine");
    assertEquals(List.of("OK"), again.exec());
  }

  @Test
  void anUntouchedWatchLetsExecThrough() {
    a.set("w", "0");
    a.watch("w", "other");
    b.set("unrelated", "x");
    b.get("w");
    Transaction t = a.multi();
    t.incr("w");
    assertEquals(List.of(1L), t.exec());
  }

  @Test
  void unwatchForgetsTheWatch() {
    a.watch("w");
    a.unwatch();
    b.set("w", "changed");
    Transaction t = a.multi();
    t.set("w", "mine");
    assertEquals(List.of("OK"), t.exec());
  }

  @Test
  void watchIsTouchedByExpiryFlushAndSwapdb() throws Exception {
    a.psetex("e", 50, "v");
    a.watch("e");
    Thread.sleep(120);
    Transaction t = a.multi();
    t.set("x", "1");
    assertNull(t.exec(), "a watched key that expired aborts EXEC");

    a.set("f", "v");
    a.watch("f");
    b.flushAll();
    Transaction t2 = a.multi();
    t2.set("x", "1");
    assertNull(t2.exec(), "FLUSHALL touches watched keys that existed");

    a.watch("missing");
    b.flushDB();
    Transaction t3 = a.multi();
    t3.set("x", "1");
    assertEquals(List.of("OK"), t3.exec(), "a flush does not touch a key that did not exist");

    b.select(1);
    b.set("s", "in db1");
    a.watch("s");
    b.swapDB(0, 1);
    Transaction t4 = a.multi();
    t4.set("x", "1");
    assertNull(t4.exec(), "SWAPDB touches a watched key present in either database");
  }

  @Test
  void execIsAtomicAcrossShards() throws Exception {
    String[] k = keysOnTwoShards();
    a.set(k[0], "0");
    a.set(k[1], "0");
    // b keeps reading both keys; it must never see one incremented and not the other
    Thread reader = new Thread(() -> {
      try (Jedis r = new Jedis(server.host(), server.port())) {
        for (int i = 0; i < 300; i++) {
          List<String> both = r.mget(k[0], k[1]);
          assertEquals(both.get(0), both.get(1));
        }
      }
    });
    reader.start();
    for (int i = 0; i < 100; i++) {
      Transaction t = a.multi();
      t.incr(k[0]);
      t.incr(k[1]);
      t.exec();
    }
    reader.join();
    assertEquals("100", a.get(k[0]));
    assertEquals("100", a.get(k[1]));
  }

  @Test
  void selectInsideMultiAppliesToWhatFollows() {
    Transaction t = a.multi();
    t.sendCommand(redis.clients.jedis.Protocol.Command.SELECT, "3");
    t.set("db3key", "v");
    List<Object> out = t.exec();
    assertEquals("OK", new String((byte[]) out.get(0)));
    assertEquals("OK", out.get(1));
    assertEquals("v", a.get("db3key"));
    a.select(0);
    assertNull(a.get("db3key"));
  }

  @Test
  void aBlockingCommandInsideMultiDoesNotBlock() {
    Transaction t = a.multi();
    t.bzpopmin(0, "nothing-here");
    t.set("after", "1");
    List<Object> out = t.exec();
    assertNull(out.get(0));
    assertEquals("OK", out.get(1));
  }

  @Test
  void shutdownIsNotAllowedInMulti() {
    a.sendCommand(() -> "MULTI".getBytes());
    JedisDataException e = assertThrows(JedisDataException.class,
        () -> a.sendCommand(() -> "SHUTDOWN".getBytes()));
    assertEquals("ERR Command not allowed inside a transaction", e.getMessage());
    JedisDataException abort = assertThrows(JedisDataException.class, () -> a.sendCommand(() -> "EXEC".getBytes()));
    assertTrue(abort.getMessage().startsWith("EXECABORT"));
  }
}

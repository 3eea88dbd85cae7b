package io.troupe.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import io.troupe.connection.RawClient;
import io.troupe.keyspace.SlotMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.ListDirection;

/**
 * Blocking commands over the wire: clients blocked on lists and sorted sets
 * are woken in arrival order by a push from any connection, any shard, a
 * MULTI/EXEC or a RENAME into the key; time out with fractional timeouts; and
 * leave nothing behind when killed.
 */
class BlockingIT {
  static TestServer server;
  Jedis admin;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clean() {
    if (admin != null) {
      admin.close();
    }
    admin = new Jedis(server.host(), server.port());
    admin.flushAll();
  }

  Jedis client() {
    return new Jedis(server.host(), server.port());
  }

  /** Waits until {@code n} clients are blocked (INFO blocked_clients). */
  void awaitBlocked(int n) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      long blocked = Long.parseLong(admin.info("clients").lines()
          .filter(l -> l.startsWith("blocked_clients:")).findFirst().orElseThrow().substring(16).trim());
      if (blocked >= n) {
        Thread.sleep(20);
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("clients did not block");
  }

  static String[] keysOnTwoShards() {
    SlotMap map = SlotMap.evenlySplit(2);
    for (int i = 0; ; i++) {
      if (map.shardOfKey(("k" + i).getBytes()) != map.shardOfKey("list".getBytes())) {
        return new String[] {"list", "k" + i};
      }
    }
  }

  @Test
  void aPushFromAnotherConnectionWakesBlpop() throws Exception {
    try (Jedis blocked = client()) {
      CompletableFuture<List<String>> got = CompletableFuture.supplyAsync(() -> blocked.blpop(5, "q"));
      awaitBlocked(1);
      assertEquals(2, admin.rpush("q", "v1", "v2")); // the length before serving, as Redis answers
      assertEquals(List.of("q", "v1"), got.get(5, TimeUnit.SECONDS));
      assertEquals(List.of("v2"), admin.lrange("q", 0, -1));
    }
  }

  @Test
  void waitersAreServedInArrivalOrder() throws Exception {
    try (Jedis first = client(); Jedis second = client()) {
      CompletableFuture<List<String>> a = CompletableFuture.supplyAsync(() -> first.brpop(5, "fifo"));
      awaitBlocked(1);
      CompletableFuture<List<String>> b = CompletableFuture.supplyAsync(() -> second.brpop(5, "fifo"));
      awaitBlocked(2);
      admin.lpush("fifo", "one");
      assertEquals(List.of("fifo", "one"), a.get(5, TimeUnit.SECONDS));
      assertTrue(!b.isDone());
      admin.lpush("fifo", "two");
      assertEquals(List.of("fifo", "two"), b.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void fractionalTimeoutAnswersNull() {
    try (Jedis c = client()) {
      long t0 = System.nanoTime();
      assertNull(c.blpop(0.15, "never"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 140 && ms < 2000, "took " + ms + " ms");
    }
  }

  @Test
  void keysOnTwoShardsAreWatchedTogether() throws Exception {
    String[] k = keysOnTwoShards();
    try (Jedis blocked = client()) {
      CompletableFuture<List<String>> got = CompletableFuture.supplyAsync(() -> blocked.blpop(5, k[0], k[1]));
      awaitBlocked(1);
      admin.rpush(k[1], "from-other-shard");
      assertEquals(List.of(k[1], "from-other-shard"), got.get(5, TimeUnit.SECONDS));
      admin.rpush(k[0], "stays");
      assertEquals(List.of("stays"), admin.lrange(k[0], 0, -1));
    }
  }

  @Test
  void multiExecAndRenameWakeWaiters() throws Exception {
    try (Jedis one = client(); Jedis two = client()) {
      CompletableFuture<List<String>> a = CompletableFuture.supplyAsync(() -> one.blpop(5, "tx"));
      awaitBlocked(1);
      Transaction t = admin.multi();
      t.rpush("tx", "x");
      t.rpush("tx", "y");
      t.exec();
      assertEquals(List.of("tx", "x"), a.get(5, TimeUnit.SECONDS));

      CompletableFuture<List<String>> b = CompletableFuture.supplyAsync(() -> two.blpop(5, "renamed"));
      awaitBlocked(1);
      admin.rpush("source", "moved");
      admin.rename("source", "renamed");
      assertEquals(List.of("renamed", "moved"), b.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void blmoveAndBzpopminAreServedToo() throws Exception {
    try (Jedis one = client(); Jedis two = client()) {
      CompletableFuture<String> moved =
          CompletableFuture.supplyAsync(() -> one.blmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT, 5));
      awaitBlocked(1);
      admin.rpush("src", "item");
      assertEquals("item", moved.get(5, TimeUnit.SECONDS));
      assertEquals(List.of("item"), admin.lrange("dst", 0, -1));

      CompletableFuture<Object> popped = CompletableFuture.supplyAsync(() -> two.bzpopmin(5, "z"));
      awaitBlocked(1);
      admin.zadd("z", 2, "b");
      assertEquals("z=[b,2.0]", popped.get(5, TimeUnit.SECONDS).toString());
    }
  }

  @Test
  void aKilledBlockedClientLeavesNothingBehind() throws Exception {
    try (Jedis victim = client()) {
      long id = victim.clientId();
      CompletableFuture.runAsync(() -> {
        try {
          victim.blpop(10, "gone");
        } catch (RuntimeException expected) {
          // the connection is killed
        }
      });
      awaitBlocked(1);
      admin.clientKill(new redis.clients.jedis.params.ClientKillParams().id(Long.toString(id)));
      Thread.sleep(50);
      admin.rpush("gone", "kept");
      Thread.sleep(50);
      assertEquals(List.of("kept"), admin.lrange("gone", 0, -1));
    }
  }

  @Test
  void commandsPipelinedAfterABlockedOneWaitForIt() throws Exception {
    try (RawClient c = new RawClient(server.host(), server.port())) {
      c.pipeline(new String[] {"BLPOP", "p", "5"}, new String[] {"SET", "after", "1"});
      Thread.sleep(150);
      assertNull(admin.get("after"), "SET ran before BLPOP was served");
      admin.rpush("p", "go");
      assertEquals("*2\r\n$1\r\np\r\n$2\r\ngo\r\n", c.reply());
      assertEquals("+OK\r\n", c.reply());
      assertEquals("1", admin.get("after"));
    }
  }
}

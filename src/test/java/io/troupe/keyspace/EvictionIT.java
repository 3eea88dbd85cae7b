package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * maxmemory over the wire: every policy keeps used_memory at the limit and
 * picks its kind of victims; noeviction (or nothing left to evict) answers
 * OOM to denyoom commands only; evicted_keys, "evicted" notifications and
 * WATCH see evictions.
 */
class EvictionIT {
  private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
  private static final long LIMIT = 2 * 1024 * 1024;
  private static final String VALUE = "v".repeat(100);
  static TestServer server;
  Jedis jedis;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    if (jedis != null) {
      jedis.close();
    }
    jedis = new Jedis(server.host(), server.port());
    jedis.configSet("maxmemory", "0");
    jedis.configSet("maxmemory-policy", "noeviction");
    jedis.configSet("maxmemory-samples", "5");
    jedis.configSet("notify-keyspace-events", "");
    jedis.flushAll();
    jedis.configResetStat();
  }

  private long info(String section, String field) {
    for (String line : jedis.info(section).split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1));
      }
    }
    throw new AssertionError("no " + field);
  }

  private long used() {
    return info("memory", "used_memory");
  }

  private long evicted() {
    return info("stats", "evicted_keys");
  }

  /** Waits until the shards have brought used_memory under maxmemory and stopped evicting. */
  private void settle() throws InterruptedException {
    long limit = Long.parseLong(jedis.configGet("maxmemory").get("maxmemory"));
    long deadline = System.currentTimeMillis() + 5000;
    long last = -1;
    while (System.currentTimeMillis() < deadline) {
      Thread.sleep(150);
      long now = evicted();
      if (now == last && (limit == 0 || used() <= limit)) {
        return;
      }
      last = now;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru", "volatile-lfu",
      "volatile-random", "volatile-ttl"})
  void fillingPastTheLimitEvictsWhatThePolicyAllows(String policy) throws Exception {
    jedis.configSet("maxmemory-policy", policy);
    jedis.configSet("maxmemory", "2mb");
    int keys = 17_000;
    int persistent = 0;
    long peak = 0;
    for (int i = 0; i < keys; i += 100) {
      Pipeline p = jedis.pipelined();
      for (int j = i; j < i + 100; j++) {
        if (j % 8 == 0) {
          p.set("key:" + j, VALUE);
          persistent++;
        } else {
          p.set("key:" + j, VALUE, SetParams.setParams().ex(100_000));
        }
      }
      for (Object reply : p.syncAndReturnAll()) {
        assertEquals("OK", reply, policy + ": a write was refused");
      }
      peak = Math.max(peak, used());
    }
    settle();
    long used = used();
    assertTrue(peak < LIMIT * 1.05, policy + ": peak " + peak);
    assertTrue(used <= LIMIT, policy + ": used " + used);
    assertTrue(used > LIMIT * 0.85, policy + ": evicted far too much, used " + used);
    long size = jedis.dbSize();
    assertTrue(size < keys / 2, policy + ": " + size + " keys left");
    assertEquals(keys - size, evicted(), "evicted_keys counts every key gone");
    if (policy.startsWith("volatile")) {
      Pipeline p = jedis.pipelined();
      List<Response<Boolean>> there = new ArrayList<>();
      for (int j = 0; j < keys; j += 8) {
        there.add(p.exists("key:" + j));
      }
      p.sync();
      for (Response<Boolean> r : there) {
        assertTrue(r.get(), policy + " evicted a key without TTL");
      }
      assertEquals(persistent, there.size());
    }
  }

  @Test
  void volatileTtlEvictsTheShortestTtlsFirst() throws Exception {
    jedis.configSet("maxmemory-policy", "volatile-ttl");
    jedis.configSet("maxmemory-samples", "10");
    int keys = 6000;
    Pipeline p = jedis.pipelined();
    for (int i = 0; i < keys; i++) {
      p.set("t:" + i, VALUE, SetParams.setParams().ex(10_000 + i));
    }
    p.sync();
    jedis.configSet("maxmemory", Long.toString(used() - 300_000));
    settle();
    p = jedis.pipelined();
    List<Response<Boolean>> there = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      there.add(p.exists("t:" + i));
    }
    p.sync();
    int third = keys / 3;
    int lowGone = 0;
    int highGone = 0;
    for (int i = 0; i < third; i++) {
      lowGone += there.get(i).get() ? 0 : 1;
      highGone += there.get(keys - 1 - i).get() ? 0 : 1;
    }
    long gone = evicted();
    assertTrue(gone > 1000, "evicted " + gone);
    assertTrue(lowGone > gone * 0.8, "shortest third: " + lowGone + " of " + gone + " evicted");
    assertTrue(highGone < gone * 0.02, "longest third: " + highGone + " of " + gone + " evicted");
  }

  /** Fills 5000 keys, then writes 2500 more at the limit while reading a hot set of 200; returns survivors. */
  private int hotSetSurvivors(boolean readHotBetweenWrites) throws Exception {
    Pipeline p = jedis.pipelined();
    for (int i = 0; i < 5000; i++) {
      p.set("cold:" + i, VALUE);
    }
    for (int i = 0; i < 200; i++) {
      p.set("hot:" + i, VALUE);
    }
    p.sync();
    Thread.sleep(1100); // LRU clocks count seconds
    readHot(30);
    jedis.configSet("maxmemory", Long.toString(used()));
    for (int i = 0; i < 2500; i += 100) {
      p = jedis.pipelined();
      for (int j = i; j < i + 100; j++) {
        p.set("new:" + j, VALUE);
      }
      p.sync();
      if (readHotBetweenWrites) {
        readHot(1);
      }
    }
    settle();
    assertTrue(evicted() > 2000, "evicted " + evicted());
    p = jedis.pipelined();
    List<Response<Boolean>> there = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      there.add(p.exists("hot:" + i));
    }
    p.sync();
    int alive = 0;
    for (Response<Boolean> r : there) {
      alive += r.get() ? 1 : 0;
    }
    return alive;
  }

  private void readHot(int rounds) {
    Pipeline p = jedis.pipelined();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 200; i++) {
        p.get("hot:" + i);
      }
    }
    p.sync();
  }

  @Test
  void allkeysLruKeepsRecentlyReadKeys() throws Exception {
    jedis.configSet("maxmemory-policy", "allkeys-lru");
    int alive = hotSetSurvivors(true);
    assertTrue(alive >= 190, alive + " of 200 hot keys survived");
  }

  @Test
  void allkeysLfuKeepsFrequentlyReadKeys() throws Exception {
    jedis.configSet("maxmemory-policy", "allkeys-lfu");
    int alive = hotSetSurvivors(false);
    assertTrue(alive >= 190, alive + " of 200 hot keys survived");
    // OBJECT FREQ reads the LFU counter: a hot key was read 30 times, a new one never.
    long hot = jedis.objectFreq("hot:0");
    assertTrue(hot > 5, "hot freq " + hot);
    jedis.set("fresh", "1");
    assertEquals(5L, jedis.objectFreq("fresh"));
  }

  @Test
  void noevictionRefusesDenyoomCommandsOnly() throws Exception {
    jedis.set("a", "1");
    jedis.configSet("maxmemory", "1");
    JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.set("b", "2"));
    assertEquals(OOM, e.getMessage());
    e = assertThrows(JedisDataException.class, () -> jedis.rpush("l", "x"));
    assertEquals(OOM, e.getMessage());
    assertEquals("1", jedis.get("a"));
    assertEquals(1L, jedis.del("a"));
    assertNull(jedis.get("a"));
    assertEquals(0, evicted());
    jedis.configSet("maxmemory", "0");
    assertEquals("OK", jedis.set("b", "2"));
  }

  @Test
  void multiWithAnOomRejectedCommandIsAborted() throws Exception {
    try (io.troupe.connection.RawClient c = new io.troupe.connection.RawClient(server.host(), server.port())) {
      jedis.configSet("maxmemory", "1");
      assertEquals("+OK\r\n", c.call("MULTI"));
      assertEquals("-" + OOM + "\r\n", c.call("GET", "a"));
      assertEquals("-" + OOM + "\r\n", c.call("SET", "a", "1"));
      assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", c.call("EXEC"));
      // Refused before the subscribed-mode check, as processCommand orders them.
      c.call("SUBSCRIBE", "ch");
      assertEquals("-" + OOM + "\r\n", c.call("SET", "a", "1"));
    }
  }

  @Test
  void volatilePolicyWithNoVolatileKeysAnswersOom() throws Exception {
    jedis.configSet("maxmemory-policy", "volatile-lru");
    for (int i = 0; i < 100; i++) {
      jedis.set("p:" + i, VALUE);
    }
    jedis.configSet("maxmemory", "1mb");
    settle();
    JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.set("x", "1"));
    assertEquals(OOM, e.getMessage());
    assertEquals(100L, jedis.dbSize());
    assertEquals(0, evicted());
  }

  @Test
  void evictionsAreNotifiedAsEvictedEvents() throws Exception {
    jedis.configSet("notify-keyspace-events", "Ee");
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch subscribed = new CountDownLatch(1);
    JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onSubscribe(String channel, int count) {
        subscribed.countDown();
      }

      @Override
      public void onMessage(String channel, String message) {
        seen.add(channel + " " + message);
      }
    };
    Jedis sub = new Jedis(server.host(), server.port());
    Thread t = new Thread(() -> sub.subscribe(listener, "__keyevent@0__:evicted"));
    t.start();
    assertTrue(subscribed.await(5, TimeUnit.SECONDS));
    jedis.configSet("maxmemory-policy", "allkeys-random");
    Pipeline p = jedis.pipelined();
    for (int i = 0; i < 2000; i++) {
      p.set("n:" + i, VALUE);
    }
    p.sync();
    jedis.configSet("maxmemory", Long.toString(used() - 50_000));
    settle();
    long gone = evicted();
    assertTrue(gone > 100, "evicted " + gone);
    long deadline = System.currentTimeMillis() + 5000;
    while (seen.size() < gone && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    listener.unsubscribe();
    t.join(5000);
    sub.close();
    assertEquals(gone, seen.size());
    for (String m : seen) {
      assertTrue(m.startsWith("__keyevent@0__:evicted n:"), m);
    }
    assertEquals(2000 - gone, jedis.dbSize());
  }

  @Test
  void evictionAbortsTransactionsWatchingTheKey() throws Exception {
    jedis.configSet("maxmemory-policy", "volatile-ttl");
    for (int i = 0; i < 100; i++) {
      jedis.set("p:" + i, VALUE);
    }
    jedis.set("w", VALUE, SetParams.setParams().ex(1000));
    try (Jedis other = new Jedis(server.host(), server.port())) {
      other.watch("w");
      jedis.configSet("maxmemory", Long.toString(used() - 10));
      settle();
      assertEquals(false, jedis.exists("w"));
      assertEquals(1, evicted());
      jedis.configSet("maxmemory", "0");
      Transaction t = other.multi();
      t.set("w", "again");
      assertNull(t.exec());
    }
  }
}

package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eviction pool, the policies' victims and the shards' quotas, in-process. */
class EvictorTest {
  private static final long NOW = 1_700_000_040_000L;
  private final ServerConfig config = new ServerConfig();
  private final MaxMemory settings = new MaxMemory(config);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Entry put(Keyspace ks, String key, int valueBytes) {
    byte[] k = b(key);
    return ks.db(0).insert(k, KeySlot.slot(k), new byte[valueBytes]);
  }

  @Test
  void poolKeepsTheSixteenBestCandidatesInOrder() {
    Evictor ev = new Evictor(new Keyspace(0, 1), settings);
    long[] idles = {5, 1, 9, 3};
    for (int i = 0; i < idles.length; i++) {
      ev.insert(idles[i], 0, b("k" + i));
    }
    assertEquals(4, ev.poolSize());
    assertEquals(List.of(1L, 3L, 5L, 9L), pool(ev));
    ev.insert(5, 0, b("k0")); // sampled again: already a candidate
    assertEquals(4, ev.poolSize());
    for (int i = 0; i < 20; i++) {
      ev.insert(10 + i, 0, b("more" + i));
    }
    assertEquals(Evictor.POOL_SIZE, ev.poolSize());
    assertEquals(14L, ev.poolIdle(0), "the worst were dropped");
    assertEquals(29L, ev.poolIdle(Evictor.POOL_SIZE - 1));
    ev.insert(2, 0, b("worse"));
    assertEquals(14L, ev.poolIdle(0), "worse than all of a full pool: ignored");
  }

  private static List<Long> pool(Evictor ev) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < ev.poolSize(); i++) {
      out.add(ev.poolIdle(i));
    }
    return out;
  }

  @Test
  void volatileTtlTakesTheSoonestExpiryAndNeverAPersistentKey() {
    Keyspace ks = new Keyspace(0, 1);
    config.set("maxmemory-samples", "50");
    Database db = ks.db(0);
    db.setExpire(put(ks, "late", 10), NOW + 50_000);
    db.setExpire(put(ks, "soon", 10), NOW + 1_000);
    db.setExpire(put(ks, "middle", 10), NOW + 9_000);
    put(ks, "forever", 10);
    Evictor ev = new Evictor(ks, settings);
    SplittableRandom rnd = new SplittableRandom(1);
    for (String expected : List.of("soon", "middle", "late")) {
      assertTrue(ev.evictOne(EvictionPolicy.VOLATILE_TTL, NOW, rnd));
      assertNull(db.get(b(expected), KeySlot.slot(b(expected))), expected + " should be next");
    }
    assertEquals(3, ks.stats().evictedKeys);
    assertNotNull(db.get(b("forever"), KeySlot.slot(b("forever"))));
    assertFalse(ev.evictOne(EvictionPolicy.VOLATILE_LRU, NOW, rnd), "no key with a TTL left");
    assertTrue(ev.evictOne(EvictionPolicy.ALLKEYS_RANDOM, NOW, rnd));
    assertEquals(0, db.size());
  }

  @Test
  void allkeysLfuPrefersTheLowestCounter() {
    Keyspace ks = new Keyspace(0, 1);
    config.set("maxmemory-samples", "50");
    Entry hot = put(ks, "hot", 10);
    Entry cold = put(ks, "cold", 10);
    hot.lru = (Lfu.minutes(NOW) << 8) | 40;
    cold.lru = (Lfu.minutes(NOW) << 8) | 6;
    Evictor ev = new Evictor(ks, settings);
    assertTrue(ev.evictOne(EvictionPolicy.ALLKEYS_LFU, NOW, new SplittableRandom(2)));
    assertNull(ks.db(0).get(b("cold"), KeySlot.slot(b("cold"))));
    assertEquals(249, ev.idleScore(EvictionPolicy.ALLKEYS_LFU, cold, NOW));
  }

  @Test
  void shardsRunningOneAfterTheOtherBringTheNodeUnderTheLimitInOneRound() {
    Keyspace a = new Keyspace(0, 1);
    Keyspace b = new Keyspace(1, 1);
    List<Keyspace> node = List.of(a, b);
    a.setNode(node);
    b.setNode(node);
    for (int i = 0; i < 3000; i++) {
      put(i % 3 == 0 ? b : a, "key:" + i, 100); // a holds twice b's keys
    }
    long limit = Evictor.usedMemory(node) - 100_000;
    config.set("maxmemory", Long.toString(limit));
    config.set("maxmemory-policy", "allkeys-random");
    config.set("maxmemory-eviction-tenacity", "100");
    Evictor ea = new Evictor(a, settings);
    Evictor eb = new Evictor(b, settings);
    long bBefore = b.usedMemory();
    assertTrue(ea.evict(NOW) > 0);
    eb.evict(NOW);
    assertTrue(Evictor.usedMemory(node) <= limit);
    assertTrue(Evictor.usedMemory(node) > limit - 1000, "freed no more than needed");
    assertEquals(bBefore, b.usedMemory(), "b is within its quota: a, over it, frees the excess");
    // Over the limit again: a (over its quota) can free; once it has nothing to evict, nobody can.
    long lower = limit - 50_000;
    assertTrue(Evictor.canFree(node, lower));
    a.setNothingToEvict(true);
    assertFalse(Evictor.canFree(node, lower), "b is within its quota");
  }

  @Test
  void timeLimitFollowsTenacity() {
    config.set("maxmemory-eviction-tenacity", "10");
    assertEquals(500, settings.evictionTimeLimitMicros());
    config.set("maxmemory-eviction-tenacity", "0");
    assertEquals(0, settings.evictionTimeLimitMicros());
    config.set("maxmemory-eviction-tenacity", "100");
    assertEquals(Long.MAX_VALUE, settings.evictionTimeLimitMicros());
  }
}

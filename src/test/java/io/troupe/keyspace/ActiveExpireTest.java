package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The active expire cycle on a plain Keyspace, without a server. */
class ActiveExpireTest {

  private static Entry put(Keyspace ks, int dbIndex, String key, long expireAt) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    Database db = ks.db(dbIndex);
    Entry e = db.insert(k, KeySlot.slot(k), k);
    if (expireAt != Entry.NO_EXPIRY) {
      db.setExpire(e, expireAt);
    }
    return e;
  }

  /** Runs cycles at {@code now} until one expires nothing; returns the total expired. */
  private static int runUntilQuiet(ActiveExpire ae, long now) {
    int total = 0;
    for (int i = 0; i < 10_000; i++) {
      int n = ae.cycle(now);
      if (n == 0) {
        return total;
      }
      total += n;
    }
    throw new AssertionError("active expire never settled");
  }

  @Test
  void deletesExpiredKeysNobodyTouches() {
    Keyspace ks = new Keyspace(0, 16);
    ActiveExpire ae = new ActiveExpire(ks, new ServerConfig());
    for (int i = 0; i < 1000; i++) {
      put(ks, 0, "gone:" + i, 100);
      put(ks, 0, "forever:" + i, Entry.NO_EXPIRY);
      put(ks, 7, "db7:" + i, 150);
    }
    assertEquals(0, ae.cycle(50), "nothing is due yet");
    assertEquals(2000, ks.db(0).size());

    int expired = runUntilQuiet(ae, 200);

    assertEquals(2000, expired);
    assertEquals(1000, ks.db(0).size());
    assertEquals(0, ks.db(0).volatileCount());
    assertEquals(0, ks.db(7).size());
    assertEquals(2000, ks.stats().expiredKeys);
    for (int i = 0; i < 1000; i++) {
      byte[] key = ("forever:" + i).getBytes(StandardCharsets.UTF_8);
      assertNotNull(ks.db(0).get(key, KeySlot.slot(key)));
    }
  }

  @Test
  void leavesAboutAQuarterStaleAtMostAndNeverAFreshKey() {
    int runs = 20;
    double staleShare = 0;
    for (int r = 0; r < runs; r++) {
      Keyspace ks = new Keyspace(0, 1);
      ActiveExpire ae = new ActiveExpire(ks, new ServerConfig());
      for (int i = 0; i < 1000; i++) {
        put(ks, 0, "gone:" + i, 100);
        put(ks, 0, "later:" + i, 10_000);
      }
      runUntilQuiet(ae, 200);
      int[] stale = new int[1];
      int[] fresh = new int[1];
      ks.db(0).forEach(e -> {
        if (e.expireAt() == 100) {
          stale[0]++;
        } else {
          fresh[0]++;
        }
      });
      assertEquals(1000, fresh[0], "fresh keys are never expired");
      staleShare += (double) stale[0] / (stale[0] + fresh[0]) / runs;
    }
    // Sampling stops once a sample is at most 25% stale (Redis's
    // ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE), so on average less is left.
    assertTrue(staleShare < 0.25, "average stale share " + staleShare);
  }

  @Test
  void aMostlyFreshDatabaseIsLeftAfterOneSample() {
    Keyspace ks = new Keyspace(0, 1);
    ActiveExpire ae = new ActiveExpire(ks, new ServerConfig());
    for (int i = 0; i < 10_000; i++) {
      put(ks, 0, "fresh:" + i, 1_000_000);
    }
    put(ks, 0, "stale", 1);
    // With one stale key in 10001, a sample finds at most one: far under 25%,
    // so the cycle stops after its first sample instead of walking the db.
    int n = ae.cycle(100);
    assertTrue(n <= 1, "expired " + n);
    assertEquals(10_001 - n, ks.db(0).size());
  }

  @Test
  void laterCyclesFinishWhatTheBudgetCutShort() {
    ServerConfig config = new ServerConfig();
    Keyspace ks = new Keyspace(0, 4);
    ActiveExpire ae = new ActiveExpire(ks, config);
    for (int d = 0; d < 4; d++) {
      for (int i = 0; i < 20_000; i++) {
        put(ks, d, "k" + d + ":" + i, 10);
      }
    }
    runUntilQuiet(ae, 20);
    for (int d = 0; d < 4; d++) {
      assertEquals(0, ks.db(d).size(), "db " + d);
      assertEquals(0, ks.db(d).volatileCount(), "db " + d);
    }
  }
}

package io.troupe.keyspace;

import io.troupe.config.ServerConfig;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The active expire cycle of one shard (Redis's activeExpireCycle): each tick,
 * per database, sample keys that have a TTL, delete the expired ones, and
 * sample again while more than a quarter of a sample was expired, within a
 * time budget of a quarter of the tick period. {@code active-expire-effort}
 * scales the sample size and budget as in Redis.
 */
public final class ActiveExpire {
  static final int KEYS_PER_LOOP = 20;
  static final int ACCEPTABLE_STALE_PERCENT = 25;

  private final Keyspace keyspace;
  private final ServerConfig config;
  /** The database the next cycle starts with (Redis's current_db). */
  private int nextDb;
  /** Server-wide switch (Redis's server.active_expire_enabled), flipped by DEBUG SET-ACTIVE-EXPIRE. */
  private static volatile boolean enabled = true;

  private Propagation propagation = Propagation.NONE;

  public ActiveExpire(Keyspace keyspace, ServerConfig config) {
    this.keyspace = keyspace;
    this.config = config;
  }

  /** Where the DEL of each expired key is propagated. */
  public void setPropagation(Propagation propagation) {
    this.propagation = propagation;
  }

  /** DEBUG SET-ACTIVE-EXPIRE. */
  public static void setEnabled(boolean on) {
    enabled = on;
  }

  /** Runs one cycle at time {@code now}; returns how many keys it expired. */
  public int cycle(long now) {
    if (!enabled || keyspace.replica()) {
      return 0; // a replica waits for its master's DELs
    }
    long effort = config.getLong("active-expire-effort") - 1;
    int perLoop = (int) (KEYS_PER_LOOP + KEYS_PER_LOOP / 4 * effort);
    long hz = config.getLong("hz");
    long budgetNanos = 1_000_000_000L / hz * (25 + 2 * effort) / 100;
    long started = System.nanoTime();
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int expired = 0;
    int dbs = keyspace.databases();
    for (int n = 0; n < dbs; n++) {
      int d = (nextDb + n) % dbs;
      Database db = keyspace.db(d);
      while (db.volatileCount() > 0) {
        int sampled = Math.min(perLoop, db.volatileCount());
        int expiredNow = 0;
        for (int i = 0; i < sampled && db.volatileCount() > 0; i++) {
          Entry e = db.randomVolatile(rnd);
          if (e.expireAt() <= now) {
            db.remove(e.key(), KeySlot.slot(e.key()));
            propagation.propagate(d, Propagation.del(e.key()));
            keyspace.watched().touch(d, e.key());
            keyspace.events().notify(KeyspaceEvents.EXPIRED, "expired", e.key(), d);
            expiredNow++;
          }
        }
        expired += expiredNow;
        keyspace.stats().expiredKeys += expiredNow;
        if (System.nanoTime() - started > budgetNanos) {
          // Out of time: the next cycle resumes with this database, so a busy
          // low-numbered database cannot starve the others.
          nextDb = d;
          long micros = (System.nanoTime() - started) / 1000;
          keyspace.stats().expireCycleCpuMicros += micros;
          LatencyMonitor latency = keyspace.latency();
          if (latency != null) {
            latency.addIfNeeded("expire-cycle", micros / 1000);
          }
          return expired;
        }
        if (expiredNow * 100 <= sampled * ACCEPTABLE_STALE_PERCENT) {
          break;
        }
      }
    }
    long micros = (System.nanoTime() - started) / 1000;
    keyspace.stats().expireCycleCpuMicros += micros;
    LatencyMonitor latency = keyspace.latency();
    if (latency != null) {
      latency.addIfNeeded("expire-cycle", micros / 1000);
    }
    return expired;
  }
}

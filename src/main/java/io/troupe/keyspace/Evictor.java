package io.troupe.keyspace;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Eviction for one shard (Redis's evict.c, performEvictions): when the node's
 * used memory is over {@code maxmemory}, removes keys of this shard chosen
 * by {@code maxmemory-policy} until the shard has given up its share of the
 * excess.
 *
 * <p>Shards own their keys, so none can evict another's, and none ever waits
 * for another. Each checks the node's total before every batch of commands it
 * runs and on its timer tick; over the limit, a shard above its quota (an
 * equal part of the room maxmemory leaves for data: shards own equal numbers
 * of slots) evicts its own keys until the node is back under the limit or it
 * is down to its quota. Run one after another or at once, the shards bring
 * the node under the limit in one round; at once, they may free up to one
 * excess too much. A shard that receives no commands still does its part
 * within one tick.
 *
 * <p>LRU, LFU and volatile-ttl use Redis's approximation: each run samples
 * {@code maxmemory-samples} keys per database into a pool of the 16 best
 * candidates seen so far (the pool outlives a run, so later samples compete
 * with earlier ones) and evicts the best that still exists. The random
 * policies take a random key, visiting the databases in turn.
 */
public final class Evictor {
  /**
   * What used_memory counts beside the keys: about what an empty Redis 7.0
   * reports (0.86 MB), so a maxmemory sized for Redis leaves the same room for
   * data. The JVM's own structures (classes, actors, buffers) are not in it.
   */
  public static final long BASELINE = 1L << 20;
  static final int POOL_SIZE = 16;

  private final Keyspace keyspace;
  private final MaxMemory settings;
  /** The pool, ascending by idle score in [0, poolCount): the best candidate is last. */
  private final long[] poolIdle = new long[POOL_SIZE];
  private final byte[][] poolKey = new byte[POOL_SIZE][];
  private final int[] poolDb = new int[POOL_SIZE];
  private int poolCount;
  private int nextDb;
  /** The last run stopped on its time limit with more to evict (Redis's EVICT_RUNNING). */
  private boolean unfinished;

  private final Propagation propagation;

  public Evictor(Keyspace keyspace, MaxMemory settings) {
    this(keyspace, settings, Propagation.NONE);
  }

  /** An evictor whose evicted keys are propagated as DEL to {@code propagation}. */
  public Evictor(Keyspace keyspace, MaxMemory settings, Propagation propagation) {
    this.keyspace = keyspace;
    this.settings = settings;
    this.propagation = propagation;
  }

  /** The node's used memory: the baseline plus every shard's estimate (INFO used_memory). */
  public static long usedMemory(List<Keyspace> node) {
    long n = BASELINE;
    for (Keyspace ks : node) {
      n += ks.usedMemory();
    }
    return n;
  }

  /** A shard's part of the room maxmemory leaves for data. */
  static long quota(List<Keyspace> node, long limit) {
    return Math.max(0, (limit - BASELINE) / node.size());
  }

  /**
   * Whether eviction can bring a node over maxmemory back under it (else
   * denyoom commands get OOM, as when Redis's performEvictions fails): some
   * shard is above its quota and had, at its last eviction run, keys the
   * policy lets it evict.
   */
  public static boolean canFree(List<Keyspace> node, long limit) {
    long quota = quota(node, limit);
    for (Keyspace ks : node) {
      if (ks.usedMemory() > quota && !ks.nothingToEvict()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Evicts this shard's share of the node's excess over maxmemory, within
   * the time maxmemory-eviction-tenacity allows. Returns how many keys it
   * evicted.
   */
  public int evict(long nowMillis) {
    unfinished = false;
    long limit = settings.limit();
    if (limit == 0) {
      keyspace.setNothingToEvict(false);
      return 0;
    }
    long shardsUsed = 0;
    for (Keyspace ks : keyspace.node()) {
      shardsUsed += ks.usedMemory();
    }
    long excess = BASELINE + shardsUsed - limit;
    EvictionPolicy policy = settings.policy();
    if (excess <= 0 || policy == EvictionPolicy.NOEVICTION || shardsUsed <= 0) {
      keyspace.setNothingToEvict(false); // nothing asked of it: forget an old failure
      return 0;
    }
    // This shard's quota is an equal part of the room maxmemory leaves for
    // data (shards own equal numbers of slots, so their keys weigh about the
    // same). Over it, the shard gives up what the node is over by, but never
    // goes under its quota: whether the shards run one after the other or at
    // once, one round brings the node under the limit.
    long quota = quota(keyspace.node(), limit);
    long mine = keyspace.usedMemory();
    long target = Math.max(quota, mine - excess);
    if (mine <= target) {
      return 0; // within its quota: the excess is not this shard's to free
    }
    long deadline = System.nanoTime() + Math.min(settings.evictionTimeLimitMicros(), Long.MAX_VALUE / 2000) * 1000;
    int evicted = 0;
    RandomGenerator rnd = ThreadLocalRandom.current();
    while (keyspace.usedMemory() > target) {
      if (!evictOne(policy, nowMillis, rnd)) {
        keyspace.setNothingToEvict(true);
        return evicted;
      }
      evicted++;
      if ((evicted & 15) == 0 && System.nanoTime() > deadline) {
        unfinished = keyspace.usedMemory() > target;
        break; // the owner runs us again soon (evictionTimeProc)
      }
    }
    keyspace.setNothingToEvict(false);
    return evicted;
  }

  /** True when the last {@link #evict} ran out of time with more to free: run it again soon. */
  public boolean unfinished() {
    return unfinished;
  }

  /** Finds and evicts one key; false when the policy leaves nothing to evict. */
  boolean evictOne(EvictionPolicy policy, long nowMillis, RandomGenerator rnd) {
    int dbs = keyspace.databases();
    if (policy.kind() == EvictionPolicy.Kind.RANDOM) {
      for (int i = 0; i < dbs; i++) {
        int d = nextDb = (nextDb + 1) % dbs;
        Database db = keyspace.db(d);
        Entry e = policy.allKeys() ? db.sampleEntry(rnd) : db.randomVolatile(rnd);
        if (e != null) {
          remove(d, e.key());
          return true;
        }
      }
      return false;
    }
    while (true) {
      long candidates = 0;
      for (int d = 0; d < dbs; d++) {
        Database db = keyspace.db(d);
        long n = policy.allKeys() ? db.size() : db.volatileCount();
        if (n > 0) {
          candidates += n;
          populate(policy, d, db, nowMillis, rnd);
        }
      }
      if (candidates == 0) {
        return false;
      }
      while (poolCount > 0) {
        int i = --poolCount;
        byte[] key = poolKey[i];
        int d = poolDb[i];
        poolKey[i] = null;
        Entry e = keyspace.db(d).get(key, KeySlot.slot(key));
        // The candidate may be gone, or lost its TTL, since it was sampled.
        if (e != null && (policy.allKeys() || e.hasExpiry())) {
          remove(d, key);
          return true;
        }
      }
    }
  }

  /** evictionPoolPopulate: samples keys of {@code db} into the pool by their idle score. */
  private void populate(EvictionPolicy policy, int d, Database db, long nowMillis, RandomGenerator rnd) {
    int samples = settings.samples();
    for (int s = 0; s < samples; s++) {
      Entry e = policy.allKeys() ? db.sampleEntry(rnd) : db.randomVolatile(rnd);
      if (e == null) {
        return;
      }
      insert(idleScore(policy, e, nowMillis), d, e.key());
    }
  }

  /** The higher, the better a victim: idle seconds, 255 minus the LFU counter, or time left reversed. */
  long idleScore(EvictionPolicy policy, Entry e, long nowMillis) {
    return switch (policy.kind()) {
      case LRU -> Math.max(0, nowMillis / 1000 - e.lru);
      case LFU -> Lfu.MAX - Lfu.decayed(e.lru, nowMillis, settings.lfuDecayTime());
      case TTL -> Long.MAX_VALUE - e.expireAt;
      default -> 0;
    };
  }

  /** Puts a candidate in its place in the pool, dropping the worst when full. */
  void insert(long idle, int d, byte[] key) {
    for (int i = 0; i < poolCount; i++) {
      // A key sampled again has the same score, unless it was touched in between.
      if (poolIdle[i] == idle && poolDb[i] == d && java.util.Arrays.equals(poolKey[i], key)) {
        return; // sampled again: already a candidate
      }
    }
    int k = 0;
    while (k < poolCount && poolIdle[k] < idle) {
      k++;
    }
    if (poolCount < POOL_SIZE) {
      System.arraycopy(poolIdle, k, poolIdle, k + 1, poolCount - k);
      System.arraycopy(poolKey, k, poolKey, k + 1, poolCount - k);
      System.arraycopy(poolDb, k, poolDb, k + 1, poolCount - k);
      poolCount++;
    } else {
      if (k == 0) {
        return; // worse than every candidate in a full pool
      }
      // Drop the worst (first) and slide the ones below k down.
      System.arraycopy(poolIdle, 1, poolIdle, 0, k - 1);
      System.arraycopy(poolKey, 1, poolKey, 0, k - 1);
      System.arraycopy(poolDb, 1, poolDb, 0, k - 1);
      k--;
    }
    poolIdle[k] = idle;
    poolKey[k] = key;
    poolDb[k] = d;
  }

  /** Evicts one key: removed, counted, WATCHers told, "evicted" notified. */
  private void remove(int d, byte[] key) {
    keyspace.db(d).remove(key, KeySlot.slot(key));
    propagation.propagate(d, Propagation.del(key));
    keyspace.stats().evictedKeys++;
    keyspace.watched().touch(d, key);
    keyspace.events().notify(KeyspaceEvents.EVICTED, "evicted", key, d);
  }

  /** The candidates in the pool, worst first (for tests). */
  int poolSize() {
    return poolCount;
  }

  long poolIdle(int i) {
    return poolIdle[i];
  }
}

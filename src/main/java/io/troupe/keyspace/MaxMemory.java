package io.troupe.keyspace;

import io.troupe.config.Param;
import io.troupe.config.ServerConfig;

/**
 * The maxmemory settings as the hot paths read them: the parameters are
 * looked up once, the policy name is parsed only when it changes. Safe to
 * share between threads (each read sees the latest CONFIG SET).
 */
public final class MaxMemory {
  private record Parsed(String text, EvictionPolicy policy) {}

  private final Param maxmemory;
  private final Param policy;
  private final Param samples;
  private final Param logFactor;
  private final Param decayTime;
  private final Param tenacity;
  private volatile Parsed parsed = new Parsed(null, EvictionPolicy.NOEVICTION);

  public MaxMemory(ServerConfig config) {
    maxmemory = config.param("maxmemory");
    policy = config.param("maxmemory-policy");
    samples = config.param("maxmemory-samples");
    logFactor = config.param("lfu-log-factor");
    decayTime = config.param("lfu-decay-time");
    tenacity = config.param("maxmemory-eviction-tenacity");
  }

  /** The limit in bytes; 0 = none. */
  public long limit() {
    return maxmemory.asLong();
  }

  public EvictionPolicy policy() {
    String text = policy.text();
    Parsed p = parsed;
    if (p.text() != text) {
      p = new Parsed(text, EvictionPolicy.of(text));
      parsed = p;
    }
    return p.policy();
  }

  /** True under allkeys-lfu / volatile-lfu: key clocks then hold the LFU form. */
  public boolean lfu() {
    return policy().kind() == EvictionPolicy.Kind.LFU;
  }

  public int samples() {
    return (int) samples.asLong();
  }

  public long lfuLogFactor() {
    return logFactor.asLong();
  }

  public long lfuDecayTime() {
    return decayTime.asLong();
  }

  /**
   * How long one eviction run may take, in microseconds (Redis's
   * evictionTimeLimitUs): 50 µs per tenacity step up to 10, then 15% more
   * per step; unlimited at 100.
   */
  public long evictionTimeLimitMicros() {
    long t = tenacity.asLong();
    if (t <= 10) {
      return 50 * t;
    }
    if (t < 100) {
      return (long) (500.0 * Math.pow(1.15, t - 10));
    }
    return Long.MAX_VALUE;
  }

  /** The access clock of a key created or touched at {@code nowMillis}, for a new key. */
  public int newClock(long nowMillis) {
    return lfu() ? Lfu.initial(nowMillis) : (int) (nowMillis / 1000);
  }

  /** The access clock after an access at {@code nowMillis} (Redis's LRU_CLOCK or updateLFU). */
  public int touchedClock(int clock, long nowMillis, java.util.random.RandomGenerator rnd) {
    if (lfu()) {
      return Lfu.touch(clock, nowMillis, lfuLogFactor(), lfuDecayTime(), rnd);
    }
    return (int) (nowMillis / 1000);
  }
}

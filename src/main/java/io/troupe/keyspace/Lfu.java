package io.troupe.keyspace;

import java.util.random.RandomGenerator;

/**
 * The LFU access clock Redis keeps in a key's 24 LRU bits under an LFU
 * policy (evict.c's LFU half): the last decrement time in minutes, modulo
 * 2^16, above an 8-bit counter. The counter grows logarithmically (each hit
 * increments it with probability 1 / ((counter - 5) * lfu-log-factor + 1)),
 * starts at 5 for a new key so it is not evicted at once, and loses one per
 * {@code lfu-decay-time} minutes without access.
 */
public final class Lfu {
  /** The counter of a new key (LFU_INIT_VAL). */
  public static final int INIT_VAL = 5;
  public static final int MAX = 255;

  private Lfu() {}

  /** Minutes of {@code nowMillis}, modulo 2^16 (LFUGetTimeInMinutes). */
  public static int minutes(long nowMillis) {
    return (int) ((nowMillis / 60000) & 0xffff);
  }

  /** The clock of a new key: now, with the initial counter. */
  public static int initial(long nowMillis) {
    return (minutes(nowMillis) << 8) | INIT_VAL;
  }

  /** Minutes since {@code ldt}, wrapping as Redis's LFUTimeElapsed. */
  public static int elapsed(int ldt, long nowMillis) {
    int now = minutes(nowMillis);
    return now >= ldt ? now - ldt : 65535 - ldt + now;
  }

  /** LFUDecrAndReturn: the counter after the decay due since its last decrement time. */
  public static int decayed(int clock, long nowMillis, long decayMinutes) {
    int ldt = (clock >>> 8) & 0xffff;
    int counter = clock & 0xff;
    long periods = decayMinutes > 0 ? elapsed(ldt, nowMillis) / decayMinutes : 0;
    return periods > counter ? 0 : (int) (counter - periods);
  }

  /** LFULogIncr: the counter after one access, incremented with decreasing probability. */
  public static int increment(int counter, long logFactor, RandomGenerator rnd) {
    if (counter >= MAX) {
      return MAX;
    }
    double r = rnd.nextDouble();
    double base = Math.max(0, counter - INIT_VAL);
    double p = 1.0 / (base * logFactor + 1);
    return r < p ? counter + 1 : counter;
  }

  /** updateLFU: the clock after one access at {@code nowMillis}. */
  public static int touch(int clock, long nowMillis, long logFactor, long decayMinutes,
      RandomGenerator rnd) {
    int counter = increment(decayed(clock, nowMillis, decayMinutes), logFactor, rnd);
    return (minutes(nowMillis) << 8) | counter;
  }
}

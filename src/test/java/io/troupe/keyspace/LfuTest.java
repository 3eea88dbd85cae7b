package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The LFU counter: initial value, logarithmic increment, decay, the 16-bit minute clock. */
class LfuTest {
  private static final long MINUTE = 60_000;
  private static final long NOW = 1_700_000_040_000L; // on a minute

  private static int clock(long atMillis, int counter) {
    return (Lfu.minutes(atMillis) << 8) | counter;
  }

  @Test
  void newKeyStartsAtFiveWithTheCurrentMinute() {
    int c = Lfu.initial(NOW);
    assertEquals(5, c & 0xff);
    assertEquals((NOW / MINUTE) & 0xffff, c >>> 8);
    assertEquals(5, Lfu.decayed(c, NOW, 1));
  }

  @Test
  void counterLosesOnePerDecayPeriod() {
    int c = clock(NOW, 10);
    assertEquals(10, Lfu.decayed(c, NOW + 59_999, 1));
    assertEquals(7, Lfu.decayed(c, NOW + 3 * MINUTE, 1));
    assertEquals(9, Lfu.decayed(c, NOW + 3 * MINUTE, 2));
    assertEquals(0, Lfu.decayed(c, NOW + 11 * MINUTE, 1));
    assertEquals(10, Lfu.decayed(c, NOW + 1000 * MINUTE, 0), "lfu-decay-time 0 never decays");
  }

  @Test
  void minuteClockWrapsAt16Bits() {
    assertEquals(10, Lfu.elapsed(65530, (65536L + 5) * MINUTE));
    assertEquals(3, Lfu.elapsed(2, 5 * MINUTE));
    // 65535 - ldt + now: Redis's formula, one short of the true distance across the wrap.
    int c = (65530 << 8) | 20;
    assertEquals(10, Lfu.decayed(c, (65536L + 5) * MINUTE, 1));
  }

  @Test
  void incrementIsCertainUpToTheInitialValueAndSaturates() {
    RandomGenerator rnd = new SplittableRandom(1);
    for (int c = 0; c <= 5; c++) {
      assertEquals(c + 1, Lfu.increment(c, 10, rnd));
    }
    assertEquals(255, Lfu.increment(255, 10, rnd));
    assertEquals(255, Lfu.increment(255, 0, rnd));
  }

  @Test
  void incrementProbabilityIsOneOverBaseTimesFactorPlusOne() {
    RandomGenerator rnd = new SplittableRandom(7);
    int[][] cases = {{6, 10}, {8, 10}, {15, 1}, {6, 100}};
    int trials = 400_000;
    for (int[] k : cases) {
      int counter = k[0];
      int factor = k[1];
      int hits = 0;
      for (int i = 0; i < trials; i++) {
        if (Lfu.increment(counter, factor, rnd) == counter + 1) {
          hits++;
        }
      }
      double expected = 1.0 / ((counter - 5) * factor + 1);
      double seen = (double) hits / trials;
      assertEquals(expected, seen, expected * 0.05 + 0.0005, "counter " + counter + " factor " + factor);
    }
  }

  /** The hits → counter figures of redis.conf's table (factor 10: 100 → 10, 1000 → 18, 100K → 142). */
  @Test
  void counterGrowsLogarithmicallyWithHits() {
    assertEquals(10, counterAfter(100, 10), 2);
    assertEquals(18, counterAfter(1000, 10), 3);
    assertEquals(142, counterAfter(100_000, 10), 8);
    assertEquals(49, counterAfter(1000, 1), 5);
    assertEquals(255, counterAfter(1_000_000, 1));
    // 1 + 101 + 201 + 301 + 401 hits reach 10 at factor 100 (redis.conf's table says 11).
    assertEquals(10, counterAfter(1000, 100), 2);
  }

  private static int counterAfter(int hits, long factor) {
    RandomGenerator rnd = new SplittableRandom(hits * 31L + factor);
    int clock = Lfu.initial(NOW);
    for (int i = 0; i < hits; i++) {
      clock = Lfu.touch(clock, NOW, factor, 1, rnd);
    }
    return clock & 0xff;
  }

  @Test
  void touchDecaysBeforeIncrementingAndRestampsTheClock() {
    RandomGenerator rnd = new SplittableRandom(3);
    int c = clock(NOW, 5); // at 5 an access always increments
    int later = Lfu.touch(c, NOW + 2 * MINUTE, 10, 1, rnd);
    assertEquals(4, later & 0xff, "5 - 2 minutes of decay + 1");
    assertEquals(Lfu.minutes(NOW + 2 * MINUTE), later >>> 8);
    assertTrue(Lfu.decayed(later, NOW + 2 * MINUTE, 1) == 4);
  }
}

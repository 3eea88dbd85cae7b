package io.troupe.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The histogram reports what Redis's HDR histogram (2 significant digits) reports. */
class LatencyHistogramTest {
  @Test
  void percentilesAreTheHighestEquivalentValues() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(2000);
    assertEquals(2007, h.valueAtPercentile(50));
    h.reset();
    h.record(7000);
    assertEquals(7007, h.valueAtPercentile(99.9));
    h.reset();
    h.record(93000);
    assertEquals(93183, h.valueAtPercentile(99));
    h.reset();
    h.record(0); // 0 µs is recorded as 1 ns: "0.001"
    assertEquals(1, h.valueAtPercentile(50));
  }

  @Test
  void medianAndTail() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 99; i++) {
      h.record(1000);
    }
    h.record(50_000);
    assertEquals(100, h.totalCount());
    assertEquals(1003, h.valueAtPercentile(50));
    assertEquals(1003, h.valueAtPercentile(99));
    assertEquals(50_175, h.valueAtPercentile(99.9));
  }

  @Test
  void slowLogTrimsAsRedis() {
    byte[][] argv = new byte[40][];
    for (int i = 0; i < argv.length; i++) {
      argv[i] = ("a" + i).getBytes();
    }
    argv[1] = new byte[130];
    byte[][] t = SlowLog.trim(argv);
    assertEquals(32, t.length);
    assertEquals("... (9 more arguments)", new String(t[31]));
    assertEquals(128 + "... (2 more bytes)".length(), t[1].length);
  }
}

package io.troupe.keyspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency monitor (Redis's latency.c): per event ("command",
 * "fast-command", "expire-cycle"...), the last 160 samples of at least
 * {@code latency-monitor-threshold} milliseconds, one per second (a second
 * sample within the same second keeps the larger latency), and the largest
 * ever seen. Fed by connections (commands) and shards (expire cycles), read by
 * LATENCY; thread-safe. It lives here, on the keyspace floor, because the
 * shards' active expire cycle reports into it.
 */
public final class LatencyMonitor {
  /** Redis's LATENCY_TS_LEN. */
  public static final int HISTORY = 160;

  /** One sample: unix time in seconds, latency in milliseconds. */
  public record Sample(long time, long latency) {}

  /** One event's samples (oldest first) and the largest latency since its creation. */
  public record Series(String event, List<Sample> samples, long max) {
    public Sample latest() {
      return samples.get(samples.size() - 1);
    }
  }

  private static final class Ring {
    final long[] times = new long[HISTORY];
    final long[] latencies = new long[HISTORY];
    int next;
    int size;
    long max;
  }

  private final Map<String, Ring> events = new LinkedHashMap<>();
  private final java.util.function.LongSupplier threshold;

  /** {@code threshold}: latency-monitor-threshold in ms (0 disables). */
  public LatencyMonitor(java.util.function.LongSupplier threshold) {
    this.threshold = threshold;
  }

  public long threshold() {
    return threshold.getAsLong();
  }

  /** latencyAddSampleIfNeeded: records {@code millis} when the monitor is on and it reaches the threshold. */
  public void addIfNeeded(String event, long millis) {
    long t = threshold.getAsLong();
    if (t > 0 && millis >= t) {
      add(event, millis, System.currentTimeMillis() / 1000);
    }
  }

  /** latencyAddSample: one sample per second; a second one in the same second keeps the larger. */
  public synchronized void add(String event, long millis, long nowSeconds) {
    Ring r = events.computeIfAbsent(event, e -> new Ring());
    r.max = Math.max(r.max, millis);
    int last = (r.next + HISTORY - 1) % HISTORY;
    if (r.size > 0 && r.times[last] == nowSeconds) {
      r.latencies[last] = Math.max(r.latencies[last], millis);
      return;
    }
    r.times[r.next] = nowSeconds;
    r.latencies[r.next] = millis;
    r.next = (r.next + 1) % HISTORY;
    r.size = Math.min(HISTORY, r.size + 1);
  }

  /** Every event with samples, in the order they first occurred. */
  public synchronized List<Series> all() {
    List<Series> out = new ArrayList<>();
    for (Map.Entry<String, Ring> e : events.entrySet()) {
      out.add(series(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** One event's series, or null. */
  public synchronized Series get(String event) {
    Ring r = events.get(event);
    return r == null ? null : series(event, r);
  }

  private static Series series(String event, Ring r) {
    List<Sample> s = new ArrayList<>(r.size);
    for (int i = 0; i < r.size; i++) {
      int j = (r.next - r.size + i + HISTORY) % HISTORY;
      s.add(new Sample(r.times[j], r.latencies[j]));
    }
    return new Series(event, s, r.max);
  }

  /** LATENCY RESET: drops the named events (all when empty); returns how many existed. */
  public synchronized int reset(List<String> names) {
    if (names.isEmpty()) {
      int n = events.size();
      events.clear();
      return n;
    }
    int n = 0;
    for (String name : names) {
      if (events.remove(name) != null) {
        n++;
      }
    }
    return n;
  }
}

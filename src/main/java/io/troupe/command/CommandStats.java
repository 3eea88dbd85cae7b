package io.troupe.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * INFO commandstats, errorstats and latencystats (Redis keeps them in each
 * redisCommand and in server.errors): per command calls, microseconds,
 * rejected and failed calls, a latency histogram; per error prefix a count.
 * Connections record into it when they finish a read; counters are
 * LongAdders, so connections on different threads do not contend.
 */
public final class CommandStats {
  /** One command's (or subcommand's) counters. */
  public static final class Entry {
    public final String name;
    final LongAdder calls = new LongAdder();
    final LongAdder micros = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder failed = new LongAdder();
    private volatile LatencyHistogram histogram;

    Entry(String name) {
      this.name = name;
    }

    /** A call that ran for {@code micros} µs; {@code failed} when it answered with an error. */
    public void call(long micros, boolean failed, boolean trackLatency) {
      calls.increment();
      this.micros.add(micros);
      if (failed) {
        this.failed.increment();
      }
      if (trackLatency) {
        LatencyHistogram h = histogram;
        if (h == null) {
          synchronized (this) {
            if (histogram == null) {
              histogram = new LatencyHistogram();
            }
            h = histogram;
          }
        }
        h.record(micros * 1000);
      }
    }

    /** A call refused before it ran (arity, NOAUTH, wrong context). */
    public void reject() {
      rejected.increment();
    }

    public long calls() {
      return calls.sum();
    }

    public long micros() {
      return micros.sum();
    }

    public long rejectedCalls() {
      return rejected.sum();
    }

    public long failedCalls() {
      return failed.sum();
    }

    /** The histogram, or null when no call was timed since the last reset. */
    public LatencyHistogram histogram() {
      return histogram;
    }

    void reset() {
      calls.reset();
      micros.reset();
      rejected.reset();
      failed.reset();
      histogram = null;
    }
  }

  private final ConcurrentHashMap<String, Entry> commands = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();

  /** The counters of {@code fullName} ("get", "client|list"). */
  public Entry of(String fullName) {
    Entry e = commands.get(fullName);
    return e != null ? e : commands.computeIfAbsent(fullName, Entry::new);
  }

  /**
   * An error reply was sent: counts it under its prefix (the text up to the
   * first space within 32 characters, else "ERR"), as Redis's
   * incrementErrorCount.
   */
  public void error(String message) {
    int space = message.indexOf(' ');
    String prefix = space > 0 && space < 32 ? message.substring(0, space) : "ERR";
    LongAdder n = errors.get(prefix);
    if (n == null) {
      n = errors.computeIfAbsent(prefix, p -> new LongAdder());
    }
    n.increment();
  }

  /** Commands with any call, rejection or failure, by name. */
  public List<Entry> used() {
    List<Entry> out = new ArrayList<>();
    for (Entry e : new TreeMap<>(commands).values()) {
      if (e.calls() > 0 || e.rejectedCalls() > 0 || e.failedCalls() > 0) {
        out.add(e);
      }
    }
    return out;
  }

  /** Error prefix to count, by prefix. */
  public Map<String, Long> errors() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((k, v) -> {
      long n = v.sum();
      if (n > 0) {
        out.put(k, n);
      }
    });
    return out;
  }

  /** CONFIG RESETSTAT. */
  public void reset() {
    commands.values().forEach(Entry::reset);
    errors.clear();
  }
}

package io.troupe.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The slow log (Redis's slowlog.c): the newest {@code slowlog-max-len}
 * commands that ran for at least {@code slowlog-log-slower-than}
 * microseconds, with their arguments trimmed as Redis trims them (at most 32,
 * the last one saying how many more there were; strings over 128 bytes cut
 * with how many more bytes), the client's address and name. Ids keep growing
 * across SLOWLOG RESET. Thread-safe.
 */
public final class SlowLog {
  /** Redis's SLOWLOG_ENTRY_MAX_ARGC and SLOWLOG_ENTRY_MAX_STRING. */
  static final int MAX_ARGC = 32;
  static final int MAX_STRING = 128;

  public record Entry(long id, long timeSeconds, long micros, byte[][] argv, String addr, String name) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long nextId;

  /** slowlogPushEntryIfNeeded's tail: adds an entry and trims to {@code maxLen}. */
  public synchronized void add(byte[][] argv, long micros, String addr, String name, long maxLen) {
    entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, micros, trim(argv), addr, name));
    while (entries.size() > maxLen) {
      entries.removeLast();
    }
  }

  static byte[][] trim(byte[][] argv) {
    int n = Math.min(argv.length, MAX_ARGC);
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      if (i == n - 1 && argv.length > MAX_ARGC) {
        out[i] = ("... (" + (argv.length - MAX_ARGC + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII);
      } else if (argv[i].length > MAX_STRING) {
        byte[] more = ("... (" + (argv[i].length - MAX_STRING) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
        byte[] cut = new byte[MAX_STRING + more.length];
        System.arraycopy(argv[i], 0, cut, 0, MAX_STRING);
        System.arraycopy(more, 0, cut, MAX_STRING, more.length);
        out[i] = cut;
      } else {
        out[i] = argv[i];
      }
    }
    return out;
  }

  /** The newest {@code count} entries (all when negative), newest first. */
  public synchronized List<Entry> newest(long count) {
    List<Entry> out = new ArrayList<>();
    Iterator<Entry> it = entries.iterator();
    while (it.hasNext() && (count < 0 || out.size() < count)) {
      out.add(it.next());
    }
    return out;
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Drops every entry (and, on slowlog-max-len shrinking, the oldest). */
  public synchronized void reset() {
    entries.clear();
  }
}

package io.troupe.admin;

import io.troupe.command.ServerContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the admin commands remember per server beside ServerContext: the
 * replication id INFO shows, the peak of used memory (reset by CONFIG
 * RESETSTAT), and the last samples of the command counter for
 * instantaneous_ops_per_sec.
 */
final class AdminState {
  private static final Map<ServerContext, AdminState> STATES = new WeakHashMap<>();

  /** master_replid of INFO replication; DEBUG CHANGE-REPL-ID draws a new one. */
  volatile String replId;
  private long peakMemory;
  private final long[] sampleTimes = new long[16];
  private final long[] sampleCounts = new long[16];
  private int samples;

  private AdminState() {
    changeReplId();
  }

  /** A new random 40-hex replication id (Redis's changeReplicationId). */
  void changeReplId() {
    byte[] id = new byte[20];
    new SecureRandom().nextBytes(id);
    replId = HexFormat.of().formatHex(id);
  }

  static AdminState of(ServerContext server) {
    synchronized (STATES) {
      return STATES.computeIfAbsent(server, s -> new AdminState());
    }
  }

  /** Records {@code used} and returns the peak so far. */
  synchronized long peak(long used) {
    peakMemory = Math.max(peakMemory, used);
    return peakMemory;
  }

  synchronized void resetPeak(long used) {
    peakMemory = used;
  }

  /**
   * Operations per second: the command counter's growth from the newest
   * sample at least one second old (or else the oldest kept) to now. Samples
   * are taken when INFO runs, so the figure is exact for tools that poll INFO
   * every second (redis-cli --stat, exporters) and 0 for the first call.
   */
  synchronized long opsPerSec(long nowMillis, long commands) {
    long rate = 0;
    int from = -1;
    for (int i = samples - 1; i >= 0; i--) {
      from = i;
      if (nowMillis - sampleTimes[i] >= 1000) {
        break;
      }
    }
    if (from >= 0 && nowMillis > sampleTimes[from]) {
      rate = Math.max(0, (commands - sampleCounts[from]) * 1000 / (nowMillis - sampleTimes[from]));
    }
    if (samples == sampleTimes.length) {
      System.arraycopy(sampleTimes, 1, sampleTimes, 0, samples - 1);
      System.arraycopy(sampleCounts, 1, sampleCounts, 0, samples - 1);
      samples--;
    }
    sampleTimes[samples] = nowMillis;
    sampleCounts[samples] = commands;
    samples++;
    return rate;
  }

  synchronized void resetSamples() {
    samples = 0;
  }
}

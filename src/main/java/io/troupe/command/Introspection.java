package io.troupe.command;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.LatencyMonitor;
import io.troupe.keyspace.Tracking;
import io.troupe.resp.Reply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the server keeps for looking at itself: per-command statistics, the
 * slow log, the latency monitor, the MONITOR clients, the client pause and
 * the client-side caching registry. One per server, shared by every
 * connection and the admin commands.
 */
public final class Introspection {
  private final CommandStats commandStats = new CommandStats();
  private final SlowLog slowLog = new SlowLog();
  private final LatencyMonitor latency;
  private final Tracking tracking = new Tracking();
  private final ClientPause pause = new ClientPause();
  private final Map<Long, Consumer<Reply>> monitors = new ConcurrentHashMap<>();
  private volatile boolean anyMonitor;

  public Introspection(ServerConfig config) {
    this.latency = new LatencyMonitor(() -> config.getLong("latency-monitor-threshold"));
  }

  public CommandStats commandStats() {
    return commandStats;
  }

  public SlowLog slowLog() {
    return slowLog;
  }

  public LatencyMonitor latency() {
    return latency;
  }

  public Tracking tracking() {
    return tracking;
  }

  public ClientPause pause() {
    return pause;
  }

  /** MONITOR: {@code client}'s connection receives every command line from now on. */
  public void addMonitor(long client, Consumer<Reply> sink) {
    monitors.put(client, sink);
    anyMonitor = true;
  }

  public void removeMonitor(long client) {
    if (monitors.remove(client) != null) {
      anyMonitor = !monitors.isEmpty();
    }
  }

  /** Cheap check for the request path. */
  public boolean hasMonitors() {
    return anyMonitor;
  }

  /** replicationFeedMonitors: sends one line to every monitor. */
  public void feedMonitors(String line) {
    Reply r = Reply.status(line);
    for (Consumer<Reply> m : monitors.values()) {
      m.accept(r);
    }
  }
}

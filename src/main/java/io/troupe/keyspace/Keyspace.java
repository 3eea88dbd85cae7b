package io.troupe.keyspace;

/**
 * Everything one shard owns: its slots' tables in every database, and its
 * counters. Only the owning shard actor touches it, or a coordinator while
 * the shard is held for a multi-shard command.
 */
public final class Keyspace {
  private final int shardIndex;
  private final Database[] dbs;
  private final ShardStats stats = new ShardStats();
  private final BlockedClients blocked = new BlockedClients();
  private final WatchedKeys watched = new WatchedKeys();
  private volatile KeyspaceEvents events = KeyspaceEvents.NONE;
  private volatile LatencyMonitor latency;

  public Keyspace(int shardIndex, int databases) {
    this.shardIndex = shardIndex;
    this.dbs = new Database[databases];
    for (int i = 0; i < databases; i++) {
      dbs[i] = new Database();
    }
  }

  public int shardIndex() {
    return shardIndex;
  }

  public Database db(int index) {
    return dbs[index];
  }

  public int databases() {
    return dbs.length;
  }

  public ShardStats stats() {
    return stats;
  }

  /** Where this shard's keyspace notifications go. */
  public KeyspaceEvents events() {
    return events;
  }

  public void setEvents(KeyspaceEvents events) {
    this.events = events;
  }

  /** Wires client-side caching: the server's tracking clients (set once, before the shard runs). */
  public void setTracking(Tracking tracking) {
    watched.setTracking(new TrackingTable(tracking));
  }

  /** The latency monitor this shard reports expire cycles to, or null. */
  public LatencyMonitor latency() {
    return latency;
  }

  public void setLatency(LatencyMonitor latency) {
    this.latency = latency;
  }

  /** The keys clients WATCH on this shard. */
  public WatchedKeys watched() {
    return watched;
  }

  /** The clients blocked on this shard's keys. */
  public BlockedClients blocked() {
    return blocked;
  }

  /** SWAPDB: exchanges two databases' contents. */
  public void swap(int a, int b) {
    Database t = dbs[a];
    dbs[a] = dbs[b];
    dbs[b] = t;
  }
}

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
  /** Every shard's keyspace on this node (this one alone until the server says otherwise). */
  private volatile java.util.List<Keyspace> node = java.util.List.of(this);
  /**
   * Set by the shard's last eviction run: true when it found no key the
   * policy lets it evict ({@link Evictor#canFree} then counts it out).
   */
  private volatile boolean nothingToEvict;
  private volatile boolean replica;
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

  /**
   * This node replicates from a master: keys are never expired here (no
   * active cycle, and lazy expiry hides an expired key from clients without
   * deleting it); the master's DEL does. Set by replication, read by the shard.
   */
  public boolean replica() {
    return replica;
  }

  public void setReplica(boolean replica) {
    this.replica = replica;
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

  /**
   * The estimated heap bytes of this shard's keys and values in every
   * database (each {@link Database#usedBytes()}); see {@link MemoryUsage}.
   */
  public long usedMemory() {
    long n = 0;
    for (Database d : dbs) {
      n += d.usedBytes();
    }
    return n;
  }

  /** The keyspaces of every shard of the node, this one included (for maxmemory's totals). */
  public java.util.List<Keyspace> node() {
    return node;
  }

  public void setNode(java.util.List<Keyspace> all) {
    this.node = all;
  }

  /** True when this shard's last eviction run found no key the policy lets it evict. */
  public boolean nothingToEvict() {
    return nothingToEvict;
  }

  public void setNothingToEvict(boolean none) {
    this.nothingToEvict = none;
  }

  /** SWAPDB: exchanges two databases' contents. */
  public void swap(int a, int b) {
    Database t = dbs[a];
    dbs[a] = dbs[b];
    dbs[b] = t;
  }
}

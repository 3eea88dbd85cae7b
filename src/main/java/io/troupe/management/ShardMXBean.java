package io.troupe.management;

/** {@code io.troupe:type=Shard,name=N}: one keyspace shard, summed over its databases. */
public interface ShardMXBean {
  /** Keys the shard holds. */
  long getKeys();

  /** Keys with a TTL the shard holds. */
  long getExpires();

  /** Lookups of an existing key in the shard. */
  long getKeyspaceHits();

  /** Lookups of a missing key in the shard. */
  long getKeyspaceMisses();

  /** Keys the shard expired (lazily or by its active cycle). */
  long getExpiredKeys();
}

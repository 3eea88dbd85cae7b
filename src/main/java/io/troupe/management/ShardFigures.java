package io.troupe.management;

import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.ShardStats;

/**
 * One shard's figures, summed over its databases: what the Shard MBean and the
 * {@code troupe_shard_*} metrics show. Read from outside the shard, as INFO
 * reads its counters: a moment stale, never torn.
 */
record ShardFigures(long keys, long expires, long keyspaceHits, long keyspaceMisses, long expiredKeys) {
  static ShardFigures of(Keyspace ks) {
    long keys = 0;
    long expires = 0;
    for (int d = 0; d < ks.databases(); d++) {
      keys += ks.db(d).size();
      expires += ks.db(d).volatileCount();
    }
    ShardStats s = ks.stats();
    return new ShardFigures(keys, expires, s.keyspaceHits, s.keyspaceMisses, s.expiredKeys);
  }
}

package io.troupe.keyspace;

/**
 * Counters a shard keeps for INFO (keyspace_hits, expired_keys, ...). Written
 * only by the owner; INFO reads them without a message, so a reading may be a
 * moment stale, as Redis's own INFO is under concurrent load.
 */
public final class ShardStats {
  public long keyspaceHits;
  public long keyspaceMisses;
  public long expiredKeys;
  /** Keys removed to stay under maxmemory (evicted_keys). */
  public long evictedKeys;
  public long expireCycleCpuMicros;
  /** Writes since start (Redis's server.dirty): the source of rdb_changes_since_last_save. */
  public long dirty;
  public long commandsProcessed;
  /** Persistence figures, the same in every shard (written while all shards are held): LASTSAVE in unix seconds. */
  public volatile long lastSaveSeconds;
  /** Successful saves since start (rdb_saves). */
  public volatile long rdbSaves;
  /** What the last load found (rdb_last_load_keys_loaded / _expired). */
  public volatile long lastLoadKeysLoaded;
  public volatile long lastLoadKeysExpired;

  public void reset() {
    keyspaceHits = 0;
    keyspaceMisses = 0;
    expiredKeys = 0;
    evictedKeys = 0;
    expireCycleCpuMicros = 0;
  }
}

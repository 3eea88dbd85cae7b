package io.troupe.management;

/**
 * {@code io.troupe:type=Server}: the node's headline figures, each the INFO
 * field named in its getter's Javadoc.
 */
public interface ServerMXBean {
  /** INFO stats instantaneous_ops_per_sec. */
  long getOpsPerSec();

  /** INFO clients connected_clients. */
  long getConnectedClients();

  /** Keys in all databases (the sum of INFO keyspace's keys=). */
  long getKeys();

  /** INFO memory used_memory, in bytes. */
  long getUsedMemory();

  /** INFO stats evicted_keys. */
  long getEvictedKeys();

  /** INFO stats keyspace_hits. */
  long getKeyspaceHits();

  /** INFO stats keyspace_misses. */
  long getKeyspaceMisses();

  /** INFO stats total_commands_processed. */
  long getCommandsProcessed();

  /** The node's persisted 40-hex id (kept across restarts; not INFO's run_id), or null while unknown. */
  String getNodeId();
}

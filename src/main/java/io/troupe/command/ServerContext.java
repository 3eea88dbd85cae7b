package io.troupe.command;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import java.util.Collection;
import java.util.List;

/**
 * The server-wide services connection and admin commands reach: the config,
 * the client list, counters, the shards' keyspaces (read-only, for INFO), and
 * shutdown. Implemented at the server level.
 */
public interface ServerContext {
  ServerConfig config();

  /** The 40-hex run id of this process. */
  String runId();

  long startTimeMillis();

  /** The config file the server was started with, or null. */
  String configFile();

  Collection<ClientInfo> clients();

  void registerClient(ClientInfo client);

  void unregisterClient(ClientInfo client);

  ClientInfo client(long id);

  ServerStats stats();

  /** The node's pub/sub channels. */
  io.troupe.pubsub.PubSub pubsub();

  /**
   * The shards' keyspaces, for INFO and other reports. Reading them outside
   * their shard gives a possibly stale but never torn view of counters.
   */
  List<Keyspace> keyspaces();

  /** Command statistics, slow log, latency monitor, monitors, client pause, tracking. */
  Introspection introspection();

  /** The AOF (BGREWRITEAOF, INFO persistence). */
  default AppendOnly appendOnly() {
    return AppendOnly.NONE;
  }

  /** Replication (processCommand's checks, INFO, ROLE, REPLICAOF, PSYNC, WAIT). */
  default Replication replication() {
    return Replication.NONE;
  }

  /** Stops the server (SHUTDOWN); {@code exitCode} for the process. */
  void shutdown(int exitCode);

  /**
   * Stops the server and, when {@code save}, writes the RDB file once every
   * shard has stopped (SHUTDOWN with save points or SAVE).
   */
  default void shutdown(int exitCode, boolean save) {
    shutdown(exitCode);
  }
}

package io.troupe.server;

import io.troupe.command.ClientInfo;
import io.troupe.command.ServerContext;
import io.troupe.command.ServerStats;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntConsumer;

/** The server-wide state every connection shares (Redis's {@code server} struct, minus the keyspace). */
final class ServerState implements ServerContext {
  private final ServerConfig config;
  private final String runId;
  private final long startTime = System.currentTimeMillis();
  private final String configFile;
  private final ConcurrentSkipListMap<Long, ClientInfo> clients = new ConcurrentSkipListMap<>();
  private final ServerStats stats = new ServerStats();
  private final io.troupe.pubsub.PubSub pubsub = new io.troupe.pubsub.PubSub();
  private final List<Keyspace> keyspaces;
  private final IntConsumer shutdown;
  private final java.util.concurrent.atomic.AtomicBoolean saveOnExit;
  private final io.troupe.command.Introspection introspection;
  private volatile io.troupe.command.AppendOnly appendOnly = io.troupe.command.AppendOnly.NONE;
  private volatile io.troupe.command.Replication replication = io.troupe.command.Replication.NONE;

  ServerState(ServerConfig config, String configFile, List<Keyspace> keyspaces, IntConsumer shutdown,
      java.util.concurrent.atomic.AtomicBoolean saveOnExit) {
    this.saveOnExit = saveOnExit;
    this.config = config;
    this.configFile = configFile;
    this.keyspaces = keyspaces;
    this.shutdown = shutdown;
    this.introspection = new io.troupe.command.Introspection(config);
    for (Keyspace ks : keyspaces) {
      ks.setTracking(introspection.tracking());
      ks.setLatency(introspection.latency());
    }
    byte[] id = new byte[20];
    new SecureRandom().nextBytes(id);
    this.runId = HexFormat.of().formatHex(id);
  }

  @Override
  public io.troupe.command.AppendOnly appendOnly() {
    return appendOnly;
  }

  void setAppendOnly(io.troupe.command.AppendOnly appendOnly) {
    this.appendOnly = appendOnly;
  }

  @Override
  public io.troupe.command.Replication replication() {
    return replication;
  }

  void setReplication(io.troupe.command.Replication replication) {
    this.replication = replication;
  }

  @Override
  public ServerConfig config() {
    return config;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public long startTimeMillis() {
    return startTime;
  }

  @Override
  public String configFile() {
    return configFile;
  }

  @Override
  public Collection<ClientInfo> clients() {
    return clients.values();
  }

  @Override
  public ClientInfo client(long id) {
    return clients.get(id);
  }

  @Override
  public void registerClient(ClientInfo client) {
    clients.put(client.id, client);
  }

  @Override
  public void unregisterClient(ClientInfo client) {
    clients.remove(client.id);
  }

  @Override
  public ServerStats stats() {
    return stats;
  }

  @Override
  public io.troupe.pubsub.PubSub pubsub() {
    return pubsub;
  }

  @Override
  public List<Keyspace> keyspaces() {
    return keyspaces;
  }

  @Override
  public io.troupe.command.Introspection introspection() {
    return introspection;
  }

  @Override
  public void shutdown(int exitCode) {
    shutdown.accept(exitCode);
  }

  @Override
  public void shutdown(int exitCode, boolean save) {
    if (save) {
      saveOnExit.set(true);
    }
    shutdown.accept(exitCode);
  }
}

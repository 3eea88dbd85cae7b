package io.troupe.replication;

import io.troupe.command.Replication;
import io.troupe.command.Session;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import io.troupe.shard.Effects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's replication as commands see it: REPLICAOF, ROLE, REPLCONF,
 * PSYNC/SYNC, WAIT, processCommand's READONLY/NOREPLICAS/MASTERDOWN checks,
 * and INFO's fields, over the {@link ReplicationLink} and
 * {@link ReplicationMaster} actors and the {@link ReplState} they keep.
 */
public final class ReplicationService implements Replication {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  private final ServerConfig config;
  private final ReplState state;
  private final List<Keyspace> keyspaces;
  private final ActorRef<ReplicationLink.Command> link;
  private final ActorRef<ReplicationMaster.Command> master;
  private final ActorRef<Effects> propagator;
  /** What REPLCONF told us of each connection before its PSYNC (listening-port, ip-address). */
  private final Map<Long, String[]> handshakes = new ConcurrentHashMap<>();

  /** Spawns nothing: the actors come from the server's wiring. */
  public ReplicationService(ServerConfig config, ReplStateHandle handle, List<Keyspace> keyspaces,
      ActorRef<ReplicationLink.Command> link, ActorRef<ReplicationMaster.Command> master,
      ActorRef<Effects> propagator) {
    this.config = config;
    this.state = handle.state;
    this.keyspaces = keyspaces;
    this.link = link;
    this.master = master;
    this.propagator = propagator;
  }

  /** The shared state the actors and the service are built with (opaque outside this package). */
  public static final class ReplStateHandle {
    final ReplState state = new ReplState();
  }

  /** Creates the actors' shared state. */
  public static ReplStateHandle newState() {
    return new ReplStateHandle();
  }

  /** The master side, to spawn. */
  public static org.apache.pekko.actor.typed.Behavior<ReplicationMaster.Command> master(ServerConfig config,
      ReplStateHandle handle, ActorRef<Effects> propagator, ActorRef<io.troupe.shard.Coordinator.Command> coordinator,
      java.util.function.Consumer<ActorRef<Effects>> subscribe) {
    return ReplicationMaster.create(config, handle.state, propagator, coordinator, subscribe);
  }

  /** The replica side, to spawn. */
  public static org.apache.pekko.actor.typed.Behavior<ReplicationLink.Command> link(ReplicationLink.Wiring wiring,
      ReplStateHandle handle, ActorRef<ReplicationMaster.Command> master) {
    return ReplicationLink.create(wiring, handle.state, master);
  }

  /** The {@code replicaof} directive at start-up. */
  public void startFromConfig() {
    String v = config.getString("replicaof").trim();
    if (v.isEmpty()) {
      return;
    }
    String[] hp = v.split("\\s+");
    if (hp.length == 2) {
      try {
        replicaOf(hp[0], Integer.parseInt(hp[1]));
      } catch (NumberFormatException e) {
        log.warn("Invalid replicaof directive: {}", v);
      }
    }
  }

  @Override
  public boolean isReplica() {
    return state.isReplica();
  }

  @Override
  public String refuseBeforeSubscribed(boolean write) {
    if (!write) {
      return null;
    }
    if (!state.isReplica()) {
      long need = config.getLong("min-replicas-to-write");
      if (need > 0 && config.getLong("min-replicas-max-lag") > 0 && state.goodReplicas < need) {
        return RespErrors.NOREPLICAS;
      }
      return null;
    }
    return config.getBool("replica-read-only") ? RespErrors.READONLY_REPLICA : null;
  }

  @Override
  public String refuseStale(boolean staleAllowed) {
    if (staleAllowed || !state.isReplica() || state.linkUp() || config.getBool("replica-serve-stale-data")) {
      return null;
    }
    return RespErrors.MASTERDOWN;
  }

  /** REPLICAOF host port | NO ONE */
  @Override
  public synchronized Reply replicaOf(String host, int port) {
    if (host == null) {
      if (state.isReplica()) {
        state.masterHost = null;
        state.linkState = "connect";
        for (Keyspace ks : keyspaces) {
          ks.setReplica(false);
        }
        Effects marker = new Effects(List.of());
        master.tell(new ReplicationMaster.Promote(marker));
        propagator.tell(marker);
        link.tell(new ReplicationLink.Stop(() -> { }));
        log.info("MASTER MODE enabled (user request)");
      }
      return Reply.OK;
    }
    if (state.isReplica() && host.equalsIgnoreCase(state.masterHost) && port == state.masterPort) {
      log.info("REPLICAOF would result into synchronization with the master we are already connected with. "
          + "No operation performed.");
      return Reply.status("OK Already connected to specified master");
    }
    boolean wasMaster = !state.isReplica();
    state.masterHost = host;
    state.masterPort = port;
    state.linkState = "connect";
    for (Keyspace ks : keyspaces) {
      ks.setReplica(true);
    }
    if (wasMaster) {
      master.tell(ReplicationMaster.FollowMaster.INSTANCE);
    }
    link.tell(new ReplicationLink.Start(host, port));
    log.info("REPLICAOF {}:{} enabled (user request)", host, port);
    return Reply.OK;
  }

  @Override
  public Reply role() {
    if (state.isReplica()) {
      return Reply.array(Reply.bulk("slave"), Reply.bulk(state.masterHost), Reply.integer(state.masterPort),
          Reply.bulk(state.linkState), Reply.integer(state.linkUp() || state.everConnected ? state.replOffset : -1));
    }
    List<Reply> replicas = new ArrayList<>();
    for (ReplState.ReplicaRow r : state.replicas) {
      replicas.add(Reply.array(Reply.bulk(r.ip()), Reply.bulk(Integer.toString(r.port())),
          Reply.bulk(Long.toString(r.offset()))));
    }
    return Reply.array(Reply.bulk("master"), Reply.integer(state.masterReplOffset), Reply.array(replicas));
  }

  /** REPLCONF option value [option value ...] */
  @Override
  public Reply replconf(Session s, byte[][] argv) {
    if (argv.length % 2 == 0) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    for (int i = 1; i < argv.length; i += 2) {
      String opt = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
      String val = new String(argv[i + 1], StandardCharsets.UTF_8);
      switch (opt) {
        case "listening-port" -> {
          long p = parseLong(val);
          handshakes.computeIfAbsent(s.clientId(), k -> new String[2])[0] = Long.toString(p);
        }
        case "ip-address" -> handshakes.computeIfAbsent(s.clientId(), k -> new String[2])[1] = val;
        case "capa", "rdb-only", "rdb-filter-only" -> {
          // capa eof / psync2 are understood; the RDB forms are chosen by repl-diskless-sync
        }
        case "ack" -> {
          if (s.info().replica) {
            master.tell(new ReplicationMaster.Ack(s.clientId(), parseLong(val)));
          }
          return Reply.OK; // not sent: a replica's feed gets no replies
        }
        case "getack" -> {
          return Reply.OK; // only meaningful from our master (handled on the link)
        }
        default -> throw new CommandException(RespErrors.unrecognizedReplconf(opt));
      }
    }
    return Reply.OK;
  }

  private static long parseLong(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new CommandException(RespErrors.NOT_INTEGER);
    }
  }

  /** PSYNC replid offset | SYNC */
  @Override
  public Reply psync(Session s, byte[][] argv) {
    if (s.info().replica) {
      return Reply.OK; // already a replica's feed (not sent)
    }
    if (state.isReplica() && !state.linkUp()) {
      throw new CommandException(RespErrors.NOMASTERLINK);
    }
    boolean psync = argv.length == 3;
    String replid = psync ? new String(argv[1], StandardCharsets.US_ASCII) : null;
    long offset = psync ? parseLong(new String(argv[2], StandardCharsets.US_ASCII)) : -1;
    String[] hs = handshakes.remove(s.clientId());
    String addr = s.info().addr;
    String ip = hs != null && hs[1] != null ? hs[1] : addr.substring(0, Math.max(0, addr.lastIndexOf(':')));
    int port = hs != null && hs[0] != null ? Integer.parseInt(hs[0]) : 0;
    long id = s.clientId();
    s.becomeReplica(() -> master.tell(new ReplicationMaster.Detach(id)));
    master.tell(new ReplicationMaster.Attach(id, ip, port, replid, offset, psync, s.info().mailbox,
        s.info()::kill));
    return Reply.OK; // not sent: a replica's feed gets no replies
  }

  /** WAIT numreplicas timeout */
  @Override
  public Reply await(Session s, long numReplicas, long timeoutMillis) {
    if (state.isReplica()) {
      throw new CommandException(RespErrors.WAIT_ON_REPLICA);
    }
    java.util.function.Consumer<Reply> reply = s.replyLater();
    master.tell(new ReplicationMaster.Wait(numReplicas, timeoutMillis, reply));
    return Session.DEFERRED;
  }

  /** Forgets the REPLCONF of a connection that closed before PSYNC. */
  public void forget(long clientId) {
    handshakes.remove(clientId);
  }

  @Override
  public Map<String, Object> infoFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    long now = System.currentTimeMillis();
    if (!state.isReplica()) {
      m.put("role", "master");
    } else {
      m.put("role", "slave");
      m.put("master_host", state.masterHost);
      m.put("master_port", state.masterPort);
      m.put("master_link_status", state.linkUp() ? "up" : "down");
      m.put("master_last_io_seconds_ago", state.linkUp() ? (now - state.lastIoMillis) / 1000 : -1);
      boolean syncing = "sync".equals(state.linkState);
      m.put("master_sync_in_progress", syncing ? 1 : 0);
      m.put("slave_read_repl_offset", state.readReplOffset);
      m.put("slave_repl_offset", state.replOffset);
      if (!state.linkUp()) {
        m.put("master_link_down_since_seconds",
            state.linkDownSinceMillis == 0 ? -1 : (now - state.linkDownSinceMillis) / 1000);
      }
      m.put("slave_priority", config.getLong("replica-priority"));
      m.put("slave_read_only", config.getBool("replica-read-only") ? 1 : 0);
      m.put("replica_announced", config.getBool("replica-announced") ? 1 : 0);
    }
    List<ReplState.ReplicaRow> rows = state.replicas;
    m.put("connected_slaves", rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ReplState.ReplicaRow r = rows.get(i);
      m.put("slave" + i, "ip=" + r.ip() + ",port=" + r.port() + ",state=" + r.state() + ",offset=" + r.offset()
          + ",lag=" + r.lagSeconds());
    }
    long minToWrite = config.getLong("min-replicas-to-write");
    if (minToWrite > 0 && config.getLong("min-replicas-max-lag") > 0) {
      m.put("min_slaves_good_slaves", state.goodReplicas);
    }
    m.put("master_failover_state", "no-failover");
    m.put("master_replid", state.replid);
    m.put("master_replid2", state.replid2);
    m.put("master_repl_offset", state.masterReplOffset);
    m.put("second_repl_offset", state.secondReplOffset);
    m.put("repl_backlog_active", state.backlogActive ? 1 : 0);
    m.put("repl_backlog_size", config.getLong("repl-backlog-size"));
    m.put("repl_backlog_first_byte_offset", state.backlogFirstByte);
    m.put("repl_backlog_histlen", state.backlogHistlen);
    return m;
  }

  @Override
  public Map<String, Object> statsFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sync_full", state.syncFull);
    m.put("sync_partial_ok", state.syncPartialOk);
    m.put("sync_partial_err", state.syncPartialErr);
    return m;
  }
}

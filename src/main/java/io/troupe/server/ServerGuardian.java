package io.troupe.server;

import io.troupe.acl.Acl;
import io.troupe.command.CommandTable;
import io.troupe.config.ServerConfig;
import io.troupe.connection.ClientConnection;
import io.troupe.connection.ClientIds;
import io.troupe.connection.Listener;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.management.Management;
import io.troupe.management.ManagementSettings;
import io.troupe.shard.Coordinator;
import io.troupe.shard.KeyspaceShard;
import io.troupe.persistence.aof.AofManifest;
import io.troupe.persistence.aof.AofStatus;
import io.troupe.persistence.aof.AofWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Tcp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of a node's actors: spawns the KeyspaceShards and the Coordinator,
 * then binds the listener; Management starts when the listener is bound. {@code bound} completes with the binding (or the
 * failure to bind).
 */
final class ServerGuardian {
  private static final Logger log = LoggerFactory.getLogger(ServerGuardian.class);

  private ServerGuardian() {}

  static Behavior<Void> create(ServerConfig config, String configFile, List<Keyspace> loaded, SlotMap slots,
      CommandTable commands, CompletableFuture<List<Tcp.ServerBinding>> bound,
      java.util.function.IntConsumer shutdown, java.util.concurrent.atomic.AtomicBoolean saveOnExit,
      AofManifest aof, java.util.concurrent.atomic.AtomicReference<Runnable> drain) {
    return Behaviors.setup(ctx -> {
      // The keyspaces come built (and loaded from the RDB file or the AOF) by Main.
      List<Keyspace> keyspaces = new ArrayList<>(loaded);
      // Writes flow shard -> Propagator -> AOF writer (and replication); with
      // appendfsync always, replies to writes wait for the AOF's fsync.
      ActorRef<Object> propagator = ctx.spawn(Propagator.create(), "propagator");
      AtomicBoolean ackAfterFsync = new AtomicBoolean();
      Runnable fsyncPolicy = () -> ackAfterFsync.set(config.getBool("appendonly")
          && config.getString("appendfsync").equals("always"));
      fsyncPolicy.run();
      config.param("appendonly").onChange(v -> fsyncPolicy.run());
      config.param("appendfsync").onChange(v -> fsyncPolicy.run());
      List<ActorRef<KeyspaceShard.Command>> shards = new ArrayList<>();
      for (int i = 0; i < keyspaces.size(); i++) {
        Keyspace ks = keyspaces.get(i);
        shards.add(ctx.spawn(KeyspaceShard.create(ks, slots, config, Propagator.effects(propagator),
                ackAfterFsync::get), "shard-" + i,
            DispatcherSelector.fromConfig("troupe.shard-dispatcher")));
      }
      ActorRef<Coordinator.Command> coordinator = ctx.spawn(Coordinator.create(List.copyOf(shards), slots, config,
          Propagator.effects(propagator), ackAfterFsync::get), "coordinator");
      Acl acl = Acl.create(commands.specs(), config);
      ServerState state = new ServerState(config, configFile, List.copyOf(keyspaces), shutdown, saveOnExit);
      AofStatus aofStatus = new AofStatus();
      ActorRef<AofWriter.Command> aofWriter = ctx.spawn(AofWriter.create(config, aofStatus, aof,
              Propagator.effects(propagator), coordinator, keyspaces.get(0).persistence(),
              inbox -> propagator.tell(new Propagator.Subscribe(inbox, true))),
          "aof-writer", DispatcherSelector.blocking());
      config.param("appendonly").onChange(v -> {
        aofStatus.setEnabled(config.getBool("appendonly"));
        aofWriter.tell(new AofWriter.SetEnabled(config.getBool("appendonly")));
      });
      state.setAppendOnly(new AppendOnlyControl(aofStatus, aofWriter, keyspaces.get(0).persistence()));
      drain.set(() -> {
        // An empty write with an ack: answered once everything published before it is written.
        try {
          org.apache.pekko.actor.typed.javadsl.AskPattern.<Object, io.troupe.shard.Executed>ask(propagator,
                  replyTo -> new io.troupe.shard.Effects(List.of(), List.of(new io.troupe.shard.Effects.Ack(replyTo,
                      new io.troupe.shard.Executed(new int[0], new io.troupe.resp.Reply[0])))),
                  java.time.Duration.ofSeconds(10), ctx.getSystem().scheduler())
              .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          log.warn("The AOF may miss the last writes: {}", e.toString());
        }
      });
      io.troupe.pubsub.Notifier notifier =
          new io.troupe.pubsub.Notifier(state.pubsub(), config.param("notify-keyspace-events"));
      for (Keyspace ks : keyspaces) {
        ks.setEvents(notifier);
        ks.setNode(List.copyOf(keyspaces)); // maxmemory weighs the node's total
      }
      for (String p : List.of("maxmemory", "maxmemory-policy")) {
        // A new limit or policy: what the shards could not evict before says nothing now.
        config.param(p).onChange(changed -> keyspaces.forEach(ks -> ks.setNothingToEvict(false)));
      }
      ctx.getSystem().scheduler().scheduleAtFixedRate(java.time.Duration.ofSeconds(1),
          java.time.Duration.ofSeconds(1), new io.troupe.connection.IdleClients(state),
          ctx.getSystem().executionContext());
      // serverCron's save points (and BGSAVE SCHEDULE), ten times a second.
      ctx.getSystem().scheduler().scheduleAtFixedRate(java.time.Duration.ofMillis(100),
          java.time.Duration.ofMillis(100), () -> io.troupe.admin.BackgroundSave.cron(state,
              action -> coordinator.tell(new Coordinator.AtPoint(action))),
          ctx.getSystem().executionContext());
      // Replication: the master side streams the Propagator's writes; the link follows a master.
      io.troupe.replication.ReplicationService.ReplStateHandle repl = io.troupe.replication.ReplicationService.newState();
      ActorRef<io.troupe.replication.ReplicationMaster.Command> replMaster = ctx.spawn(
          io.troupe.replication.ReplicationService.master(config, repl, Propagator.effects(propagator), coordinator,
              inbox -> propagator.tell(new Propagator.Subscribe(inbox, false))), "replication-master");
      ActorRef<io.troupe.replication.ReplicationLink.Command> replLink = ctx.spawn(
          io.troupe.replication.ReplicationService.link(new io.troupe.replication.ReplicationLink.Wiring(commands,
              slots, List.copyOf(shards), coordinator, config), repl, replMaster), "replication-link");
      io.troupe.replication.ReplicationService replication = new io.troupe.replication.ReplicationService(config,
          repl, List.copyOf(keyspaces), replLink, replMaster, Propagator.effects(propagator));
      state.setReplication(replication);
      replication.startFromConfig();
      ClientConnection.Wiring wiring = new ClientConnection.Wiring(commands, slots,
          List.copyOf(shards), coordinator, state, new ClientIds(), acl);

      int port = config.port();
      List<CompletableFuture<Tcp.ServerBinding>> bindings = new ArrayList<>();
      for (String addr : config.getString("bind").trim().split("\\s+")) {
        boolean optional = addr.startsWith("-");
        String host = optional ? addr.substring(1) : addr;
        host = host.equals("*") ? "0.0.0.0" : host.equals("::*") ? "::" : host;
        String shown = addr;
        CompletableFuture<Tcp.ServerBinding> b = Listener.bind(ctx.getSystem(), host, port, wiring)
            .toCompletableFuture()
            .exceptionally(e -> {
              log.warn("Warning: Could not create server TCP listening socket {}:{}: bind: {}",
                  shown, port, rootMessage(e));
              if (optional) {
                return null;
              }
              throw new IllegalStateException(e);
            });
        bindings.add(b);
      }
      // Management and Pekko Persistence (the node id) start once RESP is listening, in the background.
      CompletableFuture<String> nodeId = new CompletableFuture<>();
      ctx.spawn(Management.create(
          ManagementSettings.from(ctx.getSystem().settings().config().getConfig("troupe.management"), port),
          state, () -> slots, bound, nodeId), "management");
      if (ctx.getSystem().settings().config().getBoolean("troupe.persistence.enabled")) {
        com.typesafe.config.Config persistence = ctx.getSystem().settings().config().getConfig("troupe.persistence");
        ctx.spawn(NodeIdentity.afterListening(bound, persistence.getDuration("start-delay"),
            persistence.getString("identity-key"), nodeId), "identity");
      }
      CompletableFuture.allOf(bindings.toArray(new CompletableFuture[0])).whenComplete((v, e) -> {
        if (e != null) {
          bound.completeExceptionally(e);
        } else {
          List<Tcp.ServerBinding> ok = new ArrayList<>();
          for (CompletableFuture<Tcp.ServerBinding> b : bindings) {
            if (b.join() != null) {
              ok.add(b.join());
            }
          }
          bound.complete(ok);
        }
      });
      return Behaviors.empty();
    });
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m != null && m.contains("Address already in use") ? "Address already in use" : m;
  }
}

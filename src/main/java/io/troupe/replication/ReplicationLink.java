package io.troupe.replication;

import io.troupe.command.CommandDef;
import io.troupe.command.CommandSpec;
import io.troupe.command.CommandTable;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeySlot;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.persistence.rdb.RdbException;
import io.troupe.persistence.rdb.RdbFiles;
import io.troupe.persistence.rdb.ValueLimits;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.shard.Coordinator;
import io.troupe.shard.Executed;
import io.troupe.shard.KeyspaceShard;
import io.troupe.shard.Op;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica side of replication (Redis's replicationSetMaster,
 * syncWithMaster, readSyncBulkPayload, the master client and the replica
 * part of replicationCron): a state machine connect → handshake → sync →
 * connected, reconnecting with a partial resync (PSYNC replid offset+1)
 * after a drop.
 *
 * <p>A {@link MasterConnection} thread does the socket work and reports
 * {@link MasterConnection.Event}s. The master's commands are run as the
 * "master client" ({@link ExecContext#MASTER_CLIENT}: no replies, no
 * READONLY/ACL/maxmemory checks) through the shards and the coordinator,
 * in order: single-shard commands go out in one batch per shard, and a
 * command over several shards (or all, or a MULTI/EXEC block) waits for
 * everything before it and holds back everything after it. The applied
 * offset grows by each command's size once it ran.
 */
public final class ReplicationLink extends AbstractBehavior<ReplicationLink.Command> {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  public sealed interface Command {}

  /** REPLICAOF host port. */
  record Start(String host, int port) implements Command {}

  /** REPLICAOF NO ONE: close the link; {@code done} runs once it is closed. */
  record Stop(Runnable done) implements Command {}

  private record LinkEvent(long generation, MasterConnection.Event event) implements Command {}

  private record Applied(Executed executed) implements Command {}

  private record Loaded(long generation, boolean ok) implements Command {}

  private enum Cron implements Command { INSTANCE }

  /** What the link needs of the node. */
  public record Wiring(CommandTable commands, SlotMap slots, List<ActorRef<KeyspaceShard.Command>> shards,
      ActorRef<Coordinator.Command> coordinator, ServerConfig config) {}

  private final Wiring wiring;
  private final ReplState state;
  private final ActorRef<ReplicationMaster.Command> master;
  private final ActorRef<Executed> appliedRef;
  private String host;
  private int port;
  private long generation;
  private MasterConnection conn;
  private long connectingSince;

  // ---- applying the stream
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final List<List<Op>> batches = new ArrayList<>();
  private int outstanding;
  private long outstandingBytes;
  private int db;
  /** MULTI ... EXEC from the master: queued, then run at once on the coordinator. */
  private List<Op> transaction;
  private long transactionBytes;
  /**
   * The raw bytes of the stream read but not yet applied, oldest first (one
   * piece per chunk, {@link #pieceStart} into the first): applied bytes are
   * always a prefix, and go to our own backlog exactly as they came.
   */
  private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
  private int pieceStart;
  private boolean loading;

  private record Pending(byte[][] argv, int size) {}

  public static Behavior<Command> create(Wiring wiring, ReplState state,
      ActorRef<ReplicationMaster.Command> master) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ReplicationLink(ctx, timers, wiring, state,
        master)));
  }

  private ReplicationLink(ActorContext<Command> context, TimerScheduler<Command> timers, Wiring wiring,
      ReplState state, ActorRef<ReplicationMaster.Command> master) {
    super(context);
    this.wiring = wiring;
    this.state = state;
    this.master = master;
    this.appliedRef = context.messageAdapter(Executed.class, Applied::new);
    for (int i = 0; i < wiring.shards().size(); i++) {
      batches.add(null);
    }
    timers.startTimerWithFixedDelay(Cron.INSTANCE, Duration.ofSeconds(1));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(Stop.class, this::onStop)
        .onMessage(LinkEvent.class, this::onLinkEvent)
        .onMessage(Applied.class, this::onApplied)
        .onMessage(Loaded.class, this::onLoaded)
        .onMessageEquals(Cron.INSTANCE, this::onCron)
        .build();
  }

  // ---- REPLICAOF ----------------------------------------------------------------------

  private Behavior<Command> onStart(Start s) {
    closeLink();
    host = s.host();
    port = s.port();
    state.linkDownSinceMillis = 0;
    state.everConnected = false;
    state.readReplOffset = state.replOffset = state.masterReplOffset;
    log.info("Connecting to MASTER {}:{}", host, port);
    connect();
    return this;
  }

  private Behavior<Command> onStop(Stop s) {
    closeLink();
    host = null;
    s.done().run();
    return this;
  }

  private void closeLink() {
    generation++;
    if (conn != null) {
      conn.close();
      conn = null;
    }
    queue.clear();
    pieces.clear();
    pieceStart = 0;
    transaction = null;
    loading = false;
  }

  private void connect() {
    long gen = ++generation;
    ServerConfig config = wiring.config();
    long announcePort = config.getLong("replica-announce-port");
    MasterConnection.Settings settings = new MasterConnection.Settings(host, port,
        config.getString("masteruser"), config.getString("masterauth"),
        (int) (announcePort != 0 ? announcePort : config.port()), config.getString("replica-announce-ip"),
        state.replid, state.replOffset, (int) config.getLong("repl-timeout"), ValueLimits.from(config));
    ActorRef<Command> self = getContext().getSelf();
    conn = new MasterConnection(settings, e -> self.tell(new LinkEvent(gen, e)));
    state.linkState = "connecting";
    connectingSince = System.currentTimeMillis();
    Thread t = new Thread(conn, "troupe-replication-link");
    t.setDaemon(true);
    t.start();
  }

  // ---- the link's events --------------------------------------------------------------

  private Behavior<Command> onLinkEvent(LinkEvent e) {
    if (e.generation() != generation) {
      MasterConnection.Event ev = e.event();
      if (ev instanceof MasterConnection.FullSync fs) {
        fs.loaded().complete(false);
      }
      return this; // from a link closed since
    }
    state.lastIoMillis = System.currentTimeMillis();
    MasterConnection.Event ev = e.event();
    if (ev instanceof MasterConnection.Connected) {
      log.info("MASTER <-> REPLICA sync started");
      state.linkState = "handshake";
    } else if (ev instanceof MasterConnection.FullSync fs) {
      onFullSync(fs);
    } else if (ev instanceof MasterConnection.Continue c) {
      log.info("Successful partial resynchronization with master.");
      if (c.replid() != null && !c.replid().equals(state.replid)) {
        log.info("Master replication ID changed to {}", c.replid());
        master.tell(new ReplicationMaster.MasterReplidChanged(c.replid()));
      }
      linkUp();
    } else if (ev instanceof MasterConnection.Chunk c) {
      pieces.add(c.raw());
      for (int i = 0; i < c.sizes().length; i++) {
        queue.add(new Pending(c.commands().get(i), c.sizes()[i]));
      }
      state.readReplOffset += c.raw().length;
      apply();
    } else if (ev instanceof MasterConnection.Lost l) {
      log.warn("{}", l.reason());
      linkDown();
    }
    return this;
  }

  private void linkUp() {
    state.linkState = "connected";
    state.everConnected = true;
    state.linkDownSinceMillis = 0;
    log.info("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization or finished a full one.");
    sendAck();
  }

  private void linkDown() {
    if ("connected".equals(state.linkState)) {
      log.info("Connection with master lost.");
      state.linkDownSinceMillis = System.currentTimeMillis();
    }
    generation++;
    if (conn != null) {
      conn.close();
      conn = null;
    }
    // Commands already handed to the shards finish (and count); the rest is read
    // again after a partial resync, from the applied offset on.
    queue.clear();
    transaction = null;
    dropUnapplied(outstandingBytes);
    state.linkState = "connect";
  }

  /** A full sync: load the RDB into emptied databases on the coordinator, then the stream from its offset. */
  private void onFullSync(MasterConnection.FullSync fs) {
    state.linkState = "sync";
    log.info("MASTER <-> REPLICA sync: receiving {} bytes from master to disk", fs.rdb().length);
    log.info("MASTER <-> REPLICA sync: Flushing old data");
    loading = true;
    long gen = generation;
    byte[] rdb = fs.rdb();
    ServerConfig config = wiring.config();
    CommandHandler load = (ctx, argv) -> {
      List<Keyspace> all = new ArrayList<>();
      ctx.forEachKeyspace(all::add);
      all.sort((x, y) -> Integer.compare(x.shardIndex(), y.shardIndex()));
      for (Keyspace ks : all) {
        for (int d = 0; d < ks.databases(); d++) {
          ks.db(d).clear();
        }
      }
      log.info("MASTER <-> REPLICA sync: Loading DB in memory");
      try {
        RdbFiles.load(new ByteArrayInputStream(rdb), all, ctx.slots(), config, ctx.now(), true, true);
        return Reply.OK;
      } catch (IOException | RdbException e) {
        log.warn("Failed trying to load the MASTER synchronization DB from disk: {}", e.getMessage());
        return Reply.error("ERR " + e.getMessage());
      }
    };
    // The reader waits for the load before it reads on; the coordinator's
    // answer comes as an Applied (one adapter per message class).
    loadGeneration = gen;
    pendingLoad = fs;
    pendingReplid = fs.replid();
    pendingOffset = fs.offset();
    wiring.coordinator().tell(new Coordinator.Run(null,
        List.of(new Op(0, load, new byte[][] {"SYNC".getBytes(StandardCharsets.US_ASCII)}, 0)), appliedRef));
  }

  private long loadGeneration;

  private MasterConnection.FullSync pendingLoad;
  private String pendingReplid;
  private long pendingOffset;

  private Behavior<Command> onLoaded(Loaded l) {
    MasterConnection.FullSync fs = pendingLoad;
    pendingLoad = null;
    loading = false;
    if (fs == null) {
      return this;
    }
    if (l.generation() != generation || !l.ok()) {
      fs.loaded().complete(false);
      return this;
    }
    log.info("MASTER <-> REPLICA sync: Finished with success");
    db = 0;
    pieces.clear();
    pieceStart = 0;
    state.readReplOffset = state.replOffset = pendingOffset;
    state.masterReplOffset = pendingOffset;
    state.replid = pendingReplid;
    master.tell(new ReplicationMaster.MasterReset(pendingReplid, pendingOffset));
    linkUp();
    fs.loaded().complete(true);
    return this;
  }

  // ---- applying the master's commands -------------------------------------------------

  /** Sends what can go now; stops at a barrier while earlier commands still run. */
  private void apply() {
    while (!queue.isEmpty() && !loading) {
      Pending p = queue.peek();
      byte[][] argv = p.argv();
      if (argv.length == 0) {
        queue.poll();
        skip(p.size());
        continue;
      }
      String name = new String(argv[0], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      if (transaction != null && !name.equals("exec") && !name.equals("multi")) {
        Route r = route(argv);
        queue.poll();
        if (r != null) {
          transaction.add(new Op(0, r.def.handler(), argv, db, ExecContext.MASTER_CLIENT, null));
        } else if (name.equals("select")) {
          select(argv);
        }
        transactionBytes += p.size();
        continue;
      }
      switch (name) {
        case "select" -> {
          queue.poll();
          select(argv);
          skip(p.size());
          continue;
        }
        case "ping" -> {
          queue.poll();
          skip(p.size());
          continue;
        }
        case "multi" -> {
          queue.poll();
          transaction = new ArrayList<>();
          transactionBytes = p.size();
          continue;
        }
        case "replconf" -> {
          if (busy()) {
            flush();
            return;
          }
          queue.poll();
          if (argv.length >= 2 && new String(argv[1], StandardCharsets.US_ASCII).equalsIgnoreCase("getack")) {
            sendAck();
          }
          done(p.size());
          continue;
        }
        case "exec" -> {
          if (busy()) {
            flush();
            return;
          }
          queue.poll();
          List<Op> ops = transaction == null ? List.of() : transaction;
          long bytes = transactionBytes + p.size();
          transaction = null;
          transactionBytes = 0;
          if (ops.isEmpty()) {
            done(bytes);
            continue;
          }
          wiring.coordinator().tell(new Coordinator.Run(null, ops, appliedRef));
          outstanding++;
          outstandingBytes += bytes;
          return;
        }
        default -> {
          // a keyspace command
        }
      }
      Route r = route(argv);
      if (r == null) {
        queue.poll();
        log.debug("Replication: ignoring '{}' from the master", name);
        skip(p.size());
        continue;
      }
      if (r.shards != null || r.allShards) {
        if (busy()) {
          flush();
          return;
        }
        queue.poll();
        wiring.coordinator().tell(new Coordinator.Run(r.allShards ? null : r.shards,
            List.of(new Op(0, r.def.handler(), argv, db, ExecContext.MASTER_CLIENT, null)), appliedRef));
        outstanding++;
        outstandingBytes += p.size();
        return;
      }
      queue.poll();
      List<Op> batch = batches.get(r.shard);
      if (batch == null) {
        batch = new ArrayList<>();
        batches.set(r.shard, batch);
      }
      batch.add(new Op(0, r.def.handler(), argv, db, ExecContext.MASTER_CLIENT, null));
      outstandingBytes += p.size();
    }
    flush();
  }

  private boolean busy() {
    if (outstanding > 0) {
      return true;
    }
    for (List<Op> b : batches) {
      if (b != null) {
        return true;
      }
    }
    return false;
  }

  private void flush() {
    for (int i = 0; i < batches.size(); i++) {
      List<Op> b = batches.get(i);
      if (b != null) {
        wiring.shards().get(i).tell(new KeyspaceShard.Execute(b, appliedRef));
        outstanding++;
        batches.set(i, null);
      }
    }
  }

  private Behavior<Command> onApplied(Applied a) {
    if (pendingLoad != null) {
      return onLoaded(new Loaded(loadGeneration, !a.executed().replies()[0].isError()));
    }
    for (Reply r : a.executed().replies()) {
      if (r.isError()) {
        log.debug("Replication: a command from the master failed here: {}", r);
      }
    }
    if (--outstanding == 0) {
      long bytes = outstandingBytes;
      outstandingBytes = 0;
      done(bytes);
      apply();
    }
    return this;
  }

  /** A command that needs no running (SELECT, PING, a keepalive): done with the commands before it. */
  private void skip(long size) {
    if (busy()) {
      outstandingBytes += size;
    } else {
      done(size);
    }
  }

  /** {@code bytes} more of the stream are applied: the offset grows, and those bytes go to our backlog. */
  private void done(long bytes) {
    if (bytes == 0) {
      return;
    }
    state.replOffset += bytes;
    byte[] out = new byte[(int) bytes];
    int n = 0;
    while (n < bytes && !pieces.isEmpty()) {
      byte[] p = pieces.peek();
      int take = (int) Math.min(p.length - pieceStart, bytes - n);
      System.arraycopy(p, pieceStart, out, n, take);
      n += take;
      pieceStart += take;
      if (pieceStart == p.length) {
        pieces.poll();
        pieceStart = 0;
        if (conn != null) {
          conn.chunkApplied();
        }
      }
    }
    master.tell(new ReplicationMaster.Proxy(n == out.length ? out : java.util.Arrays.copyOf(out, n)));
  }

  /** The link dropped: keeps the first {@code keep} unapplied bytes (already running), forgets the rest. */
  private void dropUnapplied(long keep) {
    ArrayDeque<byte[]> kept = new ArrayDeque<>();
    long left = keep;
    boolean first = true;
    for (byte[] p : pieces) {
      if (left <= 0) {
        break;
      }
      int from = first ? pieceStart : 0;
      first = false;
      int take = (int) Math.min(p.length - from, left);
      kept.add(java.util.Arrays.copyOfRange(p, from, from + take));
      left -= take;
    }
    pieces.clear();
    pieces.addAll(kept);
    pieceStart = 0;
    state.readReplOffset = state.replOffset + keep;
  }

  private void select(byte[][] argv) {
    try {
      int n = Integer.parseInt(new String(argv[1], StandardCharsets.US_ASCII));
      if (n >= 0 && n < wiring.config().databases()) {
        db = n;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      log.warn("Replication: bad SELECT from the master");
    }
  }

  /** Where a keyspace command of the master runs. */
  private static final class Route {
    CommandDef def;
    int shard;
    BitSet shards;
    boolean allShards;
  }

  private Route route(byte[][] argv) {
    CommandTable table = wiring.commands();
    CommandSpec spec = table.spec(argv[0]);
    if (spec == null) {
      return null;
    }
    if (spec.isContainer() && argv.length > 1) {
      CommandSpec sub = spec.subcommands().get(
          new String(argv[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
      if (sub != null) {
        spec = sub;
      }
    }
    CommandDef def = table.def(spec.fullName());
    if (def == null || def.execution() == CommandDef.Execution.SESSION || !spec.arityOk(argv.length)) {
      return null;
    }
    Route r = new Route();
    r.def = def;
    if (def.execution() == CommandDef.Execution.ALL_SHARDS
        || def.keys() != null && def.keys().touchesUndeclaredKeys(argv)) {
      r.allShards = true;
      return r;
    }
    int[] keys;
    try {
      keys = def.keyIndexes(argv);
    } catch (CommandException e) {
      return null;
    }
    int first = -1;
    for (int k : keys) {
      int s = wiring.slots().shardOf(KeySlot.slot(argv[k]));
      if (first < 0) {
        first = s;
      } else if (s != first) {
        if (r.shards == null) {
          r.shards = new BitSet();
          r.shards.set(first);
        }
        r.shards.set(s);
      }
    }
    r.shard = Math.max(first, 0);
    return r;
  }

  // ---- cron ---------------------------------------------------------------------------

  /** replicationCron's replica part: ACK every second, reconnect when down, handshake timeout. */
  private Behavior<Command> onCron() {
    if (host == null) {
      return this;
    }
    switch (state.linkState) {
      case "connected" -> sendAck();
      case "connect" -> {
        log.info("Connecting to MASTER {}:{}", host, port);
        connect();
      }
      default -> {
        long timeout = wiring.config().getLong("repl-timeout") * 1000;
        if (!loading && System.currentTimeMillis() - connectingSince > timeout) {
          log.warn("Timeout connecting to the MASTER...");
          linkDown();
        }
      }
    }
    return this;
  }

  private void sendAck() {
    if (conn != null) {
      conn.send("REPLCONF", "ACK", Long.toString(state.replOffset));
    }
  }
}

package io.troupe.replication;

import io.troupe.command.RawOutput;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.Keyspace;
import io.troupe.persistence.rdb.RdbFiles;
import io.troupe.resp.Reply;
import io.troupe.shard.Coordinator;
import io.troupe.shard.Effect;
import io.troupe.shard.Effects;
import io.troupe.shard.Executed;
import io.troupe.shard.Op;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * The master side of replication (Redis's replicationFeedSlaves, syncCommand,
 * masterTryPartialResynchronization, replicationCron, WAIT): the node's one
 * replication stream (replid, offset, the circular {@link Backlog}), built
 * from the Propagator's {@link Effects} with SELECT inserted where the
 * database changes, and one {@link ReplicaFeed} per replica connection.
 *
 * <p>On a replica the stream is the master's, as applied by the
 * {@link ReplicationLink} ({@link Proxy}), so the replid and offsets stay the
 * master's and a promoted replica can serve its former siblings a partial
 * resync (replid2). The shards' own effects are then ignored.
 *
 * <p>Points in the stream: a snapshot for a full sync and a WAIT target must
 * fall between the writes before and after them. The actor sends an empty
 * {@link Effects} marker through the Propagator; every write published before
 * it comes first, so when it comes back the backlog's offset is exact.
 */
public final class ReplicationMaster extends AbstractBehavior<ReplicationMaster.Command> {
  private static final Logger log = LoggerFactory.getLogger("troupe");
  private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GETACK =
      "*3\r\n$8\r\nREPLCONF\r\n$6\r\nGETACK\r\n$1\r\n*\r\n".getBytes(StandardCharsets.US_ASCII);

  public sealed interface Command {}

  /** The Propagator's writes (or one of our markers coming back). */
  private record Published(Effects effects) implements Command {}

  /**
   * PSYNC replid offset (or SYNC when {@code replid} is null) from a
   * connection: {@code out} writes to it, {@code kill} closes it.
   */
  record Attach(long clientId, String ip, int listeningPort, String replid, long offset, boolean psync2,
      Consumer<Object> out, Runnable kill) implements Command {}

  record Detach(long clientId) implements Command {}

  /** REPLCONF ACK offset from a replica. */
  record Ack(long clientId, long offset) implements Command {}

  /** WAIT numreplicas timeout (0 = forever). */
  record Wait(long numReplicas, long timeoutMillis, Consumer<Reply> reply) implements Command {}

  private record WaitTimeout(long id) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private enum StartSnapshot implements Command { INSTANCE }

  private record SnapshotRan(Executed executed) implements Command {}

  /** This node now replicates from a master: the shards' writes are not ours to stream. */
  enum FollowMaster implements Command { INSTANCE }

  /** A full sync from our master finished: our stream is now its {@code replid} from {@code offset}. */
  record MasterReset(String replid, long offset) implements Command {}

  /** Our master continued with a new replid (it was promoted): keep the old one as replid2. */
  record MasterReplidChanged(String replid) implements Command {}

  /** Bytes of our master's stream, applied: appended to our backlog and fed to our replicas. */
  record Proxy(byte[] bytes) implements Command {}

  /**
   * REPLICAOF NO ONE: a new history (replid2 keeps the old one), and our own
   * writes from {@code marker} on. The sender tells the Propagator the marker
   * right after this message, before any client can write to the new master.
   */
  record Promote(Effects marker) implements Command {}

  private final ServerConfig config;
  private final ReplState state;
  private final ActorRef<Effects> propagator;
  private final ActorRef<Coordinator.Command> coordinator;
  private final TimerScheduler<Command> timers;
  private final Map<Long, ReplicaFeed> feeds = new LinkedHashMap<>();
  /** Markers sent through the Propagator, and what to do when each comes back. */
  private final Map<Effects, Runnable> markers = new IdentityHashMap<>();
  private final Map<Long, Waiter> waiters = new LinkedHashMap<>();
  private long nextWaiterId;
  private Backlog backlog;
  /** The database the stream last selected (-1: the next write selects). */
  private int selectedDb = -1;
  /** True while the shards' effects are not ours (a replica, or promotion still draining). */
  private boolean following;
  private long noReplicasSince = System.currentTimeMillis();
  private int tickCount;
  private boolean snapshotScheduled;
  private boolean snapshotRunning;

  private static final class Waiter {
    final long id;
    final long target;
    final long numReplicas;
    final Consumer<Reply> reply;

    Waiter(long id, long target, long numReplicas, Consumer<Reply> reply) {
      this.id = id;
      this.target = target;
      this.numReplicas = numReplicas;
      this.reply = reply;
    }
  }

  /** The RDB a snapshot produced on the coordinator (null when it failed). */
  private static final class SnapshotHolder {
    volatile byte[] rdb;
  }

  public static Behavior<Command> create(ServerConfig config, ReplState state, ActorRef<Effects> propagator,
      ActorRef<Coordinator.Command> coordinator, Consumer<ActorRef<Effects>> subscribe) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ActorRef<Effects> inbox = ctx.messageAdapter(Effects.class, Published::new);
      subscribe.accept(inbox);
      return new ReplicationMaster(ctx, timers, config, state, propagator, coordinator);
    }));
  }

  private ReplicationMaster(ActorContext<Command> context, TimerScheduler<Command> timers, ServerConfig config,
      ReplState state, ActorRef<Effects> propagator, ActorRef<Coordinator.Command> coordinator) {
    super(context);
    this.timers = timers;
    this.config = config;
    this.state = state;
    this.propagator = propagator;
    this.coordinator = coordinator;
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofSeconds(1));
    config.param("repl-backlog-size").onChange(v -> context.getSelf().tell(Tick.INSTANCE));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Published.class, this::onPublished)
        .onMessage(Attach.class, this::onAttach)
        .onMessage(Detach.class, this::onDetach)
        .onMessage(Ack.class, this::onAck)
        .onMessage(Wait.class, this::onWait)
        .onMessage(WaitTimeout.class, this::onWaitTimeout)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(StartSnapshot.INSTANCE, this::onStartSnapshot)
        .onMessage(SnapshotRan.class, this::onSnapshotRan)
        .onMessageEquals(FollowMaster.INSTANCE, this::onFollowMaster)
        .onMessage(MasterReset.class, this::onMasterReset)
        .onMessage(MasterReplidChanged.class, this::onMasterReplidChanged)
        .onMessage(Proxy.class, this::onProxy)
        .onMessage(Promote.class, this::onPromote)
        .build();
  }

  // ---- the stream ---------------------------------------------------------------------

  private Behavior<Command> onPublished(Published p) {
    Runnable marker = markers.remove(p.effects());
    if (marker != null) {
      marker.run();
      return this;
    }
    if (following || backlog == null) {
      return this; // no backlog: Redis feeds nothing until the first replica
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    for (Effect e : p.effects().effects()) {
      if (e.db() != selectedDb) {
        encode(out, new byte[][] {"SELECT".getBytes(StandardCharsets.US_ASCII),
            Integer.toString(e.db()).getBytes(StandardCharsets.US_ASCII)});
        selectedDb = e.db();
      }
      encode(out, e.argv());
    }
    feed(out.toByteArray());
    return this;
  }

  /** Appends to the stream and sends to every replica that streams. */
  private void feed(byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    backlog.append(bytes);
    for (ReplicaFeed f : feeds.values()) {
      if (f.streaming) {
        f.stream(bytes);
      }
    }
    publishStreamState();
  }

  static void encode(ByteArrayOutputStream out, byte[][] argv) {
    ascii(out, "*" + argv.length + "\r\n");
    for (byte[] a : argv) {
      ascii(out, "$" + a.length + "\r\n");
      out.write(a, 0, a.length);
      ascii(out, "\r\n");
    }
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    for (int i = 0; i < s.length(); i++) {
      out.write(s.charAt(i));
    }
  }

  /** Runs {@code then} once every write published before now has reached the stream. */
  private void afterPendingWrites(Runnable then) {
    Effects marker = new Effects(List.of());
    markers.put(marker, then);
    propagator.tell(marker);
  }

  private void createBacklogIfNeeded() {
    if (backlog == null) {
      // syncCommand's first replica: a new history starts with the backlog.
      state.replid = ReplIds.random();
      state.replid2 = ReplIds.NONE;
      state.secondReplOffset = -1;
      backlog = new Backlog(backlogSize(), state.masterReplOffset);
      selectedDb = -1;
      publishStreamState();
    }
  }

  private int backlogSize() {
    return (int) Math.min(Integer.MAX_VALUE - 16, config.getLong("repl-backlog-size"));
  }

  private void publishStreamState() {
    if (backlog != null) {
      state.masterReplOffset = backlog.endOffset();
      state.backlogActive = true;
      state.backlogFirstByte = backlog.firstByteOffset();
      state.backlogHistlen = backlog.histlen();
    } else {
      state.backlogActive = false;
      state.backlogFirstByte = 0;
      state.backlogHistlen = 0;
    }
  }

  // ---- replicas -----------------------------------------------------------------------

  private Behavior<Command> onAttach(Attach a) {
    ReplicaFeed f = new ReplicaFeed(a.clientId(), a.ip(), a.listeningPort(), a.out(), a.kill());
    feeds.put(a.clientId(), f);
    noReplicasSince = 0;
    if (a.replid() != null && tryPartial(f, a.replid(), a.offset(), a.psync2())) {
      return this;
    }
    if (a.replid() != null && !a.replid().equals("?")) {
      state.syncPartialErr++;
    }
    createBacklogIfNeeded();
    f.state = ReplicaFeed.WAIT_BGSAVE;
    f.psync = a.replid() != null;
    state.syncFull++;
    log.info("Replica {}:{} asks for synchronization", a.ip(), a.listeningPort());
    log.info("Full resync requested by replica {}:{}", a.ip(), a.listeningPort());
    if (!snapshotScheduled && !snapshotRunning) {
      long delay = config.getBool("repl-diskless-sync") ? config.getLong("repl-diskless-sync-delay") : 0;
      snapshotScheduled = true;
      if (delay > 0) {
        timers.startSingleTimer(StartSnapshot.INSTANCE, StartSnapshot.INSTANCE, Duration.ofSeconds(delay));
      } else {
        getContext().getSelf().tell(StartSnapshot.INSTANCE);
      }
    }
    publishReplicas();
    return this;
  }

  /** masterTryPartialResynchronization: +CONTINUE and the backlog from {@code offset}, when it can. */
  private boolean tryPartial(ReplicaFeed f, String replid, long offset, boolean psync2) {
    boolean sameHistory = replid.equalsIgnoreCase(state.replid)
        || replid.equalsIgnoreCase(state.replid2) && offset <= state.secondReplOffset;
    if (!sameHistory || backlog == null || !backlog.covers(offset)) {
      if (sameHistory || replid.equalsIgnoreCase(state.replid2)) {
        log.info("Unable to partial resync with replica {}:{} for lack of backlog (Replica request was: {}).",
            f.ip, f.port, offset);
      } else if (!replid.equals("?")) {
        log.info("Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '{}', my "
            + "replication IDs are '{}' and '{}')", replid, state.replid, state.replid2);
      }
      return false;
    }
    f.state = ReplicaFeed.ONLINE;
    f.streaming = true;
    f.psync = true;
    f.lastAckMillis = System.currentTimeMillis();
    f.send((psync2 ? "+CONTINUE " + state.replid + "\r\n" : "+CONTINUE\r\n").getBytes(StandardCharsets.US_ASCII));
    byte[] missing = backlog.from(offset);
    if (missing.length > 0) {
      f.send(missing);
    }
    state.syncPartialOk++;
    log.info("Partial resynchronization request from {}:{} accepted. Sending {} bytes of backlog starting from "
        + "offset {}.", f.ip, f.port, missing.length, offset);
    publishReplicas();
    return true;
  }

  private Behavior<Command> onStartSnapshot() {
    snapshotScheduled = false;
    if (feeds.values().stream().noneMatch(f -> f.state == ReplicaFeed.WAIT_BGSAVE)) {
      return this;
    }
    snapshotRunning = true;
    boolean diskless = config.getBool("repl-diskless-sync");
    log.info("Starting BGSAVE for SYNC with target: {}", diskless ? "replicas sockets" : "disk");
    List<ReplicaFeed> takers = new ArrayList<>();
    for (ReplicaFeed f : feeds.values()) {
      if (f.state == ReplicaFeed.WAIT_BGSAVE) {
        f.state = ReplicaFeed.SEND_BULK;
        takers.add(f);
      }
    }
    SnapshotHolder holder = new SnapshotHolder();
    Effects marker = new Effects(List.of());
    markers.put(marker, () -> snapshotTaken(holder, takers, diskless));
    ActorRef<Effects> prop = propagator;
    // The coordinator holds every shard (as SAVE does) while the RDB is written to
    // memory; the marker, sent while they are held, fixes the stream offset it matches.
    CommandHandler snapshot = (ctx, argv) -> {
      List<Keyspace> all = new ArrayList<>();
      ctx.forEachKeyspace(all::add);
      all.sort((x, y) -> Integer.compare(x.shardIndex(), y.shardIndex()));
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      try {
        RdbFiles.write(out, all, ctx.config(), ctx.now());
        holder.rdb = out.toByteArray();
      } catch (IOException | RuntimeException e) {
        log.warn("Can't produce the RDB for replication: {}", e.toString());
      }
      prop.tell(marker);
      return Reply.OK;
    };
    ActorRef<Executed> done = getContext().messageAdapter(Executed.class, SnapshotRan::new);
    coordinator.tell(new Coordinator.Run(null,
        List.of(new Op(0, snapshot, new byte[][] {"SYNC".getBytes(StandardCharsets.US_ASCII)}, 0)), done));
    return this;
  }

  private Behavior<Command> onSnapshotRan(SnapshotRan r) {
    return this; // what matters comes with the marker
  }

  /** The snapshot's point in the stream: +FULLRESYNC replid offset, the RDB, then the stream from here. */
  private void snapshotTaken(SnapshotHolder holder, List<ReplicaFeed> takers, boolean diskless) {
    snapshotRunning = false;
    long offset = backlog.endOffset();
    selectedDb = -1; // the stream after a full sync starts with SELECT
    byte[] rdb = holder.rdb;
    for (ReplicaFeed f : takers) {
      if (feeds.get(f.clientId) != f) {
        continue; // gone meanwhile
      }
      if (rdb == null) {
        log.warn("Closing replica {}:{}: the RDB for its full sync could not be produced", f.ip, f.port);
        f.kill.run();
        continue;
      }
      if (f.psync) {
        f.send(("+FULLRESYNC " + state.replid + " " + offset + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      if (diskless) {
        String eof = ReplIds.random();
        f.send(("$EOF:" + eof + "\r\n").getBytes(StandardCharsets.US_ASCII));
        f.send(rdb);
        f.send(eof.getBytes(StandardCharsets.US_ASCII));
      } else {
        f.send(("$" + rdb.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        f.send(rdb);
      }
      log.info("Streamed RDB transfer with replica {}:{} succeeded: waiting for REPLCONF ACK from replica to "
          + "enable streaming", f.ip, f.port);
      f.held = new java.io.ByteArrayOutputStream();
      f.streaming = true;
      f.lastAckMillis = System.currentTimeMillis();
      f.ackOffset = 0;
    }
    if (feeds.values().stream().anyMatch(f -> f.state == ReplicaFeed.WAIT_BGSAVE)) {
      snapshotScheduled = true;
      getContext().getSelf().tell(StartSnapshot.INSTANCE);
    }
    publishReplicas();
  }

  private Behavior<Command> onDetach(Detach d) {
    ReplicaFeed f = feeds.remove(d.clientId());
    if (f != null) {
      log.info("Connection with replica {}:{} lost.", f.ip, f.port);
      if (feeds.isEmpty()) {
        noReplicasSince = System.currentTimeMillis();
      }
      publishReplicas();
    }
    return this;
  }

  private Behavior<Command> onAck(Ack a) {
    ReplicaFeed f = feeds.get(a.clientId());
    if (f == null) {
      return this;
    }
    f.lastAckMillis = System.currentTimeMillis();
    if (a.offset() > f.ackOffset) {
      f.ackOffset = a.offset();
    }
    f.releaseHeld();
    if (f.state == ReplicaFeed.SEND_BULK && f.streaming) {
      f.state = ReplicaFeed.ONLINE; // the replica loaded the RDB and answers: it is online
      log.info("Synchronization with replica {}:{} succeeded", f.ip, f.port);
    }
    serveWaiters();
    publishReplicas();
    return this;
  }

  // ---- WAIT ---------------------------------------------------------------------------

  private Behavior<Command> onWait(Wait w) {
    afterPendingWrites(() -> {
      long target = state.masterReplOffset;
      long acked = ackedAtLeast(target);
      if (acked >= w.numReplicas()) {
        w.reply().accept(Reply.integer(acked));
        return;
      }
      long id = ++nextWaiterId;
      waiters.put(id, new Waiter(id, target, w.numReplicas(), w.reply()));
      if (w.timeoutMillis() > 0) {
        timers.startSingleTimer(new WaitTimeout(id), new WaitTimeout(id), Duration.ofMillis(w.timeoutMillis()));
      }
      if (backlog != null && !following) {
        feed(GETACK); // replicationRequestAckFromSlaves
      }
    });
    return this;
  }

  private long ackedAtLeast(long offset) {
    long n = 0;
    for (ReplicaFeed f : feeds.values()) {
      if (f.state == ReplicaFeed.ONLINE && f.ackOffset >= offset) {
        n++;
      }
    }
    return n;
  }

  private void serveWaiters() {
    for (Iterator<Waiter> it = waiters.values().iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      long acked = ackedAtLeast(w.target);
      if (acked >= w.numReplicas) {
        it.remove();
        timers.cancel(new WaitTimeout(w.id));
        w.reply.accept(Reply.integer(acked));
      }
    }
  }

  private Behavior<Command> onWaitTimeout(WaitTimeout t) {
    Waiter w = waiters.remove(t.id());
    if (w != null) {
      w.reply.accept(Reply.integer(ackedAtLeast(w.target)));
    }
    return this;
  }

  // ---- cron ---------------------------------------------------------------------------

  /** replicationCron's master part: PINGs, timed-out replicas, the backlog's TTL and size, good replicas. */
  private Behavior<Command> onTick() {
    long now = System.currentTimeMillis();
    tickCount++;
    if (backlog != null && backlog.size() != backlogSize()) {
      backlog.resize(backlogSize());
      publishStreamState();
    }
    if (!following && backlog != null && !feeds.isEmpty()
        && tickCount % Math.max(1, config.getLong("repl-ping-replica-period")) == 0) {
      feed(PING);
    }
    long timeout = config.getLong("repl-timeout") * 1000;
    for (ReplicaFeed f : new ArrayList<>(feeds.values())) {
      if (f.state == ReplicaFeed.ONLINE && now - f.lastAckMillis > timeout) {
        log.warn("Disconnecting timedout replica (streaming sync): {}:{}", f.ip, f.port);
        f.kill.run();
      }
    }
    long ttl = config.getLong("repl-backlog-ttl");
    if (!following && backlog != null && feeds.isEmpty() && ttl > 0 && noReplicasSince > 0
        && now - noReplicasSince > ttl * 1000) {
      // freeReplicationBacklog after repl-backlog-ttl without replicas: a new history next time.
      state.replid = ReplIds.random();
      state.replid2 = ReplIds.NONE;
      state.secondReplOffset = -1;
      backlog = null;
      publishStreamState();
      log.info("Replication backlog freed after {} seconds without connected replicas.", ttl);
    }
    publishReplicas();
    return this;
  }

  private void publishReplicas() {
    long now = System.currentTimeMillis();
    List<ReplState.ReplicaRow> rows = new ArrayList<>();
    int good = 0;
    long maxLag = config.getLong("min-replicas-max-lag");
    for (ReplicaFeed f : feeds.values()) {
      long lag = (now - f.lastAckMillis) / 1000;
      rows.add(new ReplState.ReplicaRow(f.ip, f.port, f.state, f.ackOffset, f.state == ReplicaFeed.ONLINE ? lag : 0));
      if (f.state == ReplicaFeed.ONLINE && lag <= maxLag) {
        good++;
      }
    }
    state.replicas = List.copyOf(rows);
    state.goodReplicas = good;
  }

  // ---- role changes -------------------------------------------------------------------

  private void disconnectReplicas() {
    for (ReplicaFeed f : new ArrayList<>(feeds.values())) {
      f.kill.run();
    }
    feeds.clear();
    noReplicasSince = System.currentTimeMillis();
    publishReplicas();
  }

  private Behavior<Command> onFollowMaster() {
    following = true;
    disconnectReplicas(); // they resync with us, hopefully partially
    return this;
  }

  private Behavior<Command> onMasterReset(MasterReset m) {
    disconnectReplicas();
    state.replid = m.replid();
    state.replid2 = ReplIds.NONE;
    state.secondReplOffset = -1;
    state.masterReplOffset = m.offset();
    backlog = new Backlog(backlogSize(), m.offset());
    publishStreamState();
    return this;
  }

  private Behavior<Command> onMasterReplidChanged(MasterReplidChanged m) {
    state.replid2 = state.replid;
    state.secondReplOffset = state.masterReplOffset + 1;
    state.replid = m.replid();
    disconnectReplicas();
    return this;
  }

  private Behavior<Command> onProxy(Proxy p) {
    if (backlog == null) {
      backlog = new Backlog(backlogSize(), state.masterReplOffset);
    }
    feed(p.bytes());
    return this;
  }

  private Behavior<Command> onPromote(Promote p) {
    // shiftReplicationId: our replicas (and former siblings) may continue with replid2.
    state.replid2 = state.replid;
    state.secondReplOffset = state.masterReplOffset + 1;
    state.replid = ReplIds.random();
    selectedDb = -1;
    disconnectReplicas();
    log.info("Setting secondary replication ID to {}, valid up to offset: {}. New replication ID is {}",
        state.replid2, state.secondReplOffset, state.replid);
    // Writes the shards published while we followed are the old master's: skip them.
    markers.put(p.marker(), () -> following = false);
    return this;
  }
}

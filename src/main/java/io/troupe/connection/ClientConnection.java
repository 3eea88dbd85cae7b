package io.troupe.connection;

import io.troupe.acl.Acl;
import io.troupe.acl.AclSession;
import io.troupe.acl.AclUser;
import io.troupe.command.ClientInfo;
import io.troupe.command.CommandDef;
import io.troupe.command.CommandSpec;
import io.troupe.command.CommandTable;
import io.troupe.command.ServerContext;
import io.troupe.command.Session;
import io.troupe.command.TrackingMode;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.EvictionPolicy;
import io.troupe.keyspace.Evictor;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.MaxMemory;
import io.troupe.keyspace.KeySlot;
import io.troupe.keyspace.SlotMap;
import io.troupe.keyspace.WatchState;
import io.troupe.pubsub.ClientSubscriptions;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespDecoder;
import io.troupe.resp.RespErrors;
import io.troupe.resp.RespWriter;
import io.troupe.shard.Coordinator;
import io.troupe.shard.Executed;
import io.troupe.shard.KeyspaceShard;
import io.troupe.shard.Op;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClientConnection actor: one per connection, the stream stage's own
 * actor ({@code getStageActor}), so shards answer it by message without an
 * extra thread hop. It holds the client's state and runs Redis's
 * processCommand checks in Redis's order (unknown command, arity, auth), then
 * sends each read's single-shard commands to their shards as one message per
 * shard, runs multi-shard commands through the coordinator (after the
 * commands before them have answered, and before the ones after them start),
 * and writes the replies of the read, in request order, as one chunk.
 */
public final class ClientConnection extends GraphStage<FlowShape<RespDecoder.Result, ByteString>> {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  /** What every connection shares: the table, the shards, the server. */
  public record Wiring(CommandTable commands, SlotMap slots,
      List<ActorRef<KeyspaceShard.Command>> shards, ActorRef<Coordinator.Command> coordinator,
      ServerContext server, ClientIds ids, Acl acl) {}

  private enum Kill { INSTANCE }

  /** A pub/sub message for this client, sent by whoever published it. */
  private record Published(Reply message) {}

  /** Client-side caching: these keys (null: all) changed; sent to the tracking client or its redirect. */
  private record Invalidate(byte[][] keys, boolean redirected) {}

  /** The client this one redirects its invalidations to is gone. */
  private record RedirectBroken(long redirect) {}

  /** The client pause ended: postponed commands may run. */
  private enum Resume { INSTANCE }

  private static final byte[] INVALIDATE = "invalidate".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INVALIDATE_CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);

  /** Commands a RESP2 client in subscribed mode may still run. */
  private static final java.util.Set<String> SUBSCRIBED_MODE_ALLOWED = java.util.Set.of("ping", "subscribe",
      "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");

  /** What became of a command of the read: it ran, was refused before running, or was queued by MULTI. */
  private static final byte RAN = 0;
  private static final byte REJECTED = 1;
  private static final byte QUEUED = 2;

  /** Commands Redis keeps out of the slow log (CMD_SKIP_SLOWLOG). */
  private static final java.util.Set<String> SKIP_SLOWLOG = java.util.Set.of("exec");

  /** Sequence numbers of a transaction's commands start here, above any read's. */
  private static final int TX_BASE = 1 << 30;

  /** What a session handler returns when its answer comes later (EXEC). */
  private static final Reply DEFERRED = Session.DEFERRED;

  /** The commands MULTI does not queue. */
  private static final java.util.Set<String> TX_CONTROL =
      java.util.Set.of("exec", "discard", "multi", "watch", "quit", "reset");

  /** An EXEC waiting for the coordinator: where its reply goes and the replies so far. */
  private static final class ExecInFlight {
    final int seq;
    final MultiState queue;
    final Reply[] replies;
    final long[] nanos;
    final int[] dbs;

    ExecInFlight(int seq, MultiState queue) {
      this.seq = seq;
      this.queue = queue;
      this.replies = new Reply[queue.size()];
      this.nanos = new long[queue.size()];
      this.dbs = new int[queue.size()];
    }
  }

  private final Inlet<RespDecoder.Result> in = Inlet.create("ClientConnection.in");
  private final Outlet<ByteString> out = Outlet.create("ClientConnection.out");
  private final FlowShape<RespDecoder.Result, ByteString> shape = FlowShape.of(in, out);
  private final Wiring wiring;
  private final RespDecoder decoder;
  private final String remote;
  private final String local;

  public ClientConnection(Wiring wiring, RespDecoder decoder, String remote, String local) {
    this.wiring = wiring;
    this.decoder = decoder;
    this.remote = remote;
    this.local = local;
  }

  @Override
  public FlowShape<RespDecoder.Result, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new Logic();
  }

  private final class Logic extends GraphStageLogic implements AclSession {
    private final ServerConfig config = wiring.server().config();
    private final MaxMemory maxmemory = new MaxMemory(config);
    private final long id = wiring.ids().next();
    private final RespWriter writer = new RespWriter();
    @SuppressWarnings("unchecked")
    private final List<Op>[] shardOps = new List[wiring.shards().size()];
    private ClientInfo info;
    private ClientSubscriptions subs;
    private boolean rejected;
    private final java.util.List<Reply> pendingPushes = new ArrayList<>();
    private OutputBufferLimits outputLimits;
    private MultiState multi;
    private WatchState watch;
    private BitSet watchShards;
    private ExecInFlight exec;
    private int currentSeq;
    private ActorRef<Executed> self;
    private org.apache.pekko.actor.ActorRef classicSelf;

    // introspection
    private final io.troupe.config.Param slowlogSlowerThan = config.param("slowlog-log-slower-than");
    private final io.troupe.config.Param slowlogMaxLen = config.param("slowlog-max-len");
    private final io.troupe.config.Param latencyTracking = config.param("latency-tracking");
    private final io.troupe.command.Introspection intro = wiring.server().introspection();
    private final io.troupe.command.CommandStats commandStats = intro.commandStats();
    private TrackingMode tracking;
    private int trackingCaching;
    private boolean trackingBroken;
    private boolean monitor;
    private boolean pauseWaiting;
    /** Set once SYNC/PSYNC made this connection a replica's feed: run when it closes. */
    private Runnable replicaOnClose;

    // client state
    private int db;
    private int protocol = 2;
    private String name = "";
    private boolean authenticated;
    private AclUser user;
    private byte[][] currentArgv;
    private boolean closeAfterReply;
    private boolean replyOff;
    private boolean skipNext;
    private boolean suppressCurrent;

    // the read being served
    private List<byte[][]> cmds = List.of();
    private String protocolError;
    private boolean mustClose;
    private Reply[] replies = new Reply[0];
    private byte[] protos = new byte[0];
    private boolean[] suppressed = new boolean[0];
    /** Per command of the read: its spec (null when unknown), whether it ran, its run time and db. */
    private CommandSpec[] specs = new CommandSpec[0];
    private byte[] outcome = new byte[0];
    private long[] nanos = new long[0];
    private int[] dbs = new int[0];
    private int next;
    private int outstanding;
    private boolean busy;
    private boolean upstreamDone;
    private ByteString pendingOut;

    Logic() {
      super(shape);
      setHandler(in, new AbstractInHandler() {
        @Override
        public void onPush() {
          onRead(grab(in));
        }

        @Override
        public void onUpstreamFinish() {
          upstreamDone = true;
          if (!busy && pendingOut == null) {
            completeStage();
          }
        }
      });
      setHandler(out, new AbstractOutHandler() {
        @Override
        public void onPull() {
          if (pendingOut != null) {
            ByteString b = pendingOut;
            pendingOut = null;
            info.outputBufferBytes = 0;
            outputLimits.drained();
            push(out, b);
            afterWrite();
          }
        }
      });
    }

    @Override
    public void preStart() {
      if (protectedModeRefuses()) {
        // Redis answers before reading anything, then closes (networking.c's protected mode).
        wiring.server().stats().rejectedConnections.increment();
        rejected = true;
        emit(out, ByteString.fromString("-" + RespErrors.DENIED_PROTECTED_MODE + "\r\n"), () -> completeStage());
        return;
      }
      user = wiring.acl().defaultUser();
      authenticated = user.autoAuthenticates();
      decoder.setAuthenticated(authenticated);
      org.apache.pekko.actor.ActorRef classic = getStageActor(msg -> {
        onMessage(msg);
        return scala.runtime.BoxedUnit.UNIT;
      }).ref();
      self = Adapter.toTyped(classic);
      classicSelf = classic;
      info = new ClientInfo(id, remote, local, System.currentTimeMillis(),
          () -> classic.tell(Kill.INSTANCE, org.apache.pekko.actor.ActorRef.noSender()));
      if (wiring.server().clients().size() >= config.getLong("maxclients")) {
        // Redis answers and closes: the client sees why.
        wiring.server().stats().rejectedConnections.increment();
        rejected = true;
        emit(out, ByteString.fromString("-" + RespErrors.MAX_CLIENTS + "\r\n"), () -> completeStage());
        return;
      }
      info.mailbox = m -> classic.tell(m, org.apache.pekko.actor.ActorRef.noSender());
      info.fd = wiring.ids().allocateFd();
      info.replyBufferSize = writer.capacity();
      wiring.server().registerClient(info);
      subs = new ClientSubscriptions(wiring.server().pubsub(),
          message -> classic.tell(new Published(message), org.apache.pekko.actor.ActorRef.noSender()));
      outputLimits = new OutputBufferLimits(config.param("client-output-buffer-limit"));
      wiring.server().stats().connectionsReceived.increment();
      pull(in);
    }

    /** Protected mode: no password on the default user, and a client from other than 127.0.0.1 / ::1. */
    private boolean protectedModeRefuses() {
      if (!config.getBool("protected-mode") || !wiring.acl().defaultUser().nopass()) {
        return false;
      }
      String host = remote.substring(0, Math.max(0, remote.lastIndexOf(':')));
      return !(host.equals("127.0.0.1") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1"));
    }

    @Override
    public void postStop() {
      if (rejected || info == null) {
        return; // refused (maxclients, protected mode): never registered
      }
      wiring.server().unregisterClient(info);
      if (tracking != null) {
        intro.tracking().disable(id);
      }
      if (monitor) {
        intro.removeMonitor(id);
      }
      unwatch();
      if (subs != null) {
        subs.clear();
      }
      wiring.ids().releaseFd(info.fd);
      if (replicaOnClose != null) {
        replicaOnClose.run();
      }
      if (outstanding > 0) {
        // It may be blocked (BLPOP...): leave nothing behind.
        for (ActorRef<KeyspaceShard.Command> shard : wiring.shards()) {
          shard.tell(new KeyspaceShard.ClientGone(self));
        }
        wiring.coordinator().tell(new Coordinator.ClientGone(self));
      }
    }

    private void onMessage(scala.Tuple2<org.apache.pekko.actor.ActorRef, Object> msg) {
      Object m = msg._2();
      if (m instanceof Executed ex) {
        long[] took = ex.nanos();
        for (int i = 0; i < ex.seqs().length; i++) {
          int seq = ex.seqs()[i];
          if (seq >= TX_BASE) {
            exec.replies[seq - TX_BASE] = ex.replies()[i];
            if (took != null) {
              exec.nanos[seq - TX_BASE] = took[i];
            }
          } else {
            replies[seq] = ex.replies()[i];
            if (took != null) {
              nanos[seq] = took[i];
            }
            account(seq);
          }
        }
        if (--outstanding == 0) {
          info.blocked = false;
          if (exec != null) {
            int execSeq = exec.seq;
            finishExec();
            account(execSeq);
          }
          process();
        }
      } else if (m instanceof io.troupe.command.RawOutput raw) {
        send(ByteString.fromArrayUnsafe(raw.bytes()));
      } else if (m instanceof Published p) {
        onPublished(p.message());
      } else if (m instanceof Invalidate inv) {
        onInvalidate(inv.keys(), inv.redirected());
      } else if (m instanceof RedirectBroken rb) {
        trackingBroken = true;
        if (protocol == 3) {
          onPublished(Reply.push(List.of(Reply.bulk("tracking-redir-broken"), Reply.integer(rb.redirect()))));
        }
      } else if (m == Resume.INSTANCE) {
        if (pauseWaiting) {
          pauseWaiting = false;
          if (busy && outstanding == 0) {
            process();
          }
        }
      } else if (m == Kill.INSTANCE) {
        completeStage();
      }
    }

    // ---- the request path -------------------------------------------------------------

    private void onRead(RespDecoder.Result read) {
      cmds = read.commands();
      protocolError = read.protocolError();
      mustClose = read.mustClose();
      int n = cmds.size();
      if (replies.length < n + 1) {
        replies = new Reply[n + 1];
        protos = new byte[n + 1];
        suppressed = new boolean[n + 1];
        specs = new CommandSpec[n + 1];
        outcome = new byte[n + 1];
        nanos = new long[n + 1];
        dbs = new int[n + 1];
      }
      next = 0;
      busy = true;
      info.lastInteractionMillis = System.currentTimeMillis();
      process();
    }

    /** Dispatches commands from {@code next} on until a barrier or the end of the read. */
    private void process() {
      while (next < cmds.size()) {
        int seq = next;
        byte[][] argv = cmds.get(seq);
        boolean skip = skipNext;
        suppressCurrent = replyOff || skip;
        skipNext = false;
        currentSeq = seq;
        Route route = route(argv, seq);
        if (route.paused) {
          // CLIENT PAUSE: this command (and all after it) waits for the pause to end.
          skipNext = skip;
          flushShardOps();
          if (!pauseWaiting) {
            pauseWaiting = true;
            intro.pause().await(() -> classicSelf.tell(Resume.INSTANCE, org.apache.pekko.actor.ActorRef.noSender()));
          }
          return;
        }
        if (route.barrier && (outstanding > 0 || hasShardOps())) {
          skipNext = skip; // not run yet: a CLIENT REPLY SKIP before it still applies
          flushShardOps();
          return; // resume when everything before it has answered
        }
        next++;
        protos[seq] = (byte) protocol;
        suppressed[seq] = suppressCurrent;
        specs[seq] = route.spec;
        outcome[seq] = route.outcome;
        nanos[seq] = route.nanos;
        dbs[seq] = db;
        if (route.spec != null && route.outcome == RAN && multi == null && trackingCaching != 0
            && !route.spec.fullName().startsWith("client|")) {
          trackingCaching = 0; // CLIENT CACHING applies to the next command only
        }
        if (route.reply == DEFERRED) {
          return; // EXEC: its transaction is running on the coordinator
        } else if (route.reply != null) {
          replies[seq] = route.reply;
          account(seq);
        } else if (route.coordinatorShards != null || route.allShards) {
          Op op = new Op(seq, route.def.handler(), argv, db, id, route.trackKeys);
          info.blocked = route.def.spec().hasFlag("blocking");
          wiring.coordinator().tell(new Coordinator.Run(
              route.allShards ? null : route.coordinatorShards, List.of(op), self));
          outstanding++;
          return; // the commands after it wait for its answer
        } else if (route.exclusive) {
          info.blocked = true; // until it answers: served at once, or when a key gets data
          wiring.shards().get(route.shard).tell(new KeyspaceShard.Execute(
              List.of(new Op(seq, route.def.handler(), argv, db, id, route.trackKeys)), self));
          outstanding++;
          return; // the commands after it wait for its answer
        } else {
          List<Op> ops = shardOps[route.shard];
          if (ops == null) {
            ops = shardOps[route.shard] = new ArrayList<>();
          }
          ops.add(new Op(seq, route.def.handler(), argv, db, id, route.trackKeys));
        }
      }
      flushShardOps();
      if (outstanding == 0) {
        finishRead();
      }
    }

    private boolean hasShardOps() {
      for (List<Op> ops : shardOps) {
        if (ops != null && !ops.isEmpty()) {
          return true;
        }
      }
      return false;
    }

    private void flushShardOps() {
      for (int s = 0; s < shardOps.length; s++) {
        List<Op> ops = shardOps[s];
        if (ops != null && !ops.isEmpty()) {
          wiring.shards().get(s).tell(new KeyspaceShard.Execute(ops, self));
          shardOps[s] = null;
          outstanding++;
        }
      }
    }

    private void finishRead() {
      int n = cmds.size();
      for (int i = 0; i < n; i++) {
        Reply r = replies[i];
        if (!suppressed[i]) {
          writer.write(r, protos[i]);
        }
        replies[i] = null;
        specs[i] = null;
      }
      wiring.server().stats().commandsProcessed.add(n);
      if (protocolError != null) {
        writer.write(Reply.error(protocolError), protocol);
        log.debug("Protocol error ({}) from client: id={} addr={}", protocolError, id, remote);
      }
      if (mustClose) {
        closeAfterReply = true;
      }
      busy = false;
      for (Reply push : pendingPushes) {
        writer.write(push, protocol);
      }
      pendingPushes.clear();
      int written = writer.size();
      if (written > info.replyBufferPeak) {
        info.replyBufferPeak = written;
      }
      emit();
      info.replyBufferSize = writer.capacity();
      if (pendingOut == null) {
        afterWrite();
      }
    }

    /**
     * Records what one command of the read did, as soon as its reply is known (as
     * Redis's call() and afterErrorReply): INFO commandstats/errorstats/
     * latencystats counters, total_error_replies, the slow log, the latency
     * monitor and the MONITOR feed. Run times come from where the command
     * ran (the shard or coordinator for keyspace commands, this actor for
     * session commands), so they do not include queueing or thread hops.
     */
    private void account(int seq) {
      account(cmds.get(seq), specs[seq], outcome[seq], nanos[seq], dbs[seq], replies[seq]);
    }

    private void account(byte[][] argv, CommandSpec spec, byte outcome, long nanos, int cmdDb, Reply r) {
      boolean trackLatency = latencyTracking.asBool();
      if (r instanceof Reply.Error e) {
        wiring.server().stats().totalErrorReplies.increment();
        commandStats.error(e.text());
      }
      if (spec == null || outcome == QUEUED) {
        return;
      }
      io.troupe.command.CommandStats.Entry stats = commandStats.of(spec.fullName());
      if (outcome == REJECTED) {
        stats.reject();
        return;
      }
      long micros = nanos / 1000;
      if (spec.fullName().equals("exec") && r instanceof Reply.Array) {
        // Redis counts EXEC's errors inside the array too (the queued
        // commands were accounted for when EXEC ran them).
        stats.call(micros, false, trackLatency);
      } else {
        stats.call(micros, r.isError(), trackLatency);
      }
      afterCall(argv, spec, micros, cmdDb);
    }

    /** The slow log, the latency monitor and MONITOR for a command that ran. */
    private void afterCall(byte[][] argv, CommandSpec spec, long micros, int cmdDb) {
      long slowerThan = slowlogSlowerThan.asLong();
      if (slowerThan >= 0 && micros >= slowerThan && !SKIP_SLOWLOG.contains(spec.fullName())) {
        intro.slowLog().add(Introspect.redacted(argv), micros, remote, name, slowlogMaxLen.asLong());
      }
      intro.latency().addIfNeeded(spec.hasFlag("fast") ? "fast-command" : "command", micros / 1000);
      if (intro.hasMonitors() && !spec.hasFlag("admin")) {
        intro.feedMonitors(Introspect.monitorLine(System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000,
            cmdDb, remote, Introspect.redacted(argv)));
      }
    }

    /** An invalidation for this client (as the tracking client, or as the one it redirects to). */
    private void onInvalidate(byte[][] keys, boolean redirected) {
      Reply what;
      if (keys == null) {
        what = Reply.NULL_BULK;
      } else {
        List<Reply> ks = new ArrayList<>(keys.length);
        for (byte[] k : keys) {
          ks.add(Reply.bulk(k));
        }
        what = Reply.array(ks);
      }
      if (protocol == 3) {
        onPublished(Reply.push(List.of(Reply.bulk(INVALIDATE), what)));
      } else if (redirected && subs.active()) {
        onPublished(Reply.array(Reply.bulk("message"), Reply.bulk(INVALIDATE_CHANNEL), what));
      }
      // Otherwise a RESP2 client tracking for itself: nothing can be sent.
    }

    /**
     * Sends what the writer holds: straight to the socket when it can take
     * it, else appended to what waits (the client is slow to read), within
     * the client's output buffer limits.
     */
    private void emit() {
      if (writer.size() == 0) {
        return;
      }
      send(ByteString.fromArrayUnsafe(writer.drain()));
    }

    /** Writes {@code chunk} now when the socket can take it, else queues it within the output buffer limits. */
    private void send(ByteString chunk) {
      if (pendingOut == null && isAvailable(out)) {
        push(out, chunk);
        return;
      }
      pendingOut = pendingOut == null ? chunk : pendingOut.concat(chunk);
      info.outputBufferBytes = pendingOut.size();
      if (outputLimits.exceeded(replicaOnClose != null ? "replica" : subs.active() ? "pubsub" : "normal",
          pendingOut.size(), System.currentTimeMillis())) {
        log.warn("Client id={} addr={} closed for overcoming of output buffer limits.", id, remote);
        completeStage();
      }
    }

    /** A message published to a channel this client listens on. */
    private void onPublished(Reply message) {
      if (busy) {
        pendingPushes.add(message); // after the replies of the read being served
        return;
      }
      writer.write(message, protocol);
      emit();
    }

    private void afterWrite() {
      if (closeAfterReply || upstreamDone) {
        complete(out);
        cancel(in);
      } else if (!busy && !hasBeenPulled(in) && !isClosed(in)) {
        pull(in);
      }
    }

    /** Where a command goes, or the reply it gets without going anywhere. */
    private static final class Route {
      Reply reply;
      CommandDef def;
      int shard = -1;
      BitSet coordinatorShards;
      boolean allShards;
      boolean barrier;
      boolean exclusive;
      /** For the introspection counters: the spec found, what became of the command, its run time here. */
      CommandSpec spec;
      byte outcome;
      long nanos;
      /** CLIENT PAUSE holds this command. */
      boolean paused;
      /** Key indexes to remember for client-side caching, or null. */
      int[] trackKeys;
    }

    private final Route route = new Route();

    /** A command refused by processCommand's checks; inside MULTI it dooms the transaction (EXECABORT). */
    private Route reject(Route r, String error) {
      r.reply = Reply.error(error);
      r.outcome = REJECTED;
      if (multi != null) {
        multi.abort();
      }
      return r;
    }

    @Override
    public ClientSubscriptions subscriptions() {
      return subs;
    }

    /** Keeps CLIENT LIST's sub/psub/ssub fields current. */
    @Override
    public void subscriptionsChanged() {
      info.subscriptions = subs.channelCount();
      info.patterns = subs.patternCount();
      info.shardSubscriptions = subs.shardCount();
    }

    // ---- transactions (Redis's multi.c) ---------------------------------------------

    @Override
    public boolean inMulti() {
      return multi != null;
    }

    @Override
    public void multi() {
      multi = new MultiState();
      info.multi = true;
      info.multiCount = 0;
    }

    @Override
    public void discard() {
      multi = null;
      info.multi = false;
      info.multiCount = -1;
      unwatch();
    }

    /**
     * EXEC: runs the queued commands. Connection commands run here, in order,
     * so a queued SELECT changes the database of the commands after it;
     * keyspace commands run together on the coordinator holding every shard,
     * which first checks the WATCHed keys. Returns {@link #DEFERRED} while
     * they run, or the whole reply when there is nothing to send.
     */
    @Override
    public Reply exec() {
      MultiState m = multi;
      multi = null;
      info.multi = false;
      info.multiCount = -1;
      if (m.aborted()) {
        unwatch();
        return Reply.error(RespErrors.EXECABORT);
      }
      ExecInFlight run = new ExecInFlight(currentSeq, m);
      List<Op> ops = new ArrayList<>();
      int opDb = db;
      for (int i = 0; i < m.size(); i++) {
        CommandDef def = m.def(i);
        if (def.execution() == CommandDef.Execution.SESSION) {
          // Connection commands run once the keyspace part succeeded; a
          // queued SELECT already decides the database of what follows.
          if (def.spec().fullName().equals("select")) {
            opDb = selectedDb(m.argv(i), opDb);
          }
        } else {
          ops.add(new Op(TX_BASE + i, def.handler(), m.argv(i), opDb, id, null));
        }
        run.dbs[i] = opDb;
      }
      exec = run;
      if (ops.isEmpty() && watch == null) {
        finishExec();
        Reply r = replies[run.seq];
        replies[run.seq] = null;
        return r;
      }
      wiring.coordinator().tell(new Coordinator.Run(null, ops, self, 0,
          new Coordinator.Transaction(currentSeq, watch)));
      outstanding++;
      return DEFERRED;
    }

    /** The database a queued SELECT will switch to, or {@code current} when it will fail. */
    private int selectedDb(byte[][] argv, int current) {
      try {
        int n = Integer.parseInt(new String(argv[1], StandardCharsets.US_ASCII));
        return n >= 0 && n < config.databases() ? n : current;
      } catch (NumberFormatException e) {
        return current;
      }
    }

    /**
     * The coordinator answered EXEC (or it had nothing to send): unless a
     * watched key aborted it, run its connection commands in order and
     * answer with every reply.
     */
    private void finishExec() {
      ExecInFlight run = exec;
      exec = null;
      if (replies[run.seq] == null) {
        for (int i = 0; i < run.queue.size(); i++) {
          CommandDef def = run.queue.def(i);
          if (def.execution() == CommandDef.Execution.SESSION) {
            long start = System.nanoTime();
            run.replies[i] = runSession(def, run.queue.argv(i));
            run.nanos[i] = System.nanoTime() - start;
          }
        }
        for (int i = 0; i < run.queue.size(); i++) {
          account(run.queue.argv(i), run.queue.def(i).spec(), RAN, run.nanos[i], run.dbs[i], run.replies[i]);
        }
        replies[run.seq] = Reply.array(java.util.Arrays.asList(run.replies));
      }
      unwatch();
    }

    @Override
    public void watch(byte[][] keys) {
      if (watch == null) {
        watch = new WatchState();
        watchShards = new BitSet();
      }
      List<List<byte[]>> byShard = new ArrayList<>();
      for (int i = 0; i < wiring.shards().size(); i++) {
        byShard.add(new ArrayList<>());
      }
      for (byte[] key : keys) {
        byShard.get(wiring.slots().shardOfKey(key)).add(key);
        watch.add(db, key);
      }
      for (int i = 0; i < byShard.size(); i++) {
        if (!byShard.get(i).isEmpty()) {
          wiring.shards().get(i).tell(new KeyspaceShard.Watch(db, byShard.get(i), watch));
          watchShards.set(i);
        }
      }
    }

    @Override
    public void unwatch() {
      if (watch != null) {
        for (int i = watchShards.nextSetBit(0); i >= 0; i = watchShards.nextSetBit(i + 1)) {
          wiring.shards().get(i).tell(new KeyspaceShard.Unwatch(watch));
        }
        watch = null;
        watchShards = null;
      }
    }

    /** processCommand's checks, then routing; session commands run here. */
    private Route route(byte[][] argv, int seq) {
      Route r = route;
      r.reply = null;
      r.def = null;
      r.shard = -1;
      r.coordinatorShards = null;
      r.allShards = false;
      r.barrier = false;
      r.exclusive = false;
      r.spec = null;
      r.outcome = RAN;
      r.nanos = 0;
      r.paused = false;
      r.trackKeys = null;
      CommandTable table = wiring.commands();
      CommandSpec spec = table.spec(argv[0]);
      if (spec == null) {
        return reject(r, RespErrors.unknownCommand(argv));
      }
      if (spec.isContainer() && (argv.length > 1 || table.def(spec.fullName()) == null)) {
        // A container runs its own handler only when called bare and one is
        // bound (COMMAND); otherwise argv[1] names the subcommand.
        if (argv.length == 1) {
          return reject(r, RespErrors.wrongArgs(spec.name()));
        }
        CommandSpec sub = spec.subcommands().get(
            new String(argv[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
        if (sub == null) {
          return reject(r, RespErrors.unknownSubcommand(spec.name(), argv[1]));
        }
        spec = sub;
      }
      r.spec = spec;
      if (!spec.arityOk(argv.length)) {
        return reject(r, RespErrors.wrongArgs(spec.name()));
      }
      if (!authenticated && !spec.hasFlag("no_auth")) {
        return reject(r, RespErrors.NOAUTH);
      }
      CommandDef def = table.def(spec.fullName());
      if (def == null) {
        // A spec whose handler is not bound (only possible while a group is
        // pending): answer as Redis answers a command it does not have.
        return reject(r, RespErrors.unknownCommand(argv));
      }
      r.def = def;
      info.lastCommand = spec.fullName();
      Acl.Refusal refusal = wiring.acl().check(user, def, argv);
      if (refusal != null) {
        currentArgv = argv;
        wiring.acl().logRefusal(refusal, spec, argv, "toplevel", user.name(), clientInfoLine());
        return reject(r, Acl.nopermText(refusal, spec));
      }
      if (outOfMemoryRejects(spec)) {
        return reject(r, RespErrors.OOM);
      }
      io.troupe.command.Replication replication = wiring.server().replication();
      String replRefusal = replication.refuseBeforeSubscribed(writesData(spec) && !spec.hasFlag("may_replicate")
          || spec.hasFlag("write"));
      if (replRefusal != null) {
        return reject(r, replRefusal);
      }
      if (protocol == 2 && subs.active() && !SUBSCRIBED_MODE_ALLOWED.contains(spec.fullName())) {
        return reject(r, RespErrors.subscribedMode(spec.fullName()));
      }
      if ((replRefusal = replication.refuseStale(spec.hasFlag("stale"))) != null) {
        return reject(r, replRefusal);
      }
      if (monitor && (spec.hasFlag("write") || spec.hasFlag("readonly") || spec.hasFlag("may_replicate"))) {
        return reject(r, RespErrors.REPLICA_KEYSPACE);
      }
      if (intro.pause().blocks(writesData(spec))) {
        r.paused = true;
        return r;
      }
      if (multi != null && !TX_CONTROL.contains(spec.fullName())) {
        if (spec.hasFlag("no_multi")) {
          return reject(r, RespErrors.NOT_ALLOWED_IN_MULTI);
        }
        multi.queue(argv, def);
        info.multiCount = multi.size();
        r.reply = Reply.QUEUED;
        r.outcome = QUEUED;
        return r;
      }
      if (spec.fullName().equals("watch") && (outstanding > 0 || hasShardOps())) {
        r.barrier = true; // WATCH must come after this client's earlier writes
        return r;
      }
      if (def.execution() != CommandDef.Execution.SESSION && def.sessionHandler() != null) {
        Reply refused = runSession(def, argv); // a guard (see CommandDef)
        if (refused != null) {
          r.reply = refused;
          return r;
        }
      }
      switch (def.execution()) {
        case SESSION -> {
          if (!spec.hasFlag("fast") && (outstanding > 0 || hasShardOps())) {
            // A slow session command may read or change what earlier commands
            // did (INFO, CONFIG SET, SHUTDOWN): let them answer first. Fast
            // ones (PING, SELECT, CLIENT ID) need not wait.
            r.barrier = true;
            return r;
          }
          long start = System.nanoTime();
          r.reply = runSession(def, argv);
          r.nanos = System.nanoTime() - start;
        }
        case ALL_SHARDS -> {
          r.allShards = true;
          r.barrier = true;
        }
        case KEYED -> {
          int[] keys;
          try {
            keys = def.keyIndexes(argv);
          } catch (CommandException e) {
            r.reply = e.reply();
            return r;
          }
          if (tracking != null && !tracking.bcast() && keys.length > 0 && spec.hasFlag("readonly")
              && (tracking.optin() ? trackingCaching > 0 : !tracking.optout() || trackingCaching >= 0)) {
            r.trackKeys = keys;
          }
          if (def.keys() != null && def.keys().touchesUndeclaredKeys(argv)) {
            r.allShards = true;
            r.barrier = true;
            return r;
          }
          SlotMap slots = wiring.slots();
          int first = -1;
          BitSet several = null;
          for (int k : keys) {
            int s = slots.shardOf(KeySlot.slot(argv[k]));
            if (first < 0) {
              first = s;
            } else if (s != first) {
              if (several == null) {
                several = new BitSet();
                several.set(first);
              }
              several.set(s);
            }
          }
          if (several != null) {
            r.coordinatorShards = several;
            r.barrier = true;
          } else {
            r.shard = first < 0 ? 0 : first;
            // A blocking command runs alone: a blocked client processes
            // nothing after it until it is served, as in Redis.
            r.barrier = r.exclusive = spec.hasFlag("blocking");
          }
        }
      }
      return r;
    }

    /**
     * processCommand's OOM check: over maxmemory, and the policy cannot make
     * room (noeviction, or no shard has a key it may evict; otherwise the
     * shards evict before running the command), a command that may grow
     * memory (denyoom, any command queued in MULTI, EXEC of a queue holding
     * one) is refused.
     */
    private boolean outOfMemoryRejects(CommandSpec spec) {
      long limit = maxmemory.limit();
      if (limit == 0) {
        return false;
      }
      String name = spec.fullName();
      boolean reject = spec.hasFlag("denyoom");
      if (multi != null) {
        if (name.equals("exec")) {
          for (int i = 0; i < multi.size() && !reject; i++) {
            reject = multi.def(i).spec().hasFlag("denyoom");
          }
        } else if (!name.equals("discard") && !name.equals("quit") && !name.equals("reset")) {
          reject = true;
        }
      }
      if (!reject) {
        return false;
      }
      java.util.List<Keyspace> node = wiring.server().keyspaces();
      if (Evictor.usedMemory(node) <= limit) {
        return false;
      }
      return maxmemory.policy() == EvictionPolicy.NOEVICTION || !Evictor.canFree(node, limit);
    }

    /**
     * Redis's is_may_replicate_command for CLIENT PAUSE WRITE: a write or
     * may-replicate command, or an EXEC whose queue holds one.
     */
    private boolean writesData(CommandSpec spec) {
      if (spec.hasFlag("write") || spec.hasFlag("may_replicate")) {
        return true;
      }
      if (multi != null && spec.fullName().equals("exec")) {
        for (int i = 0; i < multi.size(); i++) {
          CommandSpec q = multi.def(i).spec();
          if (q.hasFlag("write") || q.hasFlag("may_replicate")) {
            return true;
          }
        }
      }
      return false;
    }

    private Reply runSession(CommandDef def, byte[][] argv) {
      currentArgv = argv;
      try {
        return def.sessionHandler().execute(this, argv);
      } catch (CommandException e) {
        return e.reply();
      } catch (RuntimeException e) {
        log.error("command failed", e);
        return Reply.error("ERR internal error: " + e.getClass().getSimpleName());
      }
    }

    // ---- Session ----------------------------------------------------------------------

    @Override
    public long clientId() {
      return id;
    }

    @Override
    public int db() {
      return db;
    }

    @Override
    public void select(int db) {
      this.db = db;
      info.db = db;
    }

    @Override
    public int protocol() {
      return protocol;
    }

    @Override
    public void setProtocol(int resp) {
      this.protocol = resp;
      info.resp = resp;
    }

    @Override
    public String clientName() {
      return name;
    }

    @Override
    public void setClientName(String name) {
      this.name = name;
      info.name = name;
    }

    @Override
    public boolean authenticated() {
      return authenticated;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
      this.authenticated = authenticated;
      decoder.setAuthenticated(authenticated);
    }

    @Override
    public void closeAfterReply() {
      closeAfterReply = true;
      info.closeAfterReply = true;
    }

    @Override
    public void setReplyMode(String mode) {
      switch (mode) {
        case "on" -> {
          replyOff = false;
          suppressCurrent = false;
        }
        case "off" -> {
          replyOff = true;
          suppressCurrent = true;
        }
        case "skip" -> {
          skipNext = true;
          suppressCurrent = true;
        }
        default -> throw new IllegalArgumentException(mode);
      }
      info.replyMode = mode;
    }

    @Override
    public TrackingMode tracking() {
      return tracking;
    }

    @Override
    public void setTracking(TrackingMode mode) {
      io.troupe.keyspace.Tracking registry = intro.tracking();
      tracking = mode;
      trackingCaching = 0;
      trackingBroken = false;
      info.tracking = mode != null;
      info.trackingRedirect = mode == null ? -1 : mode.redirect();
      if (mode == null) {
        registry.disable(id);
        return;
      }
      long redirect = mode.redirect();
      java.util.function.Consumer<byte[][]> sink;
      if (redirect == 0) {
        sink = keys -> classicSelf.tell(new Invalidate(keys, false), org.apache.pekko.actor.ActorRef.noSender());
      } else {
        ServerContext server = wiring.server();
        sink = keys -> {
          ClientInfo target = server.client(redirect);
          if (target == null) {
            classicSelf.tell(new RedirectBroken(redirect), org.apache.pekko.actor.ActorRef.noSender());
          } else {
            target.mailbox.accept(new Invalidate(keys, true));
          }
        };
      }
      registry.enable(new io.troupe.keyspace.Tracking.Client(id, mode.bcast(), mode.noloop(),
          mode.prefixes(), sink));
    }

    @Override
    public int trackingCaching() {
      return trackingCaching;
    }

    @Override
    public void setTrackingCaching(int caching) {
      trackingCaching = caching;
    }

    @Override
    public boolean trackingRedirectBroken() {
      return trackingBroken;
    }

    @Override
    public void monitor() {
      if (monitor) {
        return;
      }
      monitor = true;
      info.monitor = true;
      org.apache.pekko.actor.ActorRef me = classicSelf;
      intro.addMonitor(id, line -> me.tell(new Published(line), org.apache.pekko.actor.ActorRef.noSender()));
    }

    @Override
    public void stopMonitor() {
      if (monitor) {
        monitor = false;
        info.monitor = false;
        intro.removeMonitor(id);
      }
    }

    @Override
    public ClientInfo info() {
      return info;
    }

    @Override
    public java.util.function.Consumer<Reply> replyLater() {
      int seq = currentSeq;
      outstanding++;
      java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
      return r -> {
        if (sent.compareAndSet(false, true)) {
          classicSelf.tell(new Executed(new int[] {seq}, new Reply[] {r}), org.apache.pekko.actor.ActorRef.noSender());
        }
      };
    }

    @Override
    public void becomeReplica(Runnable onClose) {
      setReplyMode("off");
      info.replica = true;
      replicaOnClose = onClose;
    }

    @Override
    public ServerConfig config() {
      return config;
    }

    @Override
    public CommandTable commands() {
      return wiring.commands();
    }

    @Override
    public ServerContext server() {
      return wiring.server();
    }

    // ---- AclSession -------------------------------------------------------------------

    @Override
    public Acl acl() {
      return wiring.acl();
    }

    @Override
    public AclUser user() {
      return user;
    }

    @Override
    public void setUser(AclUser user) {
      this.user = user;
      info.user = user.name();
    }

    @Override
    public String clientInfoLine() {
      byte[][] argv = currentArgv == null ? new byte[0][] : currentArgv;
      return ClientListFormat.append(new StringBuilder(), info, this, argv, System.currentTimeMillis())
          .toString();
    }
  }
}

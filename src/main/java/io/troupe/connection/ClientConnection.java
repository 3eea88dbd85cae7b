package io.troupe.connection;

import io.troupe.acl.Acl;
import io.troupe.acl.AclSession;
import io.troupe.acl.AclUser;
import io.troupe.command.ClientInfo;
import io.troupe.command.CommandDef;
import io.troupe.command.CommandSpec;
import io.troupe.command.CommandTable;
import io.troupe.command.ServerContext;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.KeySlot;
import io.troupe.keyspace.SlotMap;
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
    private final long id = wiring.ids().next();
    private final RespWriter writer = new RespWriter();
    @SuppressWarnings("unchecked")
    private final List<Op>[] shardOps = new List[wiring.shards().size()];
    private ClientInfo info;
    private ActorRef<Executed> self;

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
        pendingOut = ByteString.fromString("-" + RespErrors.DENIED_PROTECTED_MODE + "\r\n");
        closeAfterReply = true;
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
      info = new ClientInfo(id, remote, local, System.currentTimeMillis(),
          () -> classic.tell(Kill.INSTANCE, org.apache.pekko.actor.ActorRef.noSender()));
      info.fd = wiring.ids().allocateFd();
      info.replyBufferSize = writer.capacity();
      wiring.server().registerClient(info);
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
      if (info == null) {
        return; // refused by protected mode: never registered
      }
      wiring.server().unregisterClient(info);
      wiring.ids().releaseFd(info.fd);
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
        for (int i = 0; i < ex.seqs().length; i++) {
          replies[ex.seqs()[i]] = ex.replies()[i];
        }
        if (--outstanding == 0) {
          process();
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
        Route route = route(argv, seq);
        if (route.barrier && (outstanding > 0 || hasShardOps())) {
          skipNext = skip; // not run yet: a CLIENT REPLY SKIP before it still applies
          flushShardOps();
          return; // resume when everything before it has answered
        }
        next++;
        protos[seq] = (byte) protocol;
        suppressed[seq] = suppressCurrent;
        if (route.reply != null) {
          replies[seq] = route.reply;
        } else if (route.coordinatorShards != null || route.allShards) {
          Op op = new Op(seq, route.def.handler(), argv, db);
          wiring.coordinator().tell(new Coordinator.Run(
              route.allShards ? null : route.coordinatorShards, List.of(op), self));
          outstanding++;
          return; // the commands after it wait for its answer
        } else if (route.exclusive) {
          wiring.shards().get(route.shard).tell(new KeyspaceShard.Execute(
              List.of(new Op(seq, route.def.handler(), argv, db)), self));
          outstanding++;
          return; // the commands after it wait for its answer
        } else {
          List<Op> ops = shardOps[route.shard];
          if (ops == null) {
            ops = shardOps[route.shard] = new ArrayList<>();
          }
          ops.add(new Op(seq, route.def.handler(), argv, db));
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
        if (r.isError()) {
          wiring.server().stats().totalErrorReplies.increment();
        }
        if (!suppressed[i]) {
          writer.write(r, protos[i]);
        }
        replies[i] = null;
      }
      wiring.server().stats().commandsProcessed.add(n);
      if (protocolError != null) {
        writer.write(Reply.error(protocolError), protocol);
        log.info("Protocol error ({}) from client: id={} addr={}", protocolError, id, remote);
      }
      if (mustClose) {
        closeAfterReply = true;
      }
      busy = false;
      int written = writer.size();
      if (written > info.replyBufferPeak) {
        info.replyBufferPeak = written;
      }
      byte[] bytes = writer.drain();
      info.replyBufferSize = writer.capacity();
      if (bytes.length == 0) {
        afterWrite();
        return;
      }
      ByteString chunk = ByteString.fromArrayUnsafe(bytes);
      if (isAvailable(out)) {
        push(out, chunk);
        afterWrite();
      } else {
        pendingOut = chunk;
      }
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
    }

    private final Route route = new Route();

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
      CommandTable table = wiring.commands();
      CommandSpec spec = table.spec(argv[0]);
      if (spec == null) {
        r.reply = Reply.error(RespErrors.unknownCommand(argv));
        return r;
      }
      if (spec.isContainer() && (argv.length > 1 || table.def(spec.fullName()) == null)) {
        // A container runs its own handler only when called bare and one is
        // bound (COMMAND); otherwise argv[1] names the subcommand.
        if (argv.length == 1) {
          r.reply = Reply.error(RespErrors.wrongArgs(spec.name()));
          return r;
        }
        CommandSpec sub = spec.subcommands().get(
            new String(argv[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
        if (sub == null) {
          r.reply = Reply.error(RespErrors.unknownSubcommand(spec.name(), argv[1]));
          return r;
        }
        spec = sub;
      }
      if (!spec.arityOk(argv.length)) {
        r.reply = Reply.error(RespErrors.wrongArgs(spec.name()));
        return r;
      }
      if (!authenticated && !spec.hasFlag("no_auth")) {
        r.reply = Reply.error(RespErrors.NOAUTH);
        return r;
      }
      CommandDef def = table.def(spec.fullName());
      if (def == null) {
        // A spec whose handler is not bound (only possible while a group is
        // pending): answer as Redis answers a command it does not have.
        r.reply = Reply.error(RespErrors.unknownCommand(argv));
        return r;
      }
      r.def = def;
      info.lastCommand = spec.fullName();
      Acl.Refusal refusal = wiring.acl().check(user, def, argv);
      if (refusal != null) {
        currentArgv = argv;
        wiring.acl().logRefusal(refusal, spec, argv, "toplevel", user.name(), clientInfoLine());
        r.reply = Reply.error(Acl.nopermText(refusal, spec));
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
          r.reply = runSession(def, argv);
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
    public ClientInfo info() {
      return info;
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

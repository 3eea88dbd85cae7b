package io.troupe.shard;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.BlockedClients;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.WatchState;
import io.troupe.keyspace.Evictor;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeySlot;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.resp.Reply;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs commands that span shards (MSET over several shards, DEL k1 k2, RENAME,
 * DBSIZE, FLUSHALL, ...) atomically: it holds every shard the command needs,
 * runs it against their keyspaces, then releases them. Being the only
 * coordinator, it runs one such command at a time, so holds never deadlock;
 * a held shard stashes its other work, which keeps Redis's atomicity.
 *
 * <p>It also owns blocking commands whose keys span shards (BLPOP k1 k2 with
 * k1 and k2 on different shards, standalone only): it leaves a marker on
 * each key in its shard; when a shard sees one of those keys get a value it
 * sends {@link KeyReady}, and the coordinator runs the command again.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  public sealed interface Command permits Run, Held, KeyReady, ClientGone, WaiterTimeout {}

  /**
   * Hold the shards in {@code shards} (all when null), run {@code ops} in
   * order, reply once. {@code waiterId} is set when this re-runs a blocked
   * command.
   */
  public record Run(BitSet shards, List<Op> ops, ActorRef<Executed> replyTo, long waiterId,
      Transaction transaction) implements Command {
    public Run(BitSet shards, List<Op> ops, ActorRef<Executed> replyTo) {
      this(shards, ops, replyTo, 0, null);
    }
  }

  /**
   * Makes a Run an EXEC: blocking commands act as their non-blocking forms,
   * and when a WATCHed key changed (or expired) since WATCH, nothing runs and
   * {@code execSeq} is answered with a null array.
   */
  public record Transaction(int execSeq, WatchState watch) {}

  /** A shard's answer to {@link KeyspaceShard.Hold}. */
  public record Held(Keyspace keyspace) implements Command {}

  /** A key a multi-shard blocked command waits on got a value. */
  public record KeyReady(long waiterId) implements Command {}

  /** A connection closed: drop its blocked commands. */
  public record ClientGone(ActorRef<Executed> client) implements Command {}

  private record WaiterTimeout(long waiterId) implements Command {}

  /**
   * A blocked multi-shard command: {@code shards} hold its markers (the shards
   * of the keys it waits on); {@code runOn} are the shards it is re-run with
   * (all its keys, e.g. BLMOVE's destination too; null = every shard).
   */
  private record RemoteWaiter(long id, Op op, BitSet shards, BitSet runOn, ActorRef<Executed> replyTo,
      Reply onTimeout) {}

  private final List<ActorRef<KeyspaceShard.Command>> shards;
  private final SlotMap slots;
  private final ServerConfig config;
  private final TimerScheduler<Command> timers;
  private final ArrayDeque<Run> queue = new ArrayDeque<>();
  private final Map<Long, RemoteWaiter> waiters = new HashMap<>();
  private Run current;
  private Keyspace[] held;
  private int waitingFor;
  /** The writes of the running command, published before its shards are released. */
  private final EffectLog effects;

  /** A coordinator whose writes are not propagated (tests). */
  public static Behavior<Command> create(List<ActorRef<KeyspaceShard.Command>> shards,
      SlotMap slots, ServerConfig config) {
    return create(shards, slots, config, null, () -> false);
  }

  /** As the shards' create: writes go to {@code propagator}, replies wait for the fsync when asked. */
  public static Behavior<Command> create(List<ActorRef<KeyspaceShard.Command>> shards,
      SlotMap slots, ServerConfig config, ActorRef<Effects> propagator,
      java.util.function.BooleanSupplier ackAfterFsync) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new Coordinator(ctx, timers, shards, slots, config, new EffectLog(propagator, ackAfterFsync))));
  }

  private Coordinator(ActorContext<Command> context, TimerScheduler<Command> timers,
      List<ActorRef<KeyspaceShard.Command>> shards, SlotMap slots, ServerConfig config, EffectLog effects) {
    super(context);
    this.effects = effects;
    this.timers = timers;
    this.shards = shards;
    this.slots = slots;
    this.config = config;
    for (ActorRef<KeyspaceShard.Command> shard : shards) {
      shard.tell(new KeyspaceShard.SetCoordinator(context.getSelf()));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Run.class, this::onRun)
        .onMessage(Held.class, this::onHeld)
        .onMessage(KeyReady.class, this::onKeyReady)
        .onMessage(WaiterTimeout.class, this::onWaiterTimeout)
        .onMessage(ClientGone.class, this::onClientGone)
        .build();
  }

  private Behavior<Command> onRun(Run run) {
    queue.add(run);
    if (current == null) {
      startNext();
    }
    return this;
  }

  private void startNext() {
    while ((current = queue.poll()) != null) {
      if (current.waiterId() != 0 && !waiters.containsKey(current.waiterId())) {
        continue; // served or timed out meanwhile
      }
      held = new Keyspace[shards.size()];
      waitingFor = 0;
      for (int i = 0; i < shards.size(); i++) {
        if (current.shards() == null || current.shards().get(i)) {
          shards.get(i).tell(new KeyspaceShard.Hold(getContext().getSelf()));
          waitingFor++;
        }
      }
      return;
    }
  }

  private Behavior<Command> onHeld(Held msg) {
    held[msg.keyspace().shardIndex()] = msg.keyspace();
    if (--waitingFor == 0) {
      runHeld();
      effects.publish(); // before the shards go on, so their later writes follow these
      for (int i = 0; i < held.length; i++) {
        if (held[i] != null) {
          shards.get(i).tell(KeyspaceShard.Release.INSTANCE);
        }
      }
      current = null;
      held = null;
      startNext();
    }
    return this;
  }

  private void runHeld() {
    ExecContext ctx = new ExecContext(held, slots, config);
    ctx.setPropagation(effects);
    Transaction tx = current.transaction();
    if (tx != null) {
      if (watchedKeyChanged(tx.watch())) {
        current.replyTo().tell(new Executed(new int[] {tx.execSeq()}, new Reply[] {Reply.NULL_ARRAY}));
        return;
      }
      ctx.setBlockingAllowed(false);
      ctx.setInTransaction(true);
    }
    int mark = effects.size();
    try {
      runOps(ctx, tx);
    } finally {
      ctx.setBlockingAllowed(true);
    }
    if (tx != null) {
      effects.wrapTransaction(mark);
    }
  }

  private void runOps(ExecContext ctx, Transaction tx) {
    List<Op> ops = current.ops();
    int[] seqs = new int[ops.size()];
    Reply[] replies = new Reply[ops.size()];
    long[] nanos = new long[ops.size()];
    int answered = 0;
    long now = System.currentTimeMillis();
    if (ctx.maxmemory().limit() != 0) {
      // performEvictions: each held shard gives up its share of any excess first.
      ctx.forEachKeyspace(ks -> new Evictor(ks, ctx.maxmemory(), effects).evict(now));
    }
    for (Op op : ops) {
      long start = System.nanoTime();
      Reply r = OpRunner.runOne(ctx.reset(op.db(), now), op);
      nanos[answered] = System.nanoTime() - start;
      if (r instanceof Reply.Blocked b) {
        park(op, b);
        continue;
      }
      if (current.waiterId() != 0) {
        served(current.waiterId());
      }
      seqs[answered] = op.seq();
      replies[answered++] = r;
    }
    if (answered > 0 || tx != null) {
      effects.reply(current.replyTo(), new Executed(java.util.Arrays.copyOf(seqs, answered),
          java.util.Arrays.copyOf(replies, answered), java.util.Arrays.copyOf(nanos, answered)));
    }
  }

  /** EXEC's check: a watched key was touched, or has expired since WATCH (Redis's isWatchedKeyExpired). */
  private boolean watchedKeyChanged(WatchState watch) {
    if (watch == null) {
      return false;
    }
    if (watch.dirty()) {
      return true;
    }
    long now = System.currentTimeMillis();
    for (BlockedClients.DbKey k : watch.keys()) {
      int slot = KeySlot.slot(k.key());
      Entry e = held[slots.shardOf(slot)].db(k.db()).get(k.key(), slot);
      if (e != null && e.hasExpiry() && e.expireAt() <= now) {
        return true;
      }
    }
    return false;
  }

  /** Registers (or re-registers) a blocked multi-shard command and marks its keys in the held shards. */
  private void park(Op op, Reply.Blocked b) {
    boolean fresh = current.waiterId() == 0;
    long id = fresh ? BlockedClients.nextId() : current.waiterId();
    BitSet involved = new BitSet();
    Map<Integer, List<byte[]>> keysByShard = new HashMap<>();
    for (byte[] key : b.keys()) {
      int shard = slots.shardOf(KeySlot.slot(key));
      involved.set(shard);
      keysByShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(key);
    }
    for (Map.Entry<Integer, List<byte[]>> e : keysByShard.entrySet()) {
      Keyspace ks = held[e.getKey()];
      ks.blocked().remove(id);
      ks.blocked().add(new BlockedClients.Waiter(id, current.replyTo(), op.seq(), op.handler(),
          op.argv(), op.db(), BlockedClients.dbKeys(op.db(), e.getValue().toArray(new byte[0][])),
          true, b.onTimeout()));
    }
    BitSet runOn = null;
    if (current.shards() != null) {
      runOn = (BitSet) current.shards().clone();
      runOn.or(involved);
    }
    waiters.put(id, new RemoteWaiter(id, op, involved, runOn, current.replyTo(), b.onTimeout()));
    if (fresh && b.timeoutMillis() > 0) {
      timers.startSingleTimer(id, new WaiterTimeout(id), Duration.ofMillis(b.timeoutMillis()));
    }
  }

  /** A re-run blocked command got its answer: forget it everywhere. */
  private void served(long id) {
    RemoteWaiter w = waiters.remove(id);
    timers.cancel(id);
    if (w != null) {
      forgetMarkers(w);
    }
  }

  private void forgetMarkers(RemoteWaiter w) {
    for (int i = w.shards().nextSetBit(0); i >= 0; i = w.shards().nextSetBit(i + 1)) {
      if (held != null && held[i] != null) {
        held[i].blocked().remove(w.id());
      } else {
        shards.get(i).tell(new KeyspaceShard.Unblock(w.id()));
      }
    }
  }

  private Behavior<Command> onKeyReady(KeyReady msg) {
    RemoteWaiter w = waiters.get(msg.waiterId());
    if (w != null) {
      onRun(new Run(w.runOn(), List.of(w.op()), w.replyTo(), w.id(), null));
    }
    return this;
  }

  private Behavior<Command> onWaiterTimeout(WaiterTimeout msg) {
    RemoteWaiter w = waiters.remove(msg.waiterId());
    if (w != null) {
      forgetMarkers(w);
      w.replyTo().tell(new Executed(new int[] {w.op().seq()}, new Reply[] {w.onTimeout()}));
    }
    return this;
  }

  private Behavior<Command> onClientGone(ClientGone msg) {
    for (Iterator<RemoteWaiter> it = waiters.values().iterator(); it.hasNext(); ) {
      RemoteWaiter w = it.next();
      if (w.replyTo().equals(msg.client())) {
        it.remove();
        timers.cancel(w.id());
        forgetMarkers(w);
      }
    }
    return this;
  }
}

package io.troupe.shard;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.ActiveExpire;
import io.troupe.keyspace.BlockedClients;
import io.troupe.keyspace.WatchState;
import io.troupe.resp.Reply;
import java.util.Arrays;
import io.troupe.keyspace.Evictor;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Owns the keys of a set of hash slots, in every database, single-threaded.
 * Executes a client's batch of single-shard commands as one message and
 * answers with one {@link Executed}; runs the active expire cycle on a timer;
 * and can be held by the {@link Coordinator} for a multi-shard command, during
 * which it stashes everything else.
 */
public final class KeyspaceShard extends AbstractBehavior<KeyspaceShard.Command> {

  public sealed interface Command
      permits Execute, Hold, Release, Tick, EvictMore, SetCoordinator, Unblock, ClientGone, WaiterTimeout,
          Watch, Unwatch {}

  /** Run these ops in order and reply once. */
  public record Execute(List<Op> ops, ActorRef<Executed> replyTo) implements Command {}

  /** Stop serving others until {@link Release}; answer with this shard's keyspace. */
  public record Hold(ActorRef<Coordinator.Command> replyTo) implements Command {}

  public enum Release implements Command { INSTANCE }

  enum Tick implements Command { INSTANCE }

  /** Eviction stopped on its time limit: carry on after the messages already queued. */
  enum EvictMore implements Command { INSTANCE }

  /** Sent once after start: where commands blocked on several shards live. */
  public record SetCoordinator(ActorRef<Coordinator.Command> coordinator) implements Command {}

  /** Forget a waiter (its coordinator-owned command was served or timed out). */
  public record Unblock(long waiterId) implements Command {}

  /** A connection closed: drop the commands it had blocked here. */
  public record ClientGone(ActorRef<Executed> client) implements Command {}

  private record WaiterTimeout(long waiterId) implements Command {}

  /** WATCH: register {@code state} on these keys of database {@code db}. */
  public record Watch(int db, List<byte[]> keys, WatchState state) implements Command {}

  /** UNWATCH, EXEC, DISCARD, disconnect: forget {@code state}. */
  public record Unwatch(WatchState state) implements Command {}

  private final Keyspace keyspace;
  private final ExecContext ctx;
  private final ActiveExpire activeExpire;
  private final Evictor evictor;
  private boolean evictMoreSent;
  private final StashBuffer<Command> stash;
  private final TimerScheduler<Command> timers;
  private final BlockedClients blocked;
  private ActorRef<Coordinator.Command> coordinator;
  /** This shard's writes since its last message, published to the Propagator after each. */
  private final EffectLog effects;

  /** A shard whose writes are not propagated (tests). */
  public static Behavior<Command> create(Keyspace keyspace, SlotMap slots, ServerConfig config) {
    return create(keyspace, slots, config, null, () -> false);
  }

  /**
   * A shard publishing its writes to {@code propagator}; while
   * {@code ackAfterFsync} holds (appendonly with appendfsync always), replies
   * to writes go out only once the AOF writer has them on disk.
   */
  public static Behavior<Command> create(Keyspace keyspace, SlotMap slots, ServerConfig config,
      ActorRef<Effects> propagator, java.util.function.BooleanSupplier ackAfterFsync) {
    return Behaviors.withStash(1_000_000, stash -> Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new KeyspaceShard(ctx, timers, stash, keyspace, slots, config,
            new EffectLog(propagator, ackAfterFsync)))));
  }

  private KeyspaceShard(ActorContext<Command> context, TimerScheduler<Command> timers,
      StashBuffer<Command> stash, Keyspace keyspace, SlotMap slots, ServerConfig config, EffectLog effects) {
    super(context);
    this.effects = effects;
    this.keyspace = keyspace;
    this.stash = stash;
    this.timers = timers;
    this.blocked = keyspace.blocked();
    Keyspace[] byShard = new Keyspace[slots.shardCount()];
    byShard[keyspace.shardIndex()] = keyspace;
    this.ctx = new ExecContext(byShard, slots, config);
    ctx.setPropagation(effects);
    this.activeExpire = new ActiveExpire(keyspace, config);
    activeExpire.setPropagation(effects);
    this.evictor = new Evictor(keyspace, ctx.maxmemory(), effects);
    long periodMs = Math.max(2, 1000 / config.getLong("hz"));
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(periodMs));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Execute.class, this::onExecute)
        .onMessage(Hold.class, this::onHold)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(EvictMore.INSTANCE, () -> {
          evictMoreSent = false;
          evict(System.currentTimeMillis());
          effects.publish();
          return this;
        })
        .onMessageEquals(Release.INSTANCE, () -> this)
        .onMessage(SetCoordinator.class, m -> {
          coordinator = m.coordinator();
          return this;
        })
        .onMessage(Unblock.class, m -> {
          blocked.remove(m.waiterId());
          return this;
        })
        .onMessage(ClientGone.class, this::onClientGone)
        .onMessage(Watch.class, this::onWatch)
        .onMessage(Unwatch.class, m -> {
          keyspace.watched().unwatch(m.state());
          return this;
        })
        .onMessage(WaiterTimeout.class, this::onWaiterTimeout)
        .build();
  }

  private Behavior<Command> onExecute(Execute msg) {
    List<Op> ops = msg.ops();
    int n = ops.size();
    int[] seqs = new int[n];
    Reply[] replies = new Reply[n];
    long[] nanos = new long[n];
    int answered = 0;
    long now = System.currentTimeMillis();
    // performEvictions, once per batch: this shard's share of any excess over maxmemory.
    evict(now);
    for (int i = 0; i < n; i++) {
      Op op = ops.get(i);
      long start = System.nanoTime();
      Reply r = OpRunner.runOne(ctx.reset(op.db(), now), op);
      if (r instanceof Reply.Blocked b) {
        block(op, msg.replyTo(), b);
      } else {
        nanos[answered] = System.nanoTime() - start;
        seqs[answered] = op.seq();
        replies[answered++] = r;
      }
      if (blocked.hasReady()) {
        serveReady(now);
      }
    }
    if (answered > 0) {
      effects.reply(msg.replyTo(), answered == n ? new Executed(seqs, replies, nanos)
          : new Executed(Arrays.copyOf(seqs, answered), Arrays.copyOf(replies, answered),
              Arrays.copyOf(nanos, answered)));
    }
    effects.publish();
    return this;
  }

  /** Parks a blocking command on its keys (the connection sends it alone, so nothing follows it). */
  private void block(Op op, ActorRef<Executed> client, Reply.Blocked b) {
    long id = BlockedClients.nextId();
    blocked.add(new BlockedClients.Waiter(id, client, op.seq(), op.handler(), op.argv(), op.db(),
        BlockedClients.dbKeys(op.db(), b.keys()), false, b.onTimeout()));
    if (b.timeoutMillis() > 0) {
      timers.startSingleTimer(id, new WaiterTimeout(id), Duration.ofMillis(b.timeoutMillis()));
    }
  }

  /**
   * handleClientsBlockedOnKeys: for each key that got a value, re-runs its
   * waiters' commands in arrival order until one finds nothing (the key is
   * drained); waiters of commands spanning shards are handed to the
   * coordinator.
   */
  @SuppressWarnings("unchecked")
  private void serveReady(long now) {
    BlockedClients.DbKey key;
    while ((key = blocked.pollReady()) != null) {
      for (BlockedClients.Waiter w : blocked.waiters(key)) {
        if (w.remote) {
          blocked.remove(w.id);
          if (coordinator != null) {
            coordinator.tell(new Coordinator.KeyReady(w.id));
          }
          continue;
        }
        Op op = new Op(w.seq, w.handler, w.argv, w.db);
        Reply r = OpRunner.runOne(ctx.reset(w.db, now), op);
        if (r instanceof Reply.Blocked) {
          break;
        }
        blocked.remove(w.id);
        timers.cancel(w.id);
        effects.reply((ActorRef<Executed>) w.client, new Executed(new int[] {w.seq}, new Reply[] {r}));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onWaiterTimeout(WaiterTimeout msg) {
    BlockedClients.Waiter w = blocked.remove(msg.waiterId());
    if (w != null) {
      ((ActorRef<Executed>) w.client).tell(new Executed(new int[] {w.seq}, new Reply[] {w.onTimeout}));
    }
    return this;
  }

  private Behavior<Command> onWatch(Watch msg) {
    long now = System.currentTimeMillis();
    for (byte[] key : msg.keys()) {
      // A key already expired is deleted now, so only a later change counts.
      ctx.reset(msg.db(), now).lookup(msg.db(), key, false);
      ctx.endCommand();
      keyspace.watched().watch(msg.db(), key, msg.state());
    }
    effects.publish(); // the DELs of keys found expired
    return this;
  }

  private Behavior<Command> onClientGone(ClientGone msg) {
    blocked.removeIf(w -> {
      if (w.client.equals(msg.client())) {
        timers.cancel(w.id);
        return true;
      }
      return false;
    });
    return this;
  }

  private Behavior<Command> onTick() {
    long now = System.currentTimeMillis();
    activeExpire.cycle(now);
    evict(now);
    effects.publish();
    return this;
  }

  /** Runs eviction; when it ran out of time with more to free, goes on after the queued messages. */
  private void evict(long now) {
    evictor.evict(now);
    if (evictor.unfinished() && !evictMoreSent) {
      evictMoreSent = true;
      getContext().getSelf().tell(EvictMore.INSTANCE);
    }
  }

  private Behavior<Command> onHold(Hold msg) {
    msg.replyTo().tell(new Coordinator.Held(keyspace));
    return held();
  }

  /** While held by the coordinator: its Release resumes us, everything else waits. */
  private Behavior<Command> held() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Release.INSTANCE, () -> {
          // Commands run by the coordinator may have given watched keys values.
          if (blocked.hasReady()) {
            serveReady(System.currentTimeMillis());
            effects.publish();
          }
          return stash.unstashAll(this);
        })
        .onMessage(Command.class, msg -> {
          if (msg != Tick.INSTANCE) {
            stash.stash(msg);
          }
          return Behaviors.same();
        })
        .build();
  }
}

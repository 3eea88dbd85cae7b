package io.troupe.shard;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.ActiveExpire;
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

  public sealed interface Command permits Execute, Hold, Release, Tick {}

  /** Run these ops in order and reply once. */
  public record Execute(List<Op> ops, ActorRef<Executed> replyTo) implements Command {}

  /** Stop serving others until {@link Release}; answer with this shard's keyspace. */
  public record Hold(ActorRef<Coordinator.Command> replyTo) implements Command {}

  public enum Release implements Command { INSTANCE }

  enum Tick implements Command { INSTANCE }

  private final Keyspace keyspace;
  private final ExecContext ctx;
  private final ActiveExpire activeExpire;
  private final StashBuffer<Command> stash;

  public static Behavior<Command> create(Keyspace keyspace, SlotMap slots, ServerConfig config) {
    return Behaviors.withStash(1_000_000, stash -> Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new KeyspaceShard(ctx, timers, stash, keyspace, slots, config))));
  }

  private KeyspaceShard(ActorContext<Command> context, TimerScheduler<Command> timers,
      StashBuffer<Command> stash, Keyspace keyspace, SlotMap slots, ServerConfig config) {
    super(context);
    this.keyspace = keyspace;
    this.stash = stash;
    Keyspace[] byShard = new Keyspace[slots.shardCount()];
    byShard[keyspace.shardIndex()] = keyspace;
    this.ctx = new ExecContext(byShard, slots, config);
    this.activeExpire = new ActiveExpire(keyspace, config);
    long periodMs = Math.max(2, 1000 / config.getLong("hz"));
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(periodMs));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Execute.class, this::onExecute)
        .onMessage(Hold.class, this::onHold)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(Release.INSTANCE, () -> this)
        .build();
  }

  private Behavior<Command> onExecute(Execute msg) {
    msg.replyTo().tell(OpRunner.run(ctx, msg.ops()));
    return this;
  }

  private Behavior<Command> onTick() {
    activeExpire.cycle(System.currentTimeMillis());
    return this;
  }

  private Behavior<Command> onHold(Hold msg) {
    msg.replyTo().tell(new Coordinator.Held(keyspace));
    return held();
  }

  /** While held by the coordinator: its Release resumes us, everything else waits. */
  private Behavior<Command> held() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Release.INSTANCE, () -> stash.unstashAll(this))
        .onMessage(Command.class, msg -> {
          if (msg != Tick.INSTANCE) {
            stash.stash(msg);
          }
          return Behaviors.same();
        })
        .build();
  }
}

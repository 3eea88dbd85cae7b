package io.troupe.shard;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs commands that span shards (MSET over several shards, DEL k1 k2, RENAME,
 * DBSIZE, FLUSHALL, ...) atomically: it holds every shard the command needs,
 * runs it against their keyspaces, then releases them. Being the only
 * coordinator, it runs one such command at a time, so holds never deadlock;
 * a held shard stashes its other work, which keeps Redis's atomicity.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  public sealed interface Command permits Run, Held {}

  /**
   * Hold the shards in {@code shards} (all when null), run {@code ops} in
   * order, reply once.
   */
  public record Run(BitSet shards, List<Op> ops, ActorRef<Executed> replyTo) implements Command {}

  /** A shard's answer to {@link KeyspaceShard.Hold}. */
  public record Held(Keyspace keyspace) implements Command {}

  private final List<ActorRef<KeyspaceShard.Command>> shards;
  private final SlotMap slots;
  private final ServerConfig config;
  private final ArrayDeque<Run> queue = new ArrayDeque<>();
  private Run current;
  private Keyspace[] held;
  private int waitingFor;

  public static Behavior<Command> create(List<ActorRef<KeyspaceShard.Command>> shards,
      SlotMap slots, ServerConfig config) {
    return Behaviors.setup(ctx -> new Coordinator(ctx, shards, slots, config));
  }

  private Coordinator(ActorContext<Command> context, List<ActorRef<KeyspaceShard.Command>> shards,
      SlotMap slots, ServerConfig config) {
    super(context);
    this.shards = shards;
    this.slots = slots;
    this.config = config;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Run.class, this::onRun)
        .onMessage(Held.class, this::onHeld)
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
    current = queue.poll();
    if (current == null) {
      return;
    }
    held = new Keyspace[shards.size()];
    waitingFor = 0;
    for (int i = 0; i < shards.size(); i++) {
      if (current.shards() == null || current.shards().get(i)) {
        shards.get(i).tell(new KeyspaceShard.Hold(getContext().getSelf()));
        waitingFor++;
      }
    }
  }

  private Behavior<Command> onHeld(Held msg) {
    held[msg.keyspace().shardIndex()] = msg.keyspace();
    if (--waitingFor == 0) {
      ExecContext ctx = new ExecContext(held, slots, config);
      Executed result = OpRunner.run(ctx, current.ops());
      for (int i = 0; i < held.length; i++) {
        if (held[i] != null) {
          shards.get(i).tell(KeyspaceShard.Release.INSTANCE);
        }
      }
      current.replyTo().tell(result);
      current = null;
      held = null;
      startNext();
    }
    return this;
  }
}

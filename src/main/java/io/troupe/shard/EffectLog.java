package io.troupe.shard;

import io.troupe.keyspace.Propagation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The writes a shard (or the coordinator) made since it last published, and
 * the replies that must wait for them to be durable. Nothing is allocated
 * while nothing is written, so the read path pays nothing. {@link #publish}
 * sends one {@link Effects} to the Propagator after each message.
 */
final class EffectLog implements Propagation {
  private final ActorRef<Effects> propagator;
  /** appendfsync always with the AOF on: replies to writes wait for the fsync. */
  private final BooleanSupplier ackAfterFsync;
  private ArrayList<Effect> effects;
  private ArrayList<Effects.Ack> acks;
  /** Replies to writes, sent right after the writes are published (so WAIT, run next, sees them). */
  private ArrayList<Effects.Ack> afterPublish;

  /** A log publishing to {@code propagator} (null: writes are dropped, as without AOF and replicas). */
  EffectLog(ActorRef<Effects> propagator, BooleanSupplier ackAfterFsync) {
    this.propagator = propagator;
    this.ackAfterFsync = ackAfterFsync;
  }

  @Override
  public void propagate(int db, byte[][] argv) {
    if (propagator == null) {
      return;
    }
    if (effects == null) {
      effects = new ArrayList<>();
    }
    effects.add(new Effect(db, argv));
  }

  /** How many effects are pending (a mark for wrapping a transaction). */
  int size() {
    return effects == null ? 0 : effects.size();
  }

  /** Wraps the effects from {@code from} on in MULTI ... EXEC when there is more than one (EXEC). */
  void wrapTransaction(int from) {
    if (size() - from > 1) {
      effects.add(from, new Effect(effects.get(from).db(), Propagation.multi()));
      effects.add(new Effect(effects.get(effects.size() - 1).db(), Propagation.exec()));
    }
  }

  /**
   * Sends {@code executed} to {@code replyTo}: at once, or after the pending
   * writes are durable when they exist and appendfsync is always.
   */
  void reply(ActorRef<Executed> replyTo, Executed executed) {
    if (effects == null) {
      replyTo.tell(executed);
      return;
    }
    if (!ackAfterFsync.getAsBoolean()) {
      if (afterPublish == null) {
        afterPublish = new ArrayList<>(2);
      }
      afterPublish.add(new Effects.Ack(replyTo, executed));
      return;
    }
    if (acks == null) {
      acks = new ArrayList<>(2);
    }
    acks.add(new Effects.Ack(replyTo, executed));
  }

  /** Publishes what was written (and the replies waiting for it), if anything. */
  void publish() {
    if (effects == null) {
      return;
    }
    propagator.tell(new Effects(effects, acks == null ? List.of() : acks));
    effects = null;
    acks = null;
    if (afterPublish != null) {
      for (Effects.Ack a : afterPublish) {
        a.send();
      }
      afterPublish = null;
    }
  }
}

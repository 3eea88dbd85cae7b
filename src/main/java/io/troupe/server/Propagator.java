package io.troupe.server;

import io.troupe.shard.Effects;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The node's one ordered stream of writes (Redis's propagate(), which feeds
 * the AOF and the replicas): the shards and the coordinator send it
 * {@link Effects}, and it hands each, in arrival order, to every subscriber
 * (the AOF writer, the replication backlog).
 *
 * <p>Its protocol is {@link Effects} (from the shards, which only know the
 * {@code shard} package) plus {@link Subscribe} and {@link Unsubscribe}; it is
 * spawned as a {@code Behavior<Object>} and handed out narrowed:
 * {@link #effects(ActorRef)} for publishers, the same ref for subscribers.
 *
 * <p>Replies waiting for durability ({@link Effects#acks()}) go to the one
 * subscriber that acknowledges (the AOF writer); the others get the writes
 * without them. With no acknowledging subscriber they are sent at once.
 */
public final class Propagator extends AbstractBehavior<Object> {

  /**
   * Adds {@code consumer}; from now on it gets every Effects published after
   * this message. {@code acknowledges}: it sends the acks once durable (at most one such).
   */
  public record Subscribe(ActorRef<Effects> consumer, boolean acknowledges) {}

  public record Unsubscribe(ActorRef<Effects> consumer) {}

  private final List<ActorRef<Effects>> consumers = new ArrayList<>();
  private ActorRef<Effects> acknowledger;

  public static Behavior<Object> create() {
    return Behaviors.setup(Propagator::new);
  }

  /** The publishers' view of a propagator. */
  public static ActorRef<Effects> effects(ActorRef<Object> propagator) {
    return propagator.narrow();
  }

  private Propagator(ActorContext<Object> context) {
    super(context);
  }

  @Override
  public Receive<Object> createReceive() {
    return newReceiveBuilder()
        .onMessage(Effects.class, this::onEffects)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, this::onUnsubscribe)
        .build();
  }

  private Behavior<Object> onEffects(Effects e) {
    Effects withoutAcks = e.acks().isEmpty() ? e : null;
    for (int i = 0, n = consumers.size(); i < n; i++) {
      ActorRef<Effects> c = consumers.get(i);
      if (c.equals(acknowledger)) {
        c.tell(e);
      } else {
        if (withoutAcks == null) {
          withoutAcks = new Effects(e.effects());
        }
        c.tell(withoutAcks);
      }
    }
    if (acknowledger == null) {
      for (Effects.Ack ack : e.acks()) {
        ack.send();
      }
    }
    return this;
  }

  private Behavior<Object> onSubscribe(Subscribe s) {
    if (!consumers.contains(s.consumer())) {
      consumers.add(s.consumer());
    }
    if (s.acknowledges()) {
      acknowledger = s.consumer();
    }
    return this;
  }

  private Behavior<Object> onUnsubscribe(Unsubscribe u) {
    consumers.remove(u.consumer());
    if (u.consumer().equals(acknowledger)) {
      acknowledger = null;
    }
    return this;
  }
}

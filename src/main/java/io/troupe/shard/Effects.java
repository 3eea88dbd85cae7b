package io.troupe.shard;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The writes of one shard message (or one coordinator command), in the order
 * they ran. Shards and the coordinator send these to the Propagator they were
 * given; the Propagator hands them, in arrival order, to the AOF writer and
 * the replication backlog, each of which inserts SELECT where the database
 * changes (as Redis keeps one selected db per AOF and per replication stream).
 *
 * <p>{@code acks} are replies held back until these writes are durable
 * ({@code appendfsync always}: the client is answered only after the fsync
 * covering its write). The consumer that makes writes durable (the AOF
 * writer) sends them, in order, once everything up to and including this
 * message is on disk; every other consumer ignores them.
 */
public record Effects(List<Effect> effects, List<Ack> acks) {

  public Effects(List<Effect> effects) {
    this(effects, List.of());
  }

  /** A reply to send once the writes before it are durable. */
  public record Ack(ActorRef<Executed> replyTo, Executed executed) {
    public void send() {
      replyTo.tell(executed);
    }
  }
}

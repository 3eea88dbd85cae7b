package io.troupe.server;

import io.troupe.persistence.CborSerializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own identity: a 40-hex node id (Redis Cluster's node ID, which
 * Redis keeps in nodes.conf), created the first time the node starts on a
 * journal and recovered on every later start. Event-sourced with Pekko
 * Persistence: the only event is {@link IdentityAssigned}. Redis's
 * {@code run_id} is not this: it changes on every start (Sentinel relies on
 * that) and stays in ServerState.
 *
 * <p>{@code known} completes with the id once it is recovered or persisted;
 * {@link Get} answers once it is known (stashed until then).
 */
public final class NodeIdentity
    extends EventSourcedBehavior<NodeIdentity.Command, NodeIdentity.Event, NodeIdentity.State> {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  public sealed interface Command permits Get, AssignIfAbsent {}

  /** Replies with the node id (once known). */
  public record Get(ActorRef<String> replyTo) implements Command {}

  /** Sent to itself after recovery: a node without an id gets one. */
  private enum AssignIfAbsent implements Command { INSTANCE }

  public sealed interface Event extends CborSerializable permits IdentityAssigned {}

  /** The node was given its id (once per journal; never renamed: the class name is the manifest). */
  public record IdentityAssigned(String nodeId) implements Event {}

  /** The id, or null before one is assigned. */
  public record State(String nodeId) implements CborSerializable {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ActorContext<Command> ctx;
  private final CompletableFuture<String> known;

  /**
   * {@code key} tells nodes apart in a shared journal (persistence id
   * {@code troupe-node|key}); with the default H2 file per node, one key fits all.
   */
  public static Behavior<Command> create(String key, CompletableFuture<String> known) {
    return Behaviors.setup(ctx -> new NodeIdentity(ctx, PersistenceId.of("troupe-node", key), known));
  }

  /**
   * A parent that starts the NodeIdentity {@code delay} after {@code listening}
   * completes (the RESP port is bound), on the blocking-I/O dispatcher: opening
   * the journal (Slick, H2, Jackson: ~0.6 s of CPU) must not compete with the
   * node's first clients for the cores.
   */
  public static Behavior<Boolean> afterListening(CompletionStage<?> listening, Duration delay, String key,
      CompletableFuture<String> known) {
    return Behaviors.setup(ctx -> {
      ctx.pipeToSelf(listening.thenApplyAsync(bound -> true,
              CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)),
          (ok, failure) -> failure == null);
      return Behaviors.receiveMessage(ok -> {
        if (ok) {
          ctx.spawn(create(key, known), "node-identity", DispatcherSelector.blocking());
        }
        return Behaviors.same();
      });
    });
  }

  private NodeIdentity(ActorContext<Command> ctx, PersistenceId id, CompletableFuture<String> known) {
    // A journal that cannot be read or written (a dir another node holds, a
    // shared database that is down) is retried with backoff; RecoveryFailed
    // logs the reason each time, without a stack trace.
    super(id, SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)
        .withLoggingEnabled(false));
    this.ctx = ctx;
    this.known = known;
  }

  /** A new node id: 40 hex characters from a secure random source, as Redis's getRandomHexChars. */
  static String newNodeId() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public State emptyState() {
    return new State(null);
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Get.class, this::onGet)
        .onCommand(AssignIfAbsent.class, this::onAssignIfAbsent)
        .build();
  }

  private org.apache.pekko.persistence.typed.javadsl.Effect<Event, State> onGet(State state, Get get) {
    if (state.nodeId() == null) {
      return Effect().stash();
    }
    return Effect().reply(get.replyTo(), state.nodeId());
  }

  private org.apache.pekko.persistence.typed.javadsl.Effect<Event, State> onAssignIfAbsent(State state,
      AssignIfAbsent msg) {
    if (state.nodeId() != null) {
      return Effect().none();
    }
    return Effect().persist(new IdentityAssigned(newNodeId()))
        .thenRun(s -> {
          log.info("Node id {} created (kept in the journal from now on)", s.nodeId());
          known.complete(s.nodeId());
        })
        .thenUnstashAll();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(IdentityAssigned.class, (state, e) -> new State(e.nodeId()))
        .build();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecoveryCompleted)
        .onSignal(RecoveryFailed.class, (state, failed) ->
            log.warn("Node id not available yet, the journal failed (retrying): {}", rootMessage(failed.getFailure())))
        .build();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  private void onRecoveryCompleted(State state) {
    if (state.nodeId() == null) {
      ctx.getSelf().tell(AssignIfAbsent.INSTANCE);
    } else {
      log.info("Node id {}", state.nodeId());
      known.complete(state.nodeId());
    }
  }
}

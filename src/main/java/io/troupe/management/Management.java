package io.troupe.management;

import io.troupe.command.ServerContext;
import io.troupe.keyspace.SlotMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's management endpoint and MBeans, as a child of the
 * ServerGuardian. It waits until the RESP listener is bound, then (on Pekko's
 * blocking-I/O dispatcher, so the first clients are not delayed by loading
 * Pekko HTTP's classes) registers the MBeans and binds one HTTP server with
 * Pekko Management's routes ({@code pekko.management.http.routes}: the
 * {@code /alive} and {@code /ready} health checks) and Troupe's
 * ({@link ManagementRoutes}). When it stops (node shutdown) it unbinds and
 * unregisters.
 */
public final class Management extends AbstractBehavior<Management.Command> {
  private static final Logger log = LoggerFactory.getLogger(Management.class);

  public sealed interface Command permits Listening, Started {}

  /** The RESP listener is bound (or failed to bind: then nothing starts). */
  private record Listening(boolean ok) implements Command {}

  /** Start-up finished: the MBeans (null when off or failed) and the HTTP binding or its failure. */
  private record Started(MBeans mbeans, ServerBinding binding, Throwable failure) implements Command {}

  private final ManagementSettings settings;
  private final ServerContext server;
  private final Supplier<SlotMap> slots;
  private final CompletableFuture<String> nodeId;
  private final Resources resources = new Resources();

  /**
   * {@code listening} completes when the node's RESP listener is bound;
   * {@code nodeId} when the node's persisted id is known (never, when Pekko
   * Persistence is off).
   */
  public static Behavior<Command> create(ManagementSettings settings, ServerContext server,
      Supplier<SlotMap> slots, CompletionStage<?> listening, CompletableFuture<String> nodeId) {
    return Behaviors.setup(ctx -> {
      ctx.pipeToSelf(listening, (ok, failure) -> new Listening(failure == null));
      return new Management(ctx, settings, server, slots, nodeId);
    });
  }

  private Management(ActorContext<Command> ctx, ManagementSettings settings, ServerContext server,
      Supplier<SlotMap> slots, CompletableFuture<String> nodeId) {
    super(ctx);
    this.settings = settings;
    this.server = server;
    this.slots = slots;
    this.nodeId = nodeId;
  }

  /** The node id, or null while it is not known. */
  private String nodeId() {
    return nodeId.isDone() && !nodeId.isCompletedExceptionally() ? nodeId.join() : null;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Listening.class, this::onListening)
        .onMessage(Started.class, this::onStarted)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  private Behavior<Command> onListening(Listening msg) {
    if (!msg.ok() || !settings.enabled()) {
      return this;
    }
    Executor blocking = getContext().getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    ExtendedActorSystem classic = (ExtendedActorSystem) Adapter.toClassic(getContext().getSystem());
    CompletableFuture<MBeans> registered = CompletableFuture.supplyAsync(
        () -> settings.jmx() ? resources.keep(MBeans.register(server, this::nodeId)) : null, blocking);
    CompletableFuture<Started> started = registered.thenComposeAsync(m -> {
      if (settings.port() <= 0) {
        return CompletableFuture.completedFuture(new Started(m, null, null));
      }
      Route routes = Directives.concat(
          PekkoManagement.get(classic).getRoutes(),
          new ManagementRoutes(server, slots, this::nodeId, classic.provider().getDefaultAddress().toString(),
              classic.uid())
              .routes());
      return Http.get(classic).newServerAt(settings.hostname(), settings.port()).bind(routes)
          .toCompletableFuture()
          .handle((b, e) -> new Started(m, b == null ? null : resources.keep(b), e));
    }, blocking);
    getContext().pipeToSelf(started, (s, e) -> s != null ? s : new Started(null, null, e));
    return this;
  }

  private Behavior<Command> onStarted(Started msg) {
    if (msg.mbeans() != null) {
      log.info("JMX: {} and io.troupe:type=Shard,name=0..{} registered", MBeans.SERVER,
          server.keyspaces().size() - 1);
    }
    if (msg.binding() != null) {
      log.info("Management HTTP on http://{}:{} (/alive /ready /troupe/info /troupe/slots /cluster/members"
          + " /metrics)", settings.hostname(), msg.binding().localAddress().getPort());
    } else if (msg.failure() != null) {
      log.warn("Management HTTP not started on {}:{}: {}", settings.hostname(), settings.port(),
          rootMessage(msg.failure()));
    } else if (settings.port() <= 0) {
      log.warn("Management HTTP not started: no port (set troupe.management.port)");
    }
    return this;
  }

  private Behavior<Command> onPostStop() {
    resources.close();
    return this;
  }

  /**
   * What start-up acquired, released when the actor stops. Start-up runs on
   * another thread, so something acquired after the stop is released at once.
   */
  private static final class Resources {
    private MBeans mbeans;
    private ServerBinding binding;
    private boolean closed;

    synchronized MBeans keep(MBeans m) {
      if (closed) {
        m.unregister();
      } else {
        mbeans = m;
      }
      return m;
    }

    synchronized ServerBinding keep(ServerBinding b) {
      if (closed) {
        b.unbind();
      } else {
        binding = b;
      }
      return b;
    }

    synchronized void close() {
      closed = true;
      if (mbeans != null) {
        mbeans.unregister();
      }
      if (binding != null) {
        binding.unbind();
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}

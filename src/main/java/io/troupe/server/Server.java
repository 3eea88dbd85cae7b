package io.troupe.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Tcp;

/** A running node: its actor system and listening sockets. */
public final class Server {
  private final ActorSystem<Void> system;
  private final List<Tcp.ServerBinding> bindings;
  private final CompletableFuture<Integer> exit;
  private final int port;
  private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

  Server(ActorSystem<Void> system, List<Tcp.ServerBinding> bindings, CompletableFuture<Integer> exit, int port) {
    this.system = system;
    this.bindings = bindings;
    this.exit = exit;
    this.port = port;
    // SHUTDOWN completes `exit`: unbind and stop the actors even when nobody
    // waits in awaitTermination (a node embedded in a test).
    exit.thenRunAsync(this::stop);
  }

  public int port() {
    return port;
  }

  /** Blocks until SHUTDOWN (or {@link #stop()}); returns the process exit code. */
  public int awaitTermination() {
    int code = exit.join();
    stop();
    return code;
  }

  /** Unbinds and terminates the node's actors. */
  public void stop() {
    if (stopped.getAndSet(true)) {
      return;
    }
    for (Tcp.ServerBinding b : bindings) {
      b.unbind();
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
    exit.complete(0);
  }

  public Duration uptime() {
    return Duration.ofMillis(system.uptime() * 1000);
  }
}

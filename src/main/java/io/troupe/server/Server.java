package io.troupe.server;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import io.troupe.persistence.rdb.RdbFiles;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Tcp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running node: its actor system and listening sockets. */
public final class Server {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  private final ActorSystem<Void> system;
  private final List<Tcp.ServerBinding> bindings;
  private final CompletableFuture<Integer> exit;
  private final int port;
  private final List<Keyspace> keyspaces;
  private final ServerConfig config;
  private final AtomicBoolean saveOnExit;
  /** Waits until the writes published so far are in the AOF (set by the guardian). */
  private final java.util.concurrent.atomic.AtomicReference<Runnable> drain;
  private boolean stopped;
  private int exitCode;

  Server(ActorSystem<Void> system, List<Tcp.ServerBinding> bindings, CompletableFuture<Integer> exit, int port,
      List<Keyspace> keyspaces, ServerConfig config, AtomicBoolean saveOnExit,
      java.util.concurrent.atomic.AtomicReference<Runnable> drain) {
    this.drain = drain;
    this.system = system;
    this.bindings = bindings;
    this.exit = exit;
    this.port = port;
    this.keyspaces = keyspaces;
    this.config = config;
    this.saveOnExit = saveOnExit;
    // SHUTDOWN completes `exit`: unbind and stop the actors even when nobody
    // waits in awaitTermination (a node embedded in a test).
    exit.thenRunAsync(this::stop);
  }

  public int port() {
    return port;
  }

  /** Blocks until SHUTDOWN (or {@link #stop()}); returns the process exit code. */
  public int awaitTermination() {
    exit.join();
    return stop();
  }

  /**
   * Unbinds and terminates the node's actors; then, when SHUTDOWN asked for
   * it, saves the RDB file (no shard runs any more, so the file is one point
   * in time). Returns the exit code; a second call waits for the first.
   */
  public synchronized int stop() {
    if (stopped) {
      return exitCode;
    }
    stopped = true;
    for (Tcp.ServerBinding b : bindings) {
      b.unbind();
    }
    Runnable d = drain.get();
    if (d != null) {
      d.run(); // as Redis flushes and fsyncs the AOF on SHUTDOWN
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
    exit.complete(0);
    exitCode = exit.join();
    if (saveOnExit.get()) {
      try {
        RdbFiles.save(keyspaces, config, System.currentTimeMillis());
      } catch (IOException e) {
        log.warn("Error trying to save the DB, can't exit.");
        exitCode = 1;
      }
    }
    return exitCode;
  }

  /**
   * The JVM is going down without SHUTDOWN (a signal): as Redis on SIGTERM,
   * save first when save points are configured (shutdown-on-sigterm may say
   * save or nosave instead). Nothing to do when the node already stopped.
   */
  synchronized void stopOnSignal() {
    if (stopped) {
      return;
    }
    log.warn("Received SIGTERM scheduling shutdown...");
    String mode = config.getString("shutdown-on-sigterm");
    boolean save = mode.contains("save") && !mode.contains("nosave")
        || !mode.contains("nosave") && !config.getString("save").isEmpty();
    if (save) {
      log.info("Saving the final RDB snapshot before exiting.");
      saveOnExit.set(true);
    }
    stop();
    log.warn("Redis is now ready to exit, bye bye...");
  }

}

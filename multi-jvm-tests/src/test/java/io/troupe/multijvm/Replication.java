package io.troupe.multijvm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;

/** INFO replication as operators and Sentinel read it, and waiting on its fields. */
public final class Replication {
  private Replication() {}

  /** INFO {@code section} as field → value. */
  public static Map<String, String> info(Node node, String section) {
    try (Jedis j = node.client()) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : j.info(section).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && !line.startsWith("#")) {
          out.put(line.substring(0, colon), line.substring(colon + 1));
        }
      }
      return out;
    }
  }

  public static long number(Node node, String section, String field) {
    return Long.parseLong(info(node, section).get(field));
  }

  /** Waits until {@code replica}'s link to its master is up and not syncing. */
  public static void awaitLinkUp(Node replica, Duration timeout) {
    await(timeout, replica.name() + " link up", () -> {
      Map<String, String> r = info(replica, "replication");
      return "up".equals(r.get("master_link_status")) && "0".equals(r.get("master_sync_in_progress"));
    });
  }

  /** Waits until every replica's offset is the master's (no writes may be in flight). */
  public static void awaitCaughtUp(Node master, Duration timeout, Node... replicas) {
    await(timeout, "replicas caught up with " + master.name(), () -> {
      long offset = number(master, "replication", "master_repl_offset");
      for (Node r : replicas) {
        Map<String, String> ri = info(r, "replication");
        if (!"up".equals(ri.get("master_link_status")) || Long.parseLong(ri.get("slave_repl_offset")) != offset) {
          return false;
        }
      }
      return true;
    });
  }

  /** Polls {@code condition} every 50 ms until it holds; fails after {@code timeout}. */
  public static void await(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e; // e.g. a node still loading
      }
      ServerProcess.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what + (last == null ? "" : ": " + last), last);
  }

  /** {@link MixedWrites} rounds against a node on a background thread until stopped or the node fails. */
  public static final class WriteLoad implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger rounds = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    public WriteLoad(Node node, int firstRound) {
      thread = new Thread(() -> {
        try (Jedis j = node.client()) {
          boolean streams = MixedWrites.hasStreams(j);
          for (int i = firstRound; running.get(); i++) {
            MixedWrites.round(j, i, streams);
            rounds.incrementAndGet();
          }
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "write-load-" + node.name());
      thread.setDaemon(true);
      thread.start();
    }

    /** Rounds written so far. */
    public int rounds() {
      return rounds.get();
    }

    /** Waits until at least {@code n} rounds are written. */
    public void awaitRounds(int n, Duration timeout) {
      await(timeout, n + " write rounds", () -> {
        if (failure.get() != null) {
          throw new AssertionError("write load failed", failure.get());
        }
        return rounds.get() >= n;
      });
    }

    /** Stops the load; returns the rounds written; rethrows a failure unless {@code failureExpected}. */
    public int stop(boolean failureExpected) {
      running.set(false);
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!failureExpected && failure.get() != null) {
        throw new AssertionError("write load failed", failure.get());
      }
      return rounds.get();
    }

    @Override
    public void close() {
      stop(true);
    }
  }
}

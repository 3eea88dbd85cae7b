package io.troupe.multijvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * One server process started from the outside as an operator would: its own
 * JVM (or redis-server), its stdout/stderr appended to
 * {@code target/multi-jvm-logs/<name>.log} across restarts, killed with
 * SIGKILL, stopped with SIGTERM, paused with SIGSTOP/SIGCONT, and restarted on
 * the same port and dir.
 */
abstract class ServerProcess implements Node {
  /** Where every node's log goes (failsafe sets troupe.multijvm.logs). */
  static final Path LOGS = Path.of(System.getProperty("troupe.multijvm.logs", "target/multi-jvm-logs"));

  private final String name;
  private final int port;
  private final Path dir;
  private final Path log;
  private Process process;
  private int starts;

  ServerProcess(String name, int port, Path dir) {
    this.name = name;
    this.port = port;
    this.dir = dir;
    try {
      Files.createDirectories(LOGS);
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.log = LOGS.resolve(name + ".log");
    try {
      Files.deleteIfExists(log); // one run's starts per file
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command line that starts the server (port and dir included). */
  abstract List<String> command();

  /** Extra environment of the process. */
  Map<String, String> environment() {
    return Map.of();
  }

  /** Starts the process (again, after a kill or stop) and waits until it answers PING. */
  public synchronized void start(Duration timeout) {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    starts++;
    try {
      Files.writeString(log, "==== " + name + " start #" + starts + ": " + String.join(" ", command()) + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(command())
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().putAll(environment());
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitPing(timeout);
  }

  /** Starts the same server (port, dir, arguments) again, after {@link #kill9()} or {@link #stop(Duration)}. */
  public ServerProcess restart() {
    start(Duration.ofSeconds(60));
    return this;
  }

  /** Waits until a new connection answers PONG; fails with the log's tail when the process dies or time is up. */
  public void awaitPing(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before answering PING:\n" + logTail());
      }
      try (Jedis j = client(1_000)) {
        if ("PONG".equals(j.ping())) {
          return;
        }
      } catch (RuntimeException notYet) {
        // Not listening yet, or loading.
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not answer PING within " + timeout + ":\n" + logTail());
      }
      sleep(20);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path dir() {
    return dir;
  }

  /** The node's log file (all its starts). */
  public Path log() {
    return log;
  }

  /** The log's last lines, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The log's lines so far. */
  public List<String> logLines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized long pid() {
    return process.pid();
  }

  @Override
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized void kill9() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(20));
  }

  /** SIGTERM, then waits for the exit; returns the exit code. */
  public synchronized int stop(Duration timeout) {
    process.destroy();
    return waitForExit(timeout);
  }

  /** SIGSTOP: the process is frozen (its sockets stay open, nothing answers). */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String sig) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + sig + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int waitForExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
        throw new AssertionError(name + " did not exit within " + timeout + ":\n" + logTail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the process if it still runs (a paused one too). */
  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

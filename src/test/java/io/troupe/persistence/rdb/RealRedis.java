package io.troupe.persistence.rdb;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A real redis-server started by a test (only where one is installed: callers
 * guard with {@link #installed()} in an assumption), on a port of the range
 * this test group owns, with its own directory.
 */
public final class RealRedis implements AutoCloseable {
  private final Process process;
  public final int port;
  public final Path dir;

  public static boolean installed() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (new File(d, "redis-server").canExecute()) {
        return true;
      }
    }
    return false;
  }

  private RealRedis(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts redis-server on {@code port} with {@code dir}/{@code dbfilename} and waits for PING. */
  public static RealRedis start(int port, Path dir, String dbfilename, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--dir", dir.toString(), "--dbfilename", dbfilename, "--save", "",
        "--appendonly", "no", "--daemonize", "no", "--enable-debug-command", "yes"));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
    RealRedis r = new RealRedis(p, port, dir);
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      try (Jedis j = r.jedis()) {
        if ("PONG".equals(j.ping())) {
          return r;
        }
      } catch (RuntimeException e) {
        if (!p.isAlive() || System.currentTimeMillis() > deadline) {
          p.destroyForcibly();
          throw new IOException("redis-server on port " + port + " did not start: see "
              + dir.resolve("redis-" + port + ".log"), e);
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  public Jedis jedis() {
    return new Jedis("127.0.0.1", port, 5000);
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    try (Jedis j = jedis()) {
      j.shutdown();
    } catch (RuntimeException ignored) {
      // already gone, or SHUTDOWN closed the connection as it should
    }
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

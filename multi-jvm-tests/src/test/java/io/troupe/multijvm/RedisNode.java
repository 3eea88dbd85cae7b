package io.troupe.multijvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server (Debian's, which .ci/run installs) as a reference or
 * interop peer: {@code redis-server --port P --bind 127.0.0.1 --dir D --save ''
 * --appendonly no [args]}. Tests that need one call {@link #assumeInstalled()}
 * first, so they are skipped where it is missing.
 */
public final class RedisNode extends ServerProcess {
  private final List<String> args;

  private RedisNode(String name, int port, Path dir, List<String> args) {
    super(name, port, dir);
    this.args = List.copyOf(args);
  }

  /** True when {@code redis-server --version} runs. */
  public static boolean installed() {
    try {
      Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Skips the calling test (a JUnit assumption) when redis-server is not installed. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(installed(), "redis-server is not installed");
  }

  /** Starts redis-server named {@code name} in {@code dir} on a free port; waits for PING. */
  public static RedisNode start(String name, Path dir, String... args) {
    assumeInstalled();
    RedisNode node = new RedisNode(name, Ports.free(), dir, List.of(args));
    node.start(Duration.ofSeconds(30));
    return node;
  }

  /** The same server (port, dir, arguments) started again. */
  @Override
  public RedisNode restart() {
    start(Duration.ofSeconds(30));
    return this;
  }

  @Override
  List<String> command() {
    List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port()),
        "--bind", host(), "--dir", dir().toString(), "--save", "", "--appendonly", "no"));
    cmd.addAll(args);
    return cmd;
  }
}

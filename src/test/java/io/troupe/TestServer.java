package io.troupe;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.server.Main;
import io.troupe.server.Server;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;

/**
 * A Troupe node in this JVM on a free loopback port, for *IT tests:
 * {@code try (TestServer s = TestServer.start("--requirepass", "x")) { ... }}
 * or started in {@code @BeforeAll} and closed in {@code @AfterAll}.
 */
public final class TestServer implements AutoCloseable {
  private final Server server;
  /** The node's dir; deleted on close when this TestServer made it. */
  private final Path dir;
  private final boolean ownDir;

  private TestServer(Server server, Path dir, boolean ownDir) {
    this.server = server;
    this.dir = dir;
    this.ownDir = ownDir;
  }

  /**
   * Starts a node; extra arguments are redis-server style ("--hz", "100").
   * Management (HTTP and MBeans) is off, so nodes started side by side do not
   * compete for ports or MBean names, and so is Pekko Persistence (the node id's
   * H2 journal, ~0.6 s of CPU per node); {@link #start(Config, String...)} leaves
   * both on unless the given settings turn them off.
   */
  public static TestServer start(String... extraArgs) {
    return start(ConfigFactory.parseString("troupe.management.enabled = false\ntroupe.persistence.enabled = false"),
        extraArgs);
  }

  /** Starts a node with HOCON settings laid over application.conf. */
  public static TestServer start(Config hocon, String... extraArgs) {
    List<String> args = new ArrayList<>();
    args.add("--port");
    args.add(Integer.toString(freePort()));
    args.add("--bind");
    args.add("127.0.0.1");
    // Every node gets its own dir (unless the test names one), so no RDB file
    // is ever read or written in the project directory or shared between tests.
    Path dir = null;
    for (int i = 0; i + 1 < extraArgs.length; i++) {
      if (extraArgs[i].equalsIgnoreCase("--dir")) {
        dir = Path.of(extraArgs[i + 1]);
      }
    }
    boolean own = dir == null;
    try {
      if (own) {
        dir = Files.createTempDirectory("troupe-test-");
        args.add("--dir");
        args.add(dir.toString());
      }
      args.addAll(List.of(extraArgs));
      return new TestServer(Main.start(hocon, args.toArray(new String[0])), dir, own);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      if (own) {
        deleteTree(dir);
      }
      throw e;
    }
  }

  /** The node's dir (where SAVE writes dump.rdb). */
  public Path dir() {
    return dir;
  }

  /** The underlying node. */
  public Server server() {
    return server;
  }

  private static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }

  public int port() {
    return server.port();
  }

  public String host() {
    return "127.0.0.1";
  }

  @Override
  public void close() {
    server.stop();
    if (ownDir) {
      deleteTree(dir);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.troupe;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.server.Main;
import io.troupe.server.Server;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A Troupe node in this JVM on a free loopback port, for *IT tests:
 * {@code try (TestServer s = TestServer.start("--requirepass", "x")) { ... }}
 * or started in {@code @BeforeAll} and closed in {@code @AfterAll}.
 */
public final class TestServer implements AutoCloseable {
  private final Server server;

  private TestServer(Server server) {
    this.server = server;
  }

  /**
   * Starts a node; extra arguments are redis-server style ("--hz", "100").
   * Management (HTTP and MBeans) is off, so nodes started side by side do not
   * compete for ports or MBean names; {@link #start(Config, String...)} turns it on.
   */
  public static TestServer start(String... extraArgs) {
    return start(ConfigFactory.parseString("troupe.management.enabled = false"), extraArgs);
  }

  /** Starts a node with HOCON settings laid over application.conf. */
  public static TestServer start(Config hocon, String... extraArgs) {
    List<String> args = new ArrayList<>();
    args.add("--port");
    args.add(Integer.toString(freePort()));
    args.add("--bind");
    args.add("127.0.0.1");
    args.addAll(List.of(extraArgs));
    try {
      return new TestServer(Main.start(hocon, args.toArray(new String[0])));
    } catch (IOException e) {
      throw new IllegalStateException(e);
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

package io.troupe.multijvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports. A port is handed out once per test JVM, so two nodes of
 * one test never get the same port even before either has bound it.
 */
public final class Ports {
  private static final Set<Integer> given = new HashSet<>();

  private Ports() {}

  /** A port that was free on 127.0.0.1 a moment ago and not given before. */
  public static synchronized int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = s.getLocalPort();
        // Troupe's cluster bus would be port + 10000: keep below 55536.
        if (port < 55536 && given.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port");
  }
}

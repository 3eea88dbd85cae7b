package io.troupe.multijvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Troupe node as its own JVM, started the way an operator starts it:
 * {@code bin/troupe-server --port P --bind 127.0.0.1 --dir D [args]} from the
 * packaged jar (target/troupe-server-*.jar and target/lib, which `mvn package`
 * builds before failsafe runs). Management HTTP listens on its own free port.
 */
public final class TroupeNode extends ServerProcess {
  /** The repository root (failsafe sets troupe.home to ${project.basedir}). */
  static final Path HOME = Path.of(System.getProperty("troupe.home", ".")).toAbsolutePath();

  private final List<String> args;
  private final int managementPort;
  private final String javaOpts;

  private TroupeNode(String name, int port, Path dir, List<String> args, String javaOpts) {
    super(name, port, dir);
    this.args = List.copyOf(args);
    this.managementPort = Ports.free();
    this.javaOpts = javaOpts;
  }

  /** Starts a node named {@code name} (its log file) in {@code dir} on a free port, and waits for PING. */
  public static TroupeNode start(String name, Path dir, String... args) {
    TroupeNode node = new TroupeNode(name, Ports.free(), dir, List.of(args), "");
    node.start(Duration.ofSeconds(60));
    return node;
  }

  /** The same node (port, dir, arguments) started again, after {@link #kill9()} or {@link #stop(Duration)}. */
  @Override
  public TroupeNode restart() {
    start(Duration.ofSeconds(60));
    return this;
  }

  @Override
  List<String> command() {
    List<String> cmd = new ArrayList<>(List.of("bash", HOME.resolve("bin/troupe-server").toString(),
        "--port", Integer.toString(port()), "--bind", host(), "--dir", dir().toString()));
    cmd.addAll(args);
    return cmd;
  }

  @Override
  Map<String, String> environment() {
    // A small heap, as many nodes share this machine; management on its own port.
    return Map.of("TROUPE_JAVA_OPTS",
        ("-Xmx256m -Dtroupe.management.port=" + managementPort + " " + javaOpts).trim());
  }

  public int managementPort() {
    return managementPort;
  }

  /** GET on the management HTTP port; the body (fails on a non-200 status). */
  public String http(String path) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new AssertionError("GET " + path + " -> " + resp.statusCode() + ": " + resp.body());
      }
      return resp.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.troupe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up as redis-server behaves: each server is its own JVM process
 * ({@code java -cp <test classpath> io.troupe.server.Main}, and once through
 * {@code bin/troupe-server}). Expected texts are what redis-server 7.0.15
 * prints for the same command lines.
 */
class StartupIT {
  private static final String FATAL = "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n";

  @TempDir
  Path tmp;

  /** A finished process: exit code and everything it wrote. */
  record Outcome(int exit, String stdout, String stderr) {}

  private static List<String> javaMain(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    // Absolute, as the process runs in the test's temp directory (so that the
    // default dir, the working directory, never holds a stray dump.rdb).
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      cp.add(Path.of(e).toAbsolutePath().toString());
    }
    cmd.add(String.join(java.io.File.pathSeparator, cp));
    cmd.add("io.troupe.server.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  private Outcome run(List<String> cmd, String stdin) throws Exception {
    Path out = tmp.resolve("out-" + System.nanoTime());
    Path err = tmp.resolve("err-" + System.nanoTime());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("process did not exit: " + cmd);
    }
    return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String fatal(int line, String text, String reason) {
    return FATAL + "Reading the configuration file, at line " + line + "\n>>> '" + text + "'\n" + reason + "\n";
  }

  @Test
  void unknownDirectiveIsFatalWithRedisText() throws Exception {
    Outcome o = run(javaMain("--port", "1", "--foo", "bar"), null);
    assertEquals(1, o.exit());
    assertEquals(fatal(3, "foo \"bar\"", "Bad directive or wrong number of arguments"), o.stderr());
  }

  @Test
  void badValueIsFatalWithTheParamReason() throws Exception {
    Outcome o = run(javaMain("--port", "abc"), null);
    assertEquals(1, o.exit());
    assertEquals(fatal(2, "port \"abc\"", "argument couldn't be parsed into an integer"), o.stderr());
  }

  @Test
  void wrongArgumentCountAndQuotedValuesAsRedisEchoesThem() throws Exception {
    Outcome o = run(javaMain("--port", "1", "2"), null);
    assertEquals(fatal(2, "port \"1\" \"2\"", "wrong number of arguments"), o.stderr());
    o = run(javaMain("--port", "a\"b\nc"), null);
    assertEquals(fatal(2, "port \"a\\\"b\\nc\"", "argument couldn't be parsed into an integer"), o.stderr());
    // A name without a value takes the next argument as its value, even "--port".
    o = run(javaMain("--foo", "--port", "7"), null);
    assertEquals(fatal(2, "foo \"--port\" \"7\"", "Bad directive or wrong number of arguments"), o.stderr());
    o = run(javaMain("--port"), null);
    assertEquals(fatal(2, "port", "wrong number of arguments"), o.stderr());
  }

  @Test
  void configFileErrorsCountFileLinesThenArguments() throws Exception {
    Path conf = tmp.resolve("redis.conf");
    Files.writeString(conf, "# a comment\n\n   port 7000   \n  # indented comment\nbind \"127.0.0.1\"\nnot-a-directive 1\n");
    Outcome o = run(javaMain(conf.toString()), null);
    assertEquals(1, o.exit());
    assertEquals(fatal(6, "not-a-directive 1", "Bad directive or wrong number of arguments"), o.stderr());

    Files.writeString(conf, "port 7000\nhz 'unbalanced\n");
    o = run(javaMain(conf.toString()), null);
    assertEquals(fatal(2, "hz 'unbalanced", "Unbalanced quotes in configuration line"), o.stderr());

    // stdin comes after the file, then a newline, then the arguments.
    Files.writeString(conf, "port 7000\n");
    o = run(javaMain(conf.toString(), "--hz", "x", "-"), "hz 20\n");
    assertEquals(fatal(4, "hz \"x\"", "argument couldn't be parsed into an integer"), o.stderr());
  }

  @Test
  void missingConfigFileIsLoggedAndFatal() throws Exception {
    Path missing = tmp.resolve("nope.conf");
    Outcome o = run(javaMain(missing.toString()), null);
    assertEquals(1, o.exit());
    assertTrue(o.stdout().contains("# Fatal error, can't open config file '" + missing
        + "': No such file or directory"), o.stdout());
  }

  @Test
  void versionAndHelp() throws Exception {
    Outcome v = run(javaMain("--version"), null);
    assertEquals(0, v.exit());
    assertTrue(v.stdout().matches("Troupe server v=7\\.0\\.15 sha=\\S+ malloc=\\S+ bits=64 build=\\S+\n"), v.stdout());
    Outcome v2 = run(javaMain("-v"), null);
    assertEquals(v.stdout(), v2.stdout());

    Outcome h = run(javaMain("--help"), null);
    assertEquals(1, h.exit(), "redis-server --help exits 1");
    assertTrue(h.stderr().startsWith("Usage: ./troupe-server [/path/to/redis.conf] [options] [-]\n"), h.stderr());
    assertTrue(h.stderr().contains("./troupe-server --port 7777"), h.stderr());
  }

  /** A server process being started; reads its stdout into a buffer. */
  private final class Started implements AutoCloseable {
    final Process process;
    final Path log;
    final long startedNanos;

    Started(List<String> cmd, String stdin) throws IOException {
      log = tmp.resolve("server-" + System.nanoTime() + ".log");
      startedNanos = System.nanoTime();
      process = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
    }

    String log() throws IOException {
      return Files.readString(log);
    }

    /** Milliseconds from exec until the port answered PING with +PONG. */
    long awaitPong(int port, long timeoutMs) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError("server exited " + process.exitValue() + ":\n" + log());
        }
        if ("+PONG\r\n".equals(ping(port))) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        }
        Thread.sleep(10);
      }
      throw new AssertionError("no PONG within " + timeoutMs + " ms:\n" + log());
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String ping(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(2000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] b = new byte[64];
      InputStream in = s.getInputStream();
      int n = 0;
      while (n < 7) {
        int r = in.read(b, n, b.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      return new String(b, 0, n, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return null;
    }
  }

  @Test
  void configFileWithCommentsAndQuotesStartsAndLogsReady() throws Exception {
    int port = TestServer.freePort();
    Path conf = tmp.resolve("redis.conf");
    Files.writeString(conf, "# Troupe test config\n"
        + "   # indented comment\n"
        + "\n"
        + "port 1\n"
        + "bind \"127.0.0.1\"\n"
        + "hz '20'\t\n"
        + "list-max-ziplist-entries 512\n");
    // The arguments override the file's port.
    try (Started s = new Started(javaMain(conf.toString(), "--port", Integer.toString(port)), null)) {
      long ms = s.awaitPong(port, 20_000);
      System.out.println("StartupIT: exec -> PONG (java -cp, C1, SerialGC, no CDS): " + ms + " ms");
      // The socket accepts as soon as it is bound; the line may follow the first PONG by a moment.
      String log = s.log();
      for (int i = 0; i < 100 && !log.contains("Ready to accept connections"); i++) {
        Thread.sleep(50);
        log = s.log();
      }
      assertTrue(log.matches("(?s).*\\d+:M \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\* "
          + "Ready to accept connections\n.*"), log);
      assertTrue(log.contains("# Server initialized\n"), log);
      assertTrue(log.contains("* Running mode=standalone, port=" + port + ".\n"), log);
    }
  }

  @Test
  void configFromStdin() throws Exception {
    int port = TestServer.freePort();
    try (Started s = new Started(javaMain("-"), "port " + port + "\nbind 127.0.0.1\n")) {
      s.awaitPong(port, 20_000);
      assertTrue(s.log().contains("# Reading config from stdin\n"), s.log());
    }
  }

  @Test
  void portAlreadyTakenAborts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Outcome o = run(javaMain("--port", Integer.toString(port), "--bind", "127.0.0.1"), null);
      assertNotEquals(0, o.exit());
      String log = o.stdout() + o.stderr();
      assertTrue(log.contains("# Warning: Could not create server TCP listening socket 127.0.0.1:" + port
          + ": bind: Address already in use\n"), log);
      assertTrue(log.contains("# Failed listening on port " + port + " (TCP), aborting.\n"), log);
      assertTrue(!log.contains("Ready to accept connections"), log);
    }
  }

  /** The launcher: builds the jar when missing, then starts like redis-server. */
  @Test
  void launcherStartsAServer() throws Exception {
    Path launcher = Path.of("bin", "troupe-server").toAbsolutePath();
    assertTrue(Files.isExecutable(launcher), launcher + " must be executable");
    Outcome v = run(List.of(launcher.toString(), "--version"), null);
    assertEquals(0, v.exit(), v.stderr());
    assertTrue(v.stdout().startsWith("Troupe server v=7.0.15 "), v.stdout());

    int port = TestServer.freePort();
    try (Started s = new Started(List.of(launcher.toString(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1"), null)) {
      long ms = s.awaitPong(port, 20_000);
      System.out.println("StartupIT: exec -> PONG (bin/troupe-server): " + ms + " ms");
      assertTrue(ms < 20_000);
    }
  }
}

package io.troupe.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis's own command-line tools against a running Troupe, unchanged:
 * redis-cli (one-shot commands, --pipe mass insertion, --scan, INFO) and
 * redis-benchmark. Skipped where Debian's redis-tools is not installed
 * (.ci/run installs it).
 */
class RedisToolsIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    assumeTrue(onPath("redis-cli") && onPath("redis-benchmark"), "redis-tools not installed");
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs a tool against the server; returns stdout+stderr, asserting exit code 0. */
  static String run(String stdin, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.addAll(1, List.of("-h", "127.0.0.1", "-p", Integer.toString(server.port())));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tool timed out");
    assertEquals(0, p.exitValue(), "exit code of " + cmd + ": " + out);
    return out;
  }

  @Test
  void redisCliOneShotCommands() throws Exception {
    assertEquals("OK\n", run(null, "redis-cli", "set", "tool:k", "hello world"));
    assertEquals("hello world\n", run(null, "redis-cli", "get", "tool:k"));
    assertEquals("(integer) 1\n", run(null, "redis-cli", "--no-raw", "exists", "tool:k"));
    assertEquals("ERR unknown command 'nosuch', with args beginning with: 'x' \n\n",
        run(null, "redis-cli", "nosuch", "x"));
    String info = run(null, "redis-cli", "info", "server");
    assertTrue(info.contains("redis_version:7.0.15"), info);
  }

  @Test
  void redisCliPipeMassInsertion() throws Exception {
    StringBuilder proto = new StringBuilder();
    int n = 5000;
    for (int i = 0; i < n; i++) {
      String k = "pipe:" + i;
      String v = "v" + i;
      proto.append("*3\r\n$3\r\nSET\r\n$").append(k.length()).append("\r\n").append(k)
          .append("\r\n$").append(v.length()).append("\r\n").append(v).append("\r\n");
    }
    String out = run(proto.toString(), "redis-cli", "--pipe");
    assertTrue(out.contains("errors: 0, replies: " + n), out);
    assertEquals("v4999\n", run(null, "redis-cli", "get", "pipe:4999"));
  }

  @Test
  void redisCliScan() throws Exception {
    for (int i = 0; i < 50; i++) {
      run(null, "redis-cli", "set", "scan:" + i, "x");
    }
    String out = run(null, "redis-cli", "--scan", "--pattern", "scan:*");
    assertEquals(50, out.lines().filter(l -> l.startsWith("scan:")).distinct().count(), out);
  }

  @Test
  void redisBenchmarkRuns() throws Exception {
    String out = run(null, "redis-benchmark", "-n", "2000", "-c", "5", "-t", "set,get,incr,mset", "-q");
    assertFalse(out.contains("WARNING"), out);
    assertFalse(out.contains("ERR"), out);
    assertTrue(out.contains("SET:") && out.contains("GET:") && out.contains("MSET"), out);
  }
}

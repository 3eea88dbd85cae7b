package io.troupe.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Start-up on damaged AOF directories, each in its own server JVM: a torn
 * last command is cut off (aof-load-truncated yes) with Redis's warnings;
 * a torn tail with aof-load-truncated no, a corrupt command in the middle, a
 * missing manifest or a missing file stop the server with exit code 1 and a
 * message saying why, never an empty dataset.
 */
class AofStartupIT {
  @TempDir
  Path tmp;
  private Path good;
  private byte[] incr;

  /** A good AOF directory: base + incr with a few commands; the last one is "set last 1". */
  @BeforeEach
  void makeGoodAof() throws Exception {
    good = tmp.resolve("good");
    Files.createDirectory(good);
    try (TestServer s = TestServer.start("--dir", good.toString(), "--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      j.set("a", "1");
      j.rpush("l", "x", "y");
      j.set("last", "1");
    }
    incr = Files.readAllBytes(good.resolve("appendonlydir/appendonly.aof.1.incr.aof"));
  }

  private Path copy(String name) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir.resolve("appendonlydir"));
    try (Stream<Path> files = Files.list(good.resolve("appendonlydir"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dir.resolve("appendonlydir").resolve(f.getFileName()));
      }
    }
    return dir;
  }

  private static Path incrOf(Path dir) {
    return dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
  }

  /** Runs a server on {@code dir} that must exit; returns its output after checking the exit code. */
  private static String refused(Path dir, String... extra) throws Exception {
    Path log = dir.resolve("server.log");
    Process p = new ProcessBuilder(AofTestSupport.serverCommand(TestServer.freePort(), dir, extra))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("server started on a bad AOF: " + Files.readString(log));
    }
    String out = Files.readString(log);
    assertEquals(1, p.exitValue(), out);
    assertFalse(out.contains("Ready to accept connections"), out);
    return out;
  }

  @Test
  void tornLastCommandIsCutOffWithAWarning() throws Exception {
    Path dir = copy("torn");
    Files.write(incrOf(dir), java.util.Arrays.copyOf(incr, incr.length - 3));
    int port = TestServer.freePort();
    Path log = dir.resolve("server.log");
    Process p = new ProcessBuilder(AofTestSupport.serverCommand(port, dir, "--appendonly", "yes"))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      try (Jedis j = connect(port, p, log)) {
        assertEquals("1", j.get("a"));
        assertEquals(2, j.llen("l"));
        assertNull(j.get("last"));
        j.set("after", "cut");
        j.shutdown();
      } catch (JedisConnectionException expected) {
        // SHUTDOWN closes the connection
      }
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    } finally {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(out.contains("# !!! Warning: short read while loading the AOF file appendonly.aof.1.incr.aof!!!"),
        out);
    int cut = incr.length - "*3\r\n$3\r\nset\r\n$4\r\nlast\r\n$1\r\n1\r\n".length();
    assertTrue(out.contains("# !!! Truncating the AOF appendonly.aof.1.incr.aof at offset " + cut + " !!!"), out);
    assertTrue(out.contains("# AOF appendonly.aof.1.incr.aof loaded anyway because aof-load-truncated is enabled"),
        out);
    // The torn bytes are gone and what came after the restart follows the last whole command.
    String text = new String(Files.readAllBytes(incrOf(dir)), StandardCharsets.ISO_8859_1);
    assertTrue(text.endsWith("$5\r\nafter\r\n$3\r\ncut\r\n"), text);
    assertEquals(cut, text.lastIndexOf("*2\r\n$6\r\nSELECT"), text);
  }

  private static Jedis connect(int port, Process p, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      Jedis j = new Jedis("127.0.0.1", port);
      try {
        j.ping();
        return j;
      } catch (JedisConnectionException e) {
        j.close();
        if (System.currentTimeMillis() > deadline || !p.isAlive()) {
          throw new AssertionError("server did not start: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void tornTailWithAofLoadTruncatedNoStopsTheServer() throws Exception {
    Path dir = copy("torn-no");
    Files.write(incrOf(dir), java.util.Arrays.copyOf(incr, incr.length - 3));
    String out = refused(dir, "--appendonly", "yes", "--aof-load-truncated", "no");
    assertTrue(out.contains("# Unexpected end of file reading the append only file appendonly.aof.1.incr.aof. "
        + "You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. "
        + "2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the "
        + "server."), out);
    assertEquals(incr.length - 3, Files.size(incrOf(dir)), "the file is left alone");
  }

  @Test
  void corruptionInTheMiddleStopsTheServer() throws Exception {
    Path dir = copy("corrupt");
    byte[] bad = incr.clone();
    int second = new String(bad, StandardCharsets.ISO_8859_1).indexOf("*3\r\n$3\r\nSET\r\n$1\r\na");
    bad[second] = 'X';
    Files.write(incrOf(dir), bad);
    String out = refused(dir, "--appendonly", "yes");
    assertTrue(out.contains("# Bad file format reading the append only file appendonly.aof.1.incr.aof: make a "
        + "backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>"), out);
  }

  @Test
  void aofFilesWithoutAManifestStopTheServer() throws Exception {
    Path dir = copy("no-manifest");
    Files.delete(dir.resolve("appendonlydir/appendonly.aof.manifest"));
    String out = refused(dir, "--appendonly", "yes");
    assertTrue(out.contains("has AOF files but no manifest appendonly.aof.manifest: refusing to start with an "
        + "empty dataset"), out);
  }

  @Test
  void aFileTheManifestNamesMustExist() throws Exception {
    Path dir = copy("missing-file");
    Files.delete(incrOf(dir));
    String out = refused(dir, "--appendonly", "yes");
    assertTrue(out.contains("# The AOF file appendonly.aof.1.incr.aof doesn't exist"), out);
  }

  @Test
  void anUnfinishedTransactionAtTheEndIsReverted() throws Exception {
    Path dir = copy("multi");
    String tail = "*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nset\r\n$2\r\ntx\r\n$1\r\n1\r\n";
    Files.write(incrOf(dir), tail.getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
    try (TestServer s = TestServer.start("--dir", dir.toString(), "--appendonly", "yes");
        Jedis j = new Jedis(s.host(), s.port())) {
      assertNull(j.get("tx"));
      assertEquals("1", j.get("last"));
    }
    assertEquals(incr.length, Files.size(incrOf(dir)));
  }
}

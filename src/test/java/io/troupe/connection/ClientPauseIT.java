package io.troupe.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CLIENT PAUSE WRITE|ALL and CLIENT UNPAUSE: postponed commands answer late, in order. */
class ClientPauseIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawClient client() throws IOException {
    return new RawClient(server.host(), server.port());
  }

  @Test
  void writePauseHoldsWritesOnly() throws IOException {
    try (RawClient admin = client(); RawClient c = client()) {
      assertEquals("+OK\r\n", admin.call("CLIENT", "PAUSE", "400", "WRITE"));
      long start = System.nanoTime();
      assertEquals("$-1\r\n", c.call("GET", "pw"));
      assertTrue((System.nanoTime() - start) / 1_000_000 < 300, "reads are not paused");
      c.pipeline(new String[] {"SET", "pw", "1"}, new String[] {"GET", "pw"});
      assertEquals("+OK\r\n", c.reply());
      assertEquals("$1\r\n1\r\n", c.reply());
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited >= 350, "the write waited for the pause: " + waited);
    }
  }

  @Test
  void allPauseHoldsEveryCommandEvenUnpause() throws IOException {
    try (RawClient admin = client(); RawClient c = client()) {
      assertEquals("+OK\r\n", admin.call("CLIENT", "PAUSE", "400", "ALL"));
      long start = System.nanoTime();
      assertEquals("+PONG\r\n", c.call("PING"));
      assertEquals("+OK\r\n", c.call("CLIENT", "UNPAUSE")); // postponed too, as in Redis
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited >= 350, "waited " + waited);
    }
  }

  @Test
  void unpauseReleasesPostponedWrites() throws Exception {
    try (RawClient admin = client(); RawClient c = client()) {
      assertEquals("+OK\r\n", admin.call("CLIENT", "PAUSE", "20000", "WRITE"));
      long start = System.nanoTime();
      c.send("INCR", "counter");
      Thread.sleep(200);
      assertEquals("+OK\r\n", admin.call("CLIENT", "UNPAUSE"));
      assertEquals(":1\r\n", c.reply());
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited >= 200 && waited < 5000, "waited " + waited);
    }
  }

  @Test
  void errors() throws IOException {
    try (RawClient c = client()) {
      assertEquals("-ERR timeout is negative\r\n", c.call("CLIENT", "PAUSE", "-1"));
      assertEquals("-ERR timeout is not an integer or out of range\r\n", c.call("CLIENT", "PAUSE", "x"));
      assertEquals("-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n", c.call("CLIENT", "PAUSE", "10", "foo"));
      assertEquals("+OK\r\n", c.call("CLIENT", "UNPAUSE"));
    }
  }
}

package io.troupe.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CLIENT TRACKING / CACHING / GETREDIR / TRACKINGINFO, with the exact RESP3 invalidation pushes. */
class ClientTrackingIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void flush() throws IOException {
    try (RawClient c = client()) {
      c.call("FLUSHALL");
    }
  }

  private static RawClient client() throws IOException {
    return new RawClient(server.host(), server.port());
  }

  private static RawClient resp3() throws IOException {
    RawClient c = client();
    c.call("HELLO", "3");
    return c;
  }

  private static String push(String... keys) {
    StringBuilder sb = new StringBuilder(">2\r\n$10\r\ninvalidate\r\n*" + keys.length + "\r\n");
    for (String k : keys) {
      sb.append('$').append(k.length()).append("\r\n").append(k).append("\r\n");
    }
    return sb.toString();
  }

  @Test
  void defaultModeInvalidatesKeysTheClientRead() throws IOException {
    try (RawClient a = resp3(); RawClient b = client()) {
      assertEquals("+OK\r\n", a.call("CLIENT", "TRACKING", "on"));
      assertEquals("_\r\n", a.call("GET", "k1"));
      assertEquals("*2\r\n_\r\n_\r\n", a.call("MGET", "k2", "k3"));
      assertEquals("+OK\r\n", b.call("MSET", "k2", "v", "k3", "v"));
      assertEquals(push("k2"), a.reply());
      assertEquals(push("k3"), a.reply());
      // Invalidated once: the keys are forgotten until read again.
      assertEquals("+OK\r\n", b.call("SET", "k2", "w"));
      assertEquals(":1\r\n", b.call("DEL", "k3", "nokey"));
      assertEquals("$1\r\nw\r\n", a.call("GET", "k2"));
      assertEquals(":1\r\n", b.call("DEL", "k2"));
      assertEquals(push("k2"), a.reply());
      // The client's own write invalidates too (after its reply).
      assertEquals("+OK\r\n", a.call("SET", "k1", "x"));
      assertEquals(push("k1"), a.reply());
      assertEquals(":0\r\n", a.call("CLIENT", "GETREDIR"));
      assertEquals("%3\r\n$5\r\nflags\r\n~1\r\n$2\r\non\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*0\r\n",
          a.call("CLIENT", "TRACKINGINFO"));
      assertEquals("+OK\r\n", a.call("CLIENT", "TRACKING", "off"));
      assertEquals(":-1\r\n", a.call("CLIENT", "GETREDIR"));
    }
  }

  @Test
  void noloopSkipsTheClientsOwnWrites() throws IOException {
    try (RawClient a = resp3(); RawClient b = client()) {
      a.call("CLIENT", "TRACKING", "on", "NOLOOP");
      a.call("GET", "n");
      a.call("SET", "n", "1");
      assertEquals("+OK\r\n", b.call("SET", "n", "2"));
      assertEquals(":1\r\n", a.call("EXISTS", "n")); // nothing came before this reply
    }
  }

  @Test
  void bcastModeInvalidatesByPrefixAndFlushSendsNull() throws IOException {
    try (RawClient a = resp3(); RawClient b = client()) {
      assertEquals("+OK\r\n", a.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "p:", "PREFIX", "q"));
      assertEquals("-ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
          + "and then re-enabling it with a different mode.\r\n", a.call("CLIENT", "TRACKING", "on"));
      b.call("SET", "p:1", "x");
      assertEquals(push("p:1"), a.reply());
      b.call("SET", "other", "x");
      b.call("SET", "q2", "x");
      assertEquals(push("q2"), a.reply());
      b.call("FLUSHALL");
      assertEquals(">2\r\n$10\r\ninvalidate\r\n_\r\n", a.reply());
      assertEquals("%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$5\r\nbcast\r\n$8\r\nredirect\r\n:0\r\n"
          + "$8\r\nprefixes\r\n*2\r\n$2\r\np:\r\n$1\r\nq\r\n", a.call("CLIENT", "TRACKINGINFO"));
    }
  }

  @Test
  void optinTracksOnlyAfterCachingYes() throws IOException {
    try (RawClient a = resp3(); RawClient b = client()) {
      assertEquals("+OK\r\n", a.call("CLIENT", "TRACKING", "on", "OPTIN"));
      assertEquals("+OK\r\n", a.call("CLIENT", "CACHING", "yes"));
      a.call("GET", "o1");
      a.call("GET", "o2");
      b.call("SET", "o2", "x");
      b.call("SET", "o1", "x");
      assertEquals(push("o1"), a.reply());
      assertEquals("-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n",
          a.call("CLIENT", "CACHING", "no"));
      assertEquals("-ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
          + "and then re-enabling it with a different mode.\r\n", a.call("CLIENT", "TRACKING", "on", "OPTOUT"));
    }
  }

  @Test
  void redirectToARespTwoSubscriberSendsPubSubMessages() throws IOException {
    try (RawClient target = client(); RawClient a = client(); RawClient b = client()) {
      String id = target.call("CLIENT", "ID").substring(1).trim();
      target.call("SUBSCRIBE", "__redis__:invalidate");
      assertEquals("+OK\r\n", a.call("CLIENT", "TRACKING", "on", "REDIRECT", id));
      assertEquals(":" + id + "\r\n", a.call("CLIENT", "GETREDIR"));
      a.call("GET", "r");
      b.call("SET", "r", "1");
      assertEquals("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$1\r\nr\r\n", target.reply());
    }
  }

  @Test
  void errors() throws IOException {
    try (RawClient a = client()) {
      assertEquals("-ERR PREFIX option requires BCAST mode to be enabled\r\n",
          a.call("CLIENT", "TRACKING", "on", "PREFIX", "x"));
      assertEquals("-ERR Prefix 'ab' overlaps with another provided prefix 'a'. Prefixes for a single client "
          + "must not overlap.\r\n", a.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "ab", "PREFIX", "a"));
      assertEquals("-ERR You can't specify both OPTIN mode and OPTOUT mode\r\n",
          a.call("CLIENT", "TRACKING", "on", "OPTIN", "OPTOUT"));
      assertEquals("-ERR The client ID you want redirect to does not exist\r\n",
          a.call("CLIENT", "TRACKING", "on", "REDIRECT", "999999"));
      assertEquals("-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or "
          + "OPTOUT mode enabled\r\n", a.call("CLIENT", "CACHING", "yes"));
      assertEquals("-ERR syntax error\r\n", a.call("CLIENT", "TRACKING", "maybe"));
      assertEquals("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
          a.call("CLIENT", "TRACKINGINFO"));
      a.call("CLIENT", "TRACKING", "on");
      assertTrue(a.call("CLIENT", "INFO").contains(" flags=t "));
      assertTrue(a.call("INFO", "clients").contains("tracking_clients:1"));
    }
  }

  @Test
  void noTouchIsNotInRedis70() throws IOException {
    try (RawClient a = client()) {
      assertEquals("-ERR unknown subcommand 'NO-TOUCH'. Try CLIENT HELP.\r\n", a.call("CLIENT", "NO-TOUCH", "on"));
    }
  }
}

package io.troupe.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.troupe.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HELLO's exact replies over a raw socket, and Lettuce (which opens with HELLO 3) with and without a password. */
class HelloIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Redis 7.0.15's HELLO reply, RESP3 map form. */
  static String hello3(long id) {
    return "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
        + "$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n"
        + "$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";
  }

  @Test
  void hello3RepliesWithRedisMapAndSwitchesToResp3() throws Exception {
    try (RawClient c = new RawClient(server.host(), server.port())) {
      long id = Long.parseLong(c.call("CLIENT", "ID").substring(1).trim());
      assertEquals("$-1\r\n", c.call("GET", "missing"));
      assertEquals(hello3(id), c.call("HELLO", "3"));
      assertEquals("_\r\n", c.call("GET", "missing"));
      assertEquals("+PONG\r\n", c.call("PING"));
      String info = c.call("CLIENT", "INFO");
      assertTrue(info.startsWith("=") && info.contains("\r\ntxt:id=" + id + " ")
          && info.contains(" resp=3\n"), info);
      // HELLO with no version reports the current one; HELLO 2 answers in RESP2 already
      assertEquals(hello3(id), c.call("HELLO"));
      String hello2 = c.call("HELLO", "2");
      assertEquals("*14\r\n" + hello3(id).substring("%7\r\n".length())
          .replace("proto\r\n:3", "proto\r\n:2"), hello2);
      assertEquals("$-1\r\n", c.call("GET", "missing"));
    }
  }

  @Test
  void helloErrorsAndOptions() throws Exception {
    try (RawClient c = new RawClient(server.host(), server.port())) {
      assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "4"));
      assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "1"));
      assertEquals("-ERR Protocol version is not an integer or out of range\r\n",
          c.call("HELLO", "three"));
      assertEquals("-ERR Syntax error in HELLO option 'foo'\r\n", c.call("HELLO", "3", "foo"));
      assertEquals("-ERR Syntax error in HELLO option 'auth'\r\n",
          c.call("HELLO", "3", "auth", "default"));
      assertEquals("-ERR Syntax error in HELLO option 'setname'\r\n",
          c.call("HELLO", "2", "setname"));
      assertEquals("$-1\r\n", c.call("GET", "missing"), "still RESP2 after failed HELLOs");
      // no password configured: the default user takes any password; AUTH's
      // one-argument form errs; a user that does not exist is refused
      assertTrue(c.call("HELLO", "2", "AUTH", "default", "anything", "SETNAME", "a", "SETNAME", "b")
          .startsWith("*14\r\n"));
      assertEquals("$1\r\nb\r\n", c.call("CLIENT", "GETNAME"));
      assertEquals("-ERR AUTH <password> called without any password configured for the default"
          + " user. Are you sure your configuration is correct?\r\n", c.call("AUTH", "x"));
      assertEquals("+OK\r\n", c.call("AUTH", "default", "x"));
      assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
          c.call("AUTH", "someone", "x"));
    }
  }

  @Test
  void lettuceWithoutPassword() {
    RedisClient client = RedisClient.create(RedisURI.create(server.host(), server.port()));
    client.setDefaultTimeout(Duration.ofSeconds(5));
    try (StatefulRedisConnection<String, String> conn = client.connect()) {
      RedisCommands<String, String> r = conn.sync();
      assertEquals("PONG", r.ping());
      assertEquals("hi", r.echo("hi"));
      assertNull(r.get("missing"));
      assertTrue(r.clientInfo().contains(" resp=3"), "Lettuce talks RESP3");
      assertEquals("OK", r.select(2));
      assertNull(r.get("missing"));
      assertEquals(r.clientId(), Long.valueOf(r.clientInfo().split(" ")[0].substring(3)));
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  void lettuceWithPassword() {
    try (TestServer secured = TestServer.start("--requirepass", "s3cret")) {
      RedisClient ok = RedisClient.create(RedisURI.builder()
          .withHost(secured.host()).withPort(secured.port()).withPassword("s3cret".toCharArray())
          .withTimeout(Duration.ofSeconds(5)).build());
      try (StatefulRedisConnection<String, String> conn = ok.connect()) {
        RedisCommands<String, String> r = conn.sync();
        assertEquals("PONG", r.ping());
        assertNull(r.get("missing"));
        assertEquals("hello", r.echo("hello"));
      } finally {
        ok.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      RedisClient wrong = RedisClient.create(RedisURI.builder()
          .withHost(secured.host()).withPort(secured.port()).withPassword("nope".toCharArray())
          .withTimeout(Duration.ofSeconds(5)).build());
      try {
        RedisConnectionException e = assertThrows(RedisConnectionException.class, wrong::connect);
        Throwable cause = e;
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        assertEquals("WRONGPASS invalid username-password pair or user is disabled.",
            cause.getMessage());
      } finally {
        wrong.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    }
  }
}

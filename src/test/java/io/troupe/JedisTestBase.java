package io.troupe;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What the per-command-group ITs share: one node per test class, a fresh
 * Jedis connection on an empty node per test, and raw command helpers that
 * return replies as plain Java values (bulk strings as ISO-8859-1 strings,
 * arrays as lists) so tests can compare them with Redis's literal replies.
 */
public abstract class JedisTestBase {
  protected static TestServer server;
  protected Jedis j;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void connectClient() {
    j = new Jedis(server.host(), server.port());
    j.flushAll();
  }

  @AfterEach
  void closeClient() {
    j.close();
  }

  /** Sends a command as given; the reply decoded (see the class comment). */
  protected Object cmd(String... args) {
    byte[] name = args[0].getBytes(StandardCharsets.US_ASCII);
    return decode(j.sendCommand(() -> name, Arrays.copyOfRange(args, 1, args.length)));
  }

  protected static Object decode(Object o) {
    if (o instanceof byte[] b) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) {
        out.add(decode(x));
      }
      return out;
    }
    return o;
  }

  /** The error text a command answers with (fails when it does not fail). */
  protected String err(String... args) {
    return assertThrows(JedisDataException.class, () -> cmd(args)).getMessage();
  }
}

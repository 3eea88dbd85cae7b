package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class SmokeIT {
  @Test
  void pingAndGetThroughJedis() {
    try (TestServer s = TestServer.start(); Jedis j = new Jedis(s.host(), s.port())) {
      assertEquals("PONG", j.ping());
      assertNull(j.get("missing"));
      assertEquals("hello", j.echo("hello"));
    }
  }
}

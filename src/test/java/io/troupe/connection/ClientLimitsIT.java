package io.troupe.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import org.junit.jupiter.api.Test;

/** maxclients and timeout, as Redis applies them. */
class ClientLimitsIT {
  @Test
  void maxclientsRefusesTheExtraConnectionWithRedisError() throws Exception {
    try (TestServer s = TestServer.start("--maxclients", "2");
        RawClient a = new RawClient(s.host(), s.port());
        RawClient b = new RawClient(s.host(), s.port())) {
      assertEquals("+PONG\r\n", a.call("PING"));
      assertEquals("+PONG\r\n", b.call("PING"));
      try (RawClient c = new RawClient(s.host(), s.port())) {
        assertEquals("-ERR max number of clients reached\r\n", c.reply());
        assertTrue(c.closedByServer());
      }
      assertEquals("+PONG\r\n", a.call("PING"));
    }
  }

  @Test
  void idleClientsAreClosedButSubscribersAreNot() throws Exception {
    try (TestServer s = TestServer.start("--timeout", "1");
        RawClient idle = new RawClient(s.host(), s.port());
        RawClient subscriber = new RawClient(s.host(), s.port())) {
      assertEquals("+PONG\r\n", idle.call("PING"));
      subscriber.call("SUBSCRIBE", "ch");
      Thread.sleep(2600);
      assertTrue(idle.closedByServer());
      assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", subscriber.call("PING"));
    }
  }
}

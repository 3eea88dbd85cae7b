package io.troupe.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.io.IOException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MONITOR: Redis's line format and quoting, hidden admin commands, redaction, RESET. */
class MonitorIT {
  private static TestServer server;
  private static final Pattern LINE = Pattern.compile("\\+\\d{10}\\.\\d{6} \\[(\\d+) 127\\.0\\.0\\.1:\\d+\\] (.*)\r\n");

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String body(String line) {
    var m = LINE.matcher(line);
    assertTrue(m.matches(), line);
    return "[" + m.group(1) + "] " + m.group(2);
  }

  @Test
  void streamsEveryClientsCommands() throws IOException {
    try (RawClient mon = new RawClient(server.host(), server.port());
        RawClient c = new RawClient(server.host(), server.port())) {
      assertEquals("+OK\r\n", mon.call("MONITOR"));
      c.call("SET", "k", "a b\"\\\n\u0001");
      c.call("GET"); // refused (arity): not shown
      c.call("LPUSH", "k", "x"); // ran and failed: shown
      c.call("CONFIG", "GET", "port"); // admin: hidden
      c.call("AUTH", "secret");
      c.call("HELLO", "2", "AUTH", "default", "pw");
      c.call("SELECT", "3");
      c.call("PING");
      assertEquals("[0] \"SET\" \"k\" \"a b\\\"\\\\\\n\\x01\"", body(mon.reply()));
      assertEquals("[0] \"LPUSH\" \"k\" \"x\"", body(mon.reply()));
      assertEquals("[0] \"AUTH\" \"(redacted)\"", body(mon.reply()));
      assertEquals("[0] \"HELLO\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\"", body(mon.reply()));
      assertEquals("[3] \"SELECT\" \"3\"", body(mon.reply()));
      assertEquals("[3] \"PING\"", body(mon.reply()));
      assertTrue(c.call("CLIENT", "LIST").contains("flags=O"));
      assertEquals("-ERR Replica can't interact with the keyspace\r\n", mon.call("GET", "k"));
      assertEquals("+RESET\r\n", mon.call("RESET"));
      c.call("PING");
      assertEquals("+PONG\r\n", mon.call("PING")); // no monitor line any more
    }
  }
}

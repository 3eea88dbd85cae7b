package io.troupe.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ClientKillParams;

/** PING, ECHO, QUIT, SELECT, AUTH, RESET and CLIENT through Jedis and a raw socket, on a server with requirepass. */
class ConnectionCommandsIT {
  private static final String PASS = "secret";
  private static TestServer server;

  /** Redis 7.0.15's CLIENT INFO line for a fresh RESP2 connection running CLIENT INFO. */
  private static final Pattern CLIENT_INFO_LINE = Pattern.compile(
      "id=\\d+ addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:\\d+ fd=\\d+ name= age=\\d+ idle=\\d+"
          + " flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=\\d+ argv-mem=10"
          + " multi-mem=0 rbs=\\d+ rbp=\\d+ obl=0 oll=0 omem=0 tot-mem=\\d+ events=r"
          + " cmd=client\\|info user=default redir=-1 resp=2\n");

  @BeforeAll
  static void start() {
    server = TestServer.start("--requirepass", PASS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Jedis authed() {
    Jedis j = new Jedis(server.host(), server.port());
    j.auth(PASS);
    return j;
  }

  private static RawClient raw() throws Exception {
    return new RawClient(server.host(), server.port());
  }

  private static void assertError(String expected, Runnable r) {
    JedisDataException e = assertThrows(JedisDataException.class, r::run);
    assertEquals(expected, e.getMessage());
  }

  @Test
  void commandsNeedAuthUntilAuthSucceeds() {
    try (Jedis j = new Jedis(server.host(), server.port())) {
      assertError("NOAUTH Authentication required.", j::ping);
      assertError("NOAUTH Authentication required.", () -> j.get("k"));
      assertError("NOAUTH Authentication required.", j::clientId);
      assertError("WRONGPASS invalid username-password pair or user is disabled.",
          () -> j.auth("wrong"));
      assertError("WRONGPASS invalid username-password pair or user is disabled.",
          () -> j.auth("nobody", PASS));
      assertError("WRONGPASS invalid username-password pair or user is disabled.",
          () -> j.auth("default", "wrong"));
      assertError("NOAUTH Authentication required.", j::ping);
      assertEquals("OK", j.auth(PASS));
      assertEquals("PONG", j.ping());
      assertEquals("OK", j.auth("default", PASS));
      // a failed AUTH does not undo an earlier success
      assertError("WRONGPASS invalid username-password pair or user is disabled.",
          () -> j.auth("wrong"));
      assertEquals("PONG", j.ping());
    }
  }

  @Test
  void authSyntaxAndHelloRefusedWithoutAuth() throws Exception {
    try (RawClient c = raw()) {
      assertEquals("-ERR syntax error\r\n", c.call("AUTH", "a", "b", "c"));
      assertEquals("-NOAUTH HELLO must be called with the client already authenticated, otherwise"
          + " the HELLO AUTH <user> <pass> option can be used to authenticate the client and"
          + " select the RESP protocol version at the same time\r\n", c.call("HELLO", "3"));
      assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
          c.call("HELLO", "3", "AUTH", "default", "nope"));
      assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
          c.call("HELLO", "3", "SETNAME", "a b"));
      assertEquals("-NOAUTH Authentication required.\r\n", c.call("PING"));
      String hello = c.call("HELLO", "2", "AUTH", "default", PASS, "SETNAME", "viahello");
      assertTrue(hello.startsWith("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n"), hello);
      assertEquals("$8\r\nviahello\r\n", c.call("CLIENT", "GETNAME"));
      assertEquals("+PONG\r\n", c.call("PING"));
    }
  }

  @Test
  void pingAndEcho() {
    try (Jedis j = authed()) {
      assertEquals("PONG", j.ping());
      assertEquals("hi", j.ping("hi"));
      assertEquals("hello", j.echo("hello"));
      assertError("ERR wrong number of arguments for 'ping' command",
          () -> j.sendCommand(redis.clients.jedis.Protocol.Command.PING, "a", "b"));
    }
  }

  @Test
  void selectIsPerConnection() {
    try (Jedis a = authed(); Jedis b = authed()) {
      assertEquals("OK", a.select(5));
      assertTrue(a.clientInfo().contains(" db=5 "), a.clientInfo());
      assertTrue(b.clientInfo().contains(" db=0 "), b.clientInfo());
      long aid = a.clientId();
      String seenByB = b.clientList(aid);
      assertTrue(seenByB.startsWith("id=" + aid + " ") && seenByB.contains(" db=5 "), seenByB);
      assertNull(a.get("missing"));
      assertError("ERR DB index is out of range", () -> a.select(16));
      assertError("ERR DB index is out of range", () -> a.select(-1));
      assertError("ERR value is not an integer or out of range",
          () -> a.sendCommand(redis.clients.jedis.Protocol.Command.SELECT, "+1"));
      assertError("ERR value is out of range, value must between -2147483648 and 2147483647",
          () -> a.sendCommand(redis.clients.jedis.Protocol.Command.SELECT, "99999999999"));
      assertTrue(a.clientInfo().contains(" db=5 "), "a failed SELECT keeps the db");
    }
  }

  @Test
  void clientNames() {
    try (Jedis j = authed(); Jedis other = authed()) {
      assertNull(j.clientGetname());
      assertEquals("OK", j.clientSetname("worker-1"));
      assertEquals("worker-1", j.clientGetname());
      assertTrue(other.clientList().contains(" name=worker-1 "));
      for (String bad : new String[] {"a b", "x\ny", "caf\u00e9", "tab\t"}) {
        assertError("ERR Client names cannot contain spaces, newlines or special characters.",
            () -> j.clientSetname(bad));
      }
      assertEquals("worker-1", j.clientGetname());
      assertEquals("OK", j.clientSetname(""));
      assertNull(j.clientGetname());
    }
  }

  @Test
  void clientInfoAndListLayout() throws Exception {
    try (RawClient c = raw(); Jedis other = authed()) {
      c.call("AUTH", PASS);
      String info = c.call("CLIENT", "INFO");
      int nl = info.indexOf("\r\n");
      String body = info.substring(nl + 2, info.length() - 2);
      assertEquals("$" + body.length(), info.substring(0, nl));
      assertTrue(CLIENT_INFO_LINE.matcher(body).matches(), body);
      long id = Long.parseLong(body.substring(3, body.indexOf(' ')));
      assertEquals(":" + id + "\r\n", c.call("CLIENT", "ID"));

      String all = other.clientList();
      assertTrue(all.contains("id=" + id + " "), all);
      assertTrue(all.contains("id=" + other.clientId() + " "), all);
      assertTrue(all.endsWith("\n"));
      assertEquals(all.split("\n").length, other.clientList(ClientType.NORMAL).split("\n").length);
      assertEquals("", other.clientList(ClientType.PUBSUB));
      assertEquals("", other.clientList(ClientType.REPLICA));
      assertEquals("", other.clientList(ClientType.MASTER));
      String two = other.clientList(id, 999999, other.clientId());
      assertEquals(2, two.split("\n").length, two);
      assertTrue(two.startsWith("id=" + id + " "));
      assertEquals("$0\r\n\r\n", c.call("CLIENT", "LIST", "ID", "999999"));
      assertEquals("-ERR Invalid client ID\r\n", c.call("CLIENT", "LIST", "ID", "1", "x"));
      assertEquals("-ERR Unknown client type 'foo'\r\n", c.call("CLIENT", "LIST", "TYPE", "foo"));
      assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "LIST", "TYPE", "normal", "ID", "1"));
      assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "LIST", "ID"));

      assertEquals("+OK\r\n", c.call("CLIENT", "NO-EVICT", "on"));
      assertTrue(c.call("CLIENT", "INFO").contains(" flags=e "));
      assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "NO-EVICT", "maybe"));
      assertEquals("+OK\r\n", c.call("CLIENT", "NO-EVICT", "OFF"));
      assertTrue(c.call("CLIENT", "INFO").contains(" flags=N "));
    }
  }

  @Test
  void clientKillByIdAndAddress() throws Exception {
    try (Jedis killer = authed(); Jedis v1 = authed(); Jedis v2 = authed()) {
      long id1 = v1.clientId();
      assertEquals(1, killer.clientKill(ClientKillParams.clientKillParams().id(Long.toString(id1))));
      assertThrows(JedisConnectionException.class, v1::ping);
      assertEquals(0, killer.clientKill(ClientKillParams.clientKillParams().id("999999")));

      String line = killer.clientList(v2.clientId());
      String addr = line.split(" ")[1].substring("addr=".length());
      assertEquals("OK", killer.clientKill(addr)); // the old form
      assertThrows(JedisConnectionException.class, v2::ping);
      assertError("ERR No such client", () -> killer.clientKill(addr));
      assertEquals("PONG", killer.ping());
    }
  }

  @Test
  void clientKillFilters() throws Exception {
    try (Jedis killer = authed(); Jedis victim = authed(); RawClient self = raw()) {
      assertError("ERR client-id should be greater than 0",
          () -> killer.clientKill(ClientKillParams.clientKillParams().id("0")));
      assertError("ERR client-id should be greater than 0",
          () -> killer.clientKill(ClientKillParams.clientKillParams().id("abc")));
      assertError("ERR No such user 'nobody'",
          () -> killer.clientKill(ClientKillParams.clientKillParams().user("nobody")));
      assertError("ERR Unknown client type 'foo'",
          () -> killer.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE", "foo"));
      assertError("ERR syntax error",
          () -> killer.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "ID", "1", "ID"));
      assertError("ERR syntax error",
          () -> killer.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "SKIPME", "maybe"));
      assertEquals(0, killer.clientKill(ClientKillParams.clientKillParams().type(ClientType.PUBSUB)));

      // LADDR + ID: only the victim; SKIPME (default yes) spares the caller
      String laddr = server.host() + ":" + server.port();
      long vid = victim.clientId();
      assertEquals(1, killer.clientKill(ClientKillParams.clientKillParams()
          .laddr(laddr).id(Long.toString(vid))));
      assertThrows(JedisConnectionException.class, victim::ping);

      // a client killing itself gets its reply, then the connection closes
      self.call("AUTH", PASS);
      String selfId = self.call("CLIENT", "ID").substring(1).trim();
      assertEquals(":1\r\n", self.call("CLIENT", "KILL", "ID", selfId, "SKIPME", "no"));
      assertTrue(self.closedByServer());
      assertEquals("PONG", killer.ping());
    }
  }

  @Test
  void clientReplyOffSkipOn() throws Exception {
    try (RawClient c = raw()) {
      assertEquals("+OK\r\n", c.call("AUTH", PASS));
      c.send("CLIENT", "REPLY", "OFF");
      c.send("PING");
      c.send("GET", "k");
      c.send("NOSUCHCOMMAND");
      assertTrue(c.silentFor(300), "nothing while replies are off");
      assertEquals("+OK\r\n", c.call("CLIENT", "REPLY", "ON"));
      c.send("CLIENT", "REPLY", "SKIP");
      c.send("ECHO", "skipped");
      assertEquals("$4\r\nseen\r\n", c.call("ECHO", "seen"));
      // pipelined: the skip applies to the next command only, whatever it is
      c.pipeline(new String[] {"CLIENT", "REPLY", "SKIP"}, new String[] {"GET", "k"},
          new String[] {"ECHO", "after"});
      assertEquals("$5\r\nafter\r\n", c.reply());
      assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "REPLY", "maybe"));
    }
  }

  @Test
  void quitRepliesThenCloses() throws Exception {
    try (RawClient c = raw()) {
      assertEquals("+OK\r\n", c.call("QUIT"));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void resetRestoresAFreshConnection() throws Exception {
    try (RawClient c = raw()) {
      assertEquals("+OK\r\n", c.call("AUTH", PASS));
      assertEquals("+OK\r\n", c.call("SELECT", "3"));
      assertEquals("+OK\r\n", c.call("CLIENT", "SETNAME", "before"));
      assertTrue(c.call("HELLO", "3").startsWith("%7\r\n"));
      c.send("CLIENT", "REPLY", "OFF");
      assertEquals("+RESET\r\n", c.call("RESET"));
      assertEquals("-NOAUTH Authentication required.\r\n", c.call("PING"));
      assertEquals("+OK\r\n", c.call("AUTH", PASS));
      String info = c.call("CLIENT", "INFO");
      assertTrue(info.startsWith("$"), "RESP2 again: " + info);
      assertTrue(info.contains(" name= ") && info.contains(" db=0 ") && info.contains(" resp=2\n"),
          info);
      assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
    }
  }

  @Test
  void clientHelpIsRedisText() throws Exception {
    try (RawClient c = raw()) {
      c.call("AUTH", PASS);
      String help = c.call("CLIENT", "HELP");
      assertTrue(help.startsWith("*48\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]."
          + " Subcommands are:\r\n+CACHING (YES|NO)\r\n"), help);
      assertTrue(help.endsWith("+NO-EVICT (ON|OFF)\r\n"
          + "+    Protect current client connection from eviction.\r\n+HELP\r\n"
          + "+    Prints this help.\r\n"), help);
      assertEquals("-ERR unknown subcommand 'SETINFO'. Try CLIENT HELP.\r\n",
          c.call("CLIENT", "SETINFO", "LIB-NAME", "x"));
    }
  }
}

package io.troupe.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.TestServer;
import io.troupe.connection.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * ACL through Jedis and a raw socket, replies and texts as Redis 7.0.15 gives
 * them (taken from a real redis-server with the same commands).
 */
class AclCommandsIT {
  private static final String ALICE_HASH = "f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a"; // "p1"
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
  void clean() {
    try (Jedis j = jedis()) {
      for (Object name : (List<?>) acl(j, "USERS")) {
        String n = text(name);
        if (!n.equals("default")) {
          acl(j, "DELUSER", n);
        }
      }
      acl(j, "LOG", "RESET");
    }
  }

  private static Jedis jedis() {
    return new Jedis(server.host(), server.port());
  }

  private static Object acl(Jedis j, String... args) {
    return j.sendCommand(() -> "ACL".getBytes(StandardCharsets.US_ASCII), args);
  }

  private static String text(Object o) {
    return new String((byte[]) o, StandardCharsets.ISO_8859_1);
  }

  /** Byte arrays to strings, lists recursively. */
  private static Object decode(Object o) {
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

  private static void assertError(String expected, Runnable r) {
    JedisDataException e = assertThrows(JedisDataException.class, r::run);
    assertEquals(expected, e.getMessage());
  }

  @Test
  void defaultUserAndWhoami() {
    try (Jedis j = jedis()) {
      assertEquals(List.of("user default on nopass ~* &* +@all"), decode(acl(j, "LIST")));
      assertEquals(List.of("default"), decode(acl(j, "USERS")));
      assertEquals("default", text(acl(j, "WHOAMI")));
      assertEquals(List.of("flags", List.of("on", "nopass"), "passwords", List.of(), "commands", "+@all",
          "keys", "~*", "channels", "&*", "selectors", List.of()), decode(acl(j, "GETUSER", "default")));
      assertEquals(null, acl(j, "GETUSER", "nobody"));
    }
  }

  @Test
  void setUserGetUserAndListAsRedisDescribesThem() {
    try (Jedis j = jedis()) {
      assertEquals("OK", text(acl(j, "SETUSER", "alice", "on", ">p1", "~foo*", "%R~bar*", "&chan*", "+get",
          "+set", "+client|id", "-@dangerous")));
      assertEquals(List.of("flags", List.of("on"), "passwords", List.of(ALICE_HASH),
          "commands", "-@all +client|id +get +set", "keys", "~foo* %R~bar*", "channels", "&chan*",
          "selectors", List.of()), decode(acl(j, "GETUSER", "alice")));
      acl(j, "SETUSER", "bob", "+@string", "-get", "-@all", "+@read", "-@write");
      acl(j, "SETUSER", "y", "%rw~a", "%W~c", "%R~c", "~d", "%R~d");
      acl(j, "SETUSER", "z", "allcommands", "allkeys", "nopass", "reset");
      assertEquals(List.of(
          "user alice on #" + ALICE_HASH + " ~foo* %R~bar* resetchannels &chan* -@all +client|id +get +set",
          "user bob off resetchannels -@all +@read",
          "user default on nopass ~* &* +@all",
          "user y off ~a ~c ~d resetchannels -@all",
          "user z off sanitize-payload resetchannels -@all"), decode(acl(j, "LIST")));
      assertEquals(List.of("alice", "bob", "default", "y", "z"), decode(acl(j, "USERS")));
    }
  }

  @Test
  void getUserInResp3WithSelectorsIsByteExact() throws Exception {
    try (RawClient c = new RawClient(server.host(), server.port())) {
      c.call("HELLO", "3");
      assertEquals("+OK\r\n", c.call("ACL", "SETUSER", "dave", "+select|0", "+select|1", "+client|id", "~",
          "&", "(~x", "+get)"));
      assertEquals("%6\r\n$5\r\nflags\r\n~1\r\n$3\r\noff\r\n$9\r\npasswords\r\n*0\r\n"
          + "$8\r\ncommands\r\n$36\r\n-@all +client|id +select|0 +select|1\r\n$4\r\nkeys\r\n$1\r\n~\r\n"
          + "$8\r\nchannels\r\n$1\r\n&\r\n$9\r\nselectors\r\n*1\r\n%3\r\n$8\r\ncommands\r\n$10\r\n-@all +get\r\n"
          + "$4\r\nkeys\r\n$2\r\n~x\r\n$8\r\nchannels\r\n$0\r\n\r\n", c.call("ACL", "GETUSER", "dave"));
      assertEquals("_\r\n", c.call("ACL", "GETUSER", "nobody"));
    }
  }

  @Test
  void setUserErrorsChangeNothing() {
    try (Jedis j = jedis()) {
      acl(j, "SETUSER", "e", "on", "+get");
      assertError("ERR Error in ACL SETUSER modifier '+foo': Unknown command or category name in ACL",
          () -> acl(j, "SETUSER", "e", "+set", "+foo"));
      assertError("ERR Error in ACL SETUSER modifier '-select|0': Unknown command or category name in ACL",
          () -> acl(j, "SETUSER", "e", "-select|0"));
      assertError("ERR Error in ACL SETUSER modifier 'bar': Syntax error", () -> acl(j, "SETUSER", "e", "bar"));
      assertError("ERR Error in ACL SETUSER modifier '%RR~b': Syntax error",
          () -> acl(j, "SETUSER", "e", "%RR~b"));
      assertError("ERR Error in ACL SETUSER modifier '#abc': The password hash must be exactly 64 characters "
          + "and contain only lowercase hexadecimal characters", () -> acl(j, "SETUSER", "e", "#abc"));
      assertError("ERR Error in ACL SETUSER modifier '<nope': The password you are trying to remove from the "
          + "user does not exist", () -> acl(j, "SETUSER", "e", "<nope"));
      assertError("ERR Error in ACL SETUSER modifier '~a': Adding a pattern after the * pattern (or the "
          + "'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty "
          + "list of patterns", () -> acl(j, "SETUSER", "e", "allkeys", "~a"));
      assertError("ERR Error in ACL SETUSER modifier '&a': Adding a pattern after the * pattern (or the "
          + "'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with "
          + "an empty list of channels", () -> acl(j, "SETUSER", "e", "allchannels", "&a"));
      assertError("ERR Error in ACL SETUSER modifier '+config|get|x': Allowing first-arg of a subcommand is "
          + "not supported", () -> acl(j, "SETUSER", "e", "+config|get|x"));
      assertError("ERR Unmatched parenthesis in acl selector starting at '(~x'.",
          () -> acl(j, "SETUSER", "e", "(~x"));
      assertEquals(List.of("user default on nopass ~* &* +@all", "user e on resetchannels -@all +get"),
          decode(acl(j, "LIST")));
    }
  }

  @Test
  void catGenpassHelp() {
    try (Jedis j = jedis()) {
      assertEquals(List.of("keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap",
          "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous",
          "connection", "transaction", "scripting"), decode(acl(j, "CAT")));
      @SuppressWarnings("unchecked")
      List<Object> hll = (List<Object>) decode(acl(j, "CAT", "hyperloglog"));
      assertEquals(List.of("pfadd", "pfcount", "pfmerge"), hll.stream().sorted().toList());
      assertError("ERR Unknown category 'foo'", () -> acl(j, "CAT", "foo"));
      assertError("ERR unknown subcommand or wrong number of arguments for 'CAT'. Try ACL HELP.",
          () -> acl(j, "CAT", "a", "b"));
      assertError("ERR unknown subcommand or wrong number of arguments for 'LOG'. Try ACL HELP.",
          () -> acl(j, "LOG", "1", "2"));
      assertTrue(text(acl(j, "GENPASS")).matches("[0-9a-f]{64}"));
      assertTrue(text(acl(j, "GENPASS", "5")).matches("[0-9a-f]{2}"));
      String bits = "ERR ACL GENPASS argument must be the number of bits for the output password, a positive "
          + "number up to 4096";
      assertError(bits, () -> acl(j, "GENPASS", "0"));
      assertError(bits, () -> acl(j, "GENPASS", "4097"));
      assertError("ERR value is not an integer or out of range", () -> acl(j, "GENPASS", "abc"));
      List<?> help = (List<?>) decode(acl(j, "HELP"));
      assertEquals(29, help.size());
      assertEquals("ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help.get(0));
    }
  }

  @Test
  void dryRunTellsWhatWouldBeRefused() {
    try (Jedis j = jedis()) {
      acl(j, "SETUSER", "wu", "on", "nopass", "%W~w*", "%R~r*", "+@all", "-del", "-@dangerous");
      assertEquals("OK", text(acl(j, "DRYRUN", "wu", "set", "w1", "x")));
      assertEquals("This user has no permissions to access the 'w1' key",
          text(acl(j, "DRYRUN", "wu", "set", "w1", "x", "get")));
      assertEquals("This user has no permissions to access the 'w1' key",
          text(acl(j, "DRYRUN", "wu", "get", "w1")));
      assertEquals("OK", text(acl(j, "DRYRUN", "wu", "exists", "w1")));
      assertEquals("OK", text(acl(j, "DRYRUN", "wu", "copy", "r1", "w1")));
      assertEquals("This user has no permissions to access the 'w1' key",
          text(acl(j, "DRYRUN", "wu", "rename", "w1", "w2")));
      assertEquals("This user has no permissions to access the 'r1' key",
          text(acl(j, "DRYRUN", "wu", "lmove", "r1", "w1", "left", "left")));
      assertEquals("OK", text(acl(j, "DRYRUN", "wu", "zunionstore", "w1", "2", "r1", "r2")));
      assertEquals("This user has no permissions to run the 'del' command",
          text(acl(j, "DRYRUN", "wu", "del", "w1")));
      assertError("ERR User 'nobody' not found", () -> acl(j, "DRYRUN", "nobody", "get", "a"));
      assertError("ERR Command 'foo' not found", () -> acl(j, "DRYRUN", "wu", "foo", "a"));
      assertError("ERR wrong number of arguments for 'get' command", () -> acl(j, "DRYRUN", "wu", "get"));
      assertError("ERR wrong number of arguments for 'config' command", () -> acl(j, "DRYRUN", "wu", "config"));
      assertError("ERR Command 'config' not found", () -> acl(j, "DRYRUN", "wu", "config", "foo"));
      assertEquals("This user has no permissions to run the 'config|get' command",
          text(acl(j, "DRYRUN", "wu", "config", "get", "x")));
      assertEquals(List.of(), decode(acl(j, "LOG"))); // a dry run logs nothing
    }
  }

  @Test
  void authAsAnotherUserAndRefusalsWithNopermAndAclLog() {
    try (Jedis admin = jedis(); Jedis j = jedis()) {
      acl(admin, "SETUSER", "alice", "on", ">p1", "~foo*", "%R~bar*", "+get", "+set", "+client|list",
          "+acl|whoami");
      assertEquals("OK", j.auth("alice", "p1"));
      assertEquals("alice", text(acl(j, "WHOAMI")));
      assertTrue(j.clientList().contains(" cmd=client|list user=alice "), j.clientList());
      assertEquals(null, j.get("foo1"));
      assertEquals(null, j.get("bar1"));
      assertEquals("OK", j.set("foo1", "v"));
      assertError("NOPERM this user has no permissions to access one of the keys used as arguments",
          () -> j.set("bar1", "x"));
      assertError("NOPERM this user has no permissions to run the 'del' command", () -> j.del("foo1"));
      assertError("NOPERM this user has no permissions to run the 'acl|log' command", () -> acl(j, "LOG"));
      assertError("WRONGPASS invalid username-password pair or user is disabled.", () -> j.auth("alice", "no"));
      assertError("WRONGPASS invalid username-password pair or user is disabled.", () -> j.auth("nobody", "x"));
      assertEquals("alice", text(acl(j, "WHOAMI"))); // a failed AUTH leaves the user as it was

      List<?> log = (List<?>) decode(acl(admin, "LOG"));
      assertEquals(5, log.size());
      assertLogEntry(log.get(0), 1, "auth", "auth", "nobody", "auth");
      assertLogEntry(log.get(1), 1, "auth", "auth", "alice", "auth");
      assertLogEntry(log.get(2), 1, "command", "acl|log", "alice", "acl|log");
      assertLogEntry(log.get(3), 1, "command", "del", "alice", "del");
      assertLogEntry(log.get(4), 1, "key", "bar1", "alice", "set");
      assertThrows(JedisDataException.class, () -> j.set("bar1", "x"));
      log = (List<?>) decode(acl(admin, "LOG", "1"));
      assertEquals(1, log.size());
      assertLogEntry(log.get(0), 2, "key", "bar1", "alice", "set"); // grouped, moved to the front
      assertEquals(List.of(), decode(acl(admin, "LOG", "-1")));
      assertError("ERR value is not an integer or out of range", () -> acl(admin, "LOG", "abc"));
      assertEquals("OK", text(acl(admin, "LOG", "RESET")));
      assertEquals(List.of(), decode(acl(admin, "LOG")));

      assertEquals("OK", j.auth("default", "anything")); // nopass: any password
      assertEquals("default", text(acl(j, "WHOAMI")));
    }
  }

  private static void assertLogEntry(Object entry, long count, String reason, String object, String username,
      String cmd) {
    List<?> e = (List<?>) entry;
    assertEquals(14, e.size());
    assertEquals(List.of("count", count, "reason", reason, "context", "toplevel", "object", object,
        "username", username), e.subList(0, 10));
    assertEquals("age-seconds", e.get(10));
    double age = Double.parseDouble((String) e.get(11));
    assertTrue(age >= 0 && age < 30, "age " + age);
    assertEquals("client-info", e.get(12));
    String info = (String) e.get(13);
    assertTrue(info.startsWith("id=") && info.contains(" cmd=" + cmd + " "), info);
  }

  @Test
  void helloAuthAndResetAndDisabledUsers() throws Exception {
    try (Jedis admin = jedis(); RawClient c = new RawClient(server.host(), server.port())) {
      acl(admin, "SETUSER", "bob", "on", ">pw", "+@all", "~*");
      String hello = c.call("HELLO", "2", "AUTH", "bob", "pw");
      assertTrue(hello.startsWith("*14\r\n$6\r\nserver\r\n"), hello);
      assertEquals("$3\r\nbob\r\n", c.call("ACL", "WHOAMI"));
      assertEquals("+RESET\r\n", c.call("RESET"));
      assertEquals("$7\r\ndefault\r\n", c.call("ACL", "WHOAMI"));
      acl(admin, "SETUSER", "bob", "off");
      assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
          c.call("AUTH", "bob", "pw"));
      assertEquals("-ERR AUTH <password> called without any password configured for the default user. Are you"
          + " sure your configuration is correct?\r\n", c.call("AUTH", "pw"));
    }
  }

  @Test
  void delUserAndClientKillUserDisconnectThatUsersClients() throws Exception {
    try (Jedis admin = jedis(); Jedis bob = jedis(); Jedis carl = jedis()) {
      acl(admin, "SETUSER", "bob", "on", ">pw", "+@all", "~*");
      acl(admin, "SETUSER", "carl", "on", ">pw", "+@all", "~*");
      bob.auth("bob", "pw");
      carl.auth("carl", "pw");
      assertError("ERR No such user 'nobody'", () -> admin.clientKill(
          new redis.clients.jedis.params.ClientKillParams().user("nobody")));
      assertEquals(1L, admin.clientKill(new redis.clients.jedis.params.ClientKillParams().user("carl")));
      assertError("ERR The 'default' user cannot be removed", () -> acl(admin, "DELUSER", "bob", "default"));
      assertEquals(1L, acl(admin, "DELUSER", "bob", "nonexistent"));
      assertThrows(JedisConnectionException.class, () -> {
        for (int i = 0; i < 50; i++) {
          bob.ping();
          Thread.sleep(20);
        }
      });
      assertThrows(JedisConnectionException.class, carl::ping);
      assertEquals("PONG", admin.ping());
    }
  }

  @Test
  void requirepassIsTheDefaultUsersPassword() {
    try (TestServer s = TestServer.start("--requirepass", "sesame")) {
      try (Jedis j = new Jedis(s.host(), s.port())) {
        assertError("NOAUTH Authentication required.", j::ping);
        assertEquals("OK", j.auth("sesame"));
        assertEquals(List.of("flags", List.of("on"), "passwords", List.of(
                "d0c04f4b1951e4aeaaec8223ed2039e542f3aae805a6fa7f6d794e5afff5d272"), "commands", "+@all",
            "keys", "~*", "channels", "&*", "selectors", List.of()), decode(acl(j, "GETUSER", "default")));
        j.configSet("requirepass", "other");
        assertEquals(List.of("user default on #" + Rules.hash("other".getBytes(StandardCharsets.UTF_8))
            + " ~* &* +@all"), decode(acl(j, "LIST")));
        j.configSet("requirepass", "");
        assertEquals(List.of("user default on nopass ~* &* +@all"), decode(acl(j, "LIST")));
      }
    }
  }

  @Test
  void aclFileSaveThenLoadRoundTrip(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("users.acl");
    Files.writeString(file, "user default on nopass ~* &* +@all\n"
        + "user bob on #" + ALICE_HASH + " ~k* +get\n");
    try (TestServer s = TestServer.start("--aclfile", file.toString())) {
      try (Jedis j = new Jedis(s.host(), s.port())) {
        assertEquals(List.of("user bob on #" + ALICE_HASH + " ~k* resetchannels -@all +get",
            "user default on nopass ~* &* +@all"), decode(acl(j, "LIST")));
        acl(j, "SETUSER", "carl", "on", ">x", "%R~a*", "&c", "(~x", "+set)");
        assertEquals("OK", text(acl(j, "SAVE")));
        String saved = "user bob on #" + ALICE_HASH + " ~k* resetchannels -@all +get\n"
            + "user carl on #2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 %R~a* "
            + "resetchannels &c -@all (~x resetchannels -@all +set)\n"
            + "user default on nopass ~* &* +@all\n";
        assertEquals(saved, Files.readString(file));

        acl(j, "DELUSER", "carl");
        acl(j, "SETUSER", "temp", "on");
        assertEquals("OK", text(acl(j, "LOAD")));
        assertEquals(List.of(saved.split("\n")), decode(acl(j, "LIST")));

        Files.writeString(file, "user default on nopass ~* &* +@all\nuser bob on +foo\nfoo bar\nuser x\n"
            + "user default off\n");
        assertError("ERR " + file + ":2: Error in applying operation '+foo': Unknown command or category name in"
            + " ACL. " + file + ":3 should start with user keyword followed by the username. WARNING: Duplicate"
            + " user 'default' found on line 5. WARNING: ACL errors detected, no change to the previously"
            + " active ACL rules was performed", () -> acl(j, "LOAD"));
        assertEquals(List.of(saved.split("\n")), decode(acl(j, "LIST")));
      }
    }
  }

  @Test
  void saveAndLoadWithoutAclFile() {
    String err = "ERR This Redis instance is not configured to use an ACL file. You may want to specify users "
        + "via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration"
        + " file set) in order to store users in the Redis configuration.";
    try (Jedis j = jedis()) {
      assertError(err, () -> acl(j, "SAVE"));
      assertError(err, () -> acl(j, "LOAD"));
    }
  }

  /**
   * Protected mode refuses a client from another address than 127.0.0.1 or
   * ::1 when the default user has no password. 127.0.0.2 is such an address
   * (Redis 7.0.15 refuses it too) and stays on the loopback interface.
   */
  @Test
  void protectedModeRefusesNonLoopbackClients() throws Exception {
    InetAddress other = InetAddress.getByName("127.0.0.2");
    assumeTrue(canBind(other), "no second loopback address to connect from");
    try (Socket sock = new Socket()) {
      sock.bind(new InetSocketAddress(other, 0));
      sock.connect(new InetSocketAddress(server.host(), server.port()));
      sock.setSoTimeout(5000);
      String got = readAll(sock.getInputStream());
      assertTrue(got.startsWith("-DENIED Redis is running in protected mode because protected mode is enabled"
          + " and no password is set for the default user. In this mode connections are only accepted from the"
          + " loopback interface."), got);
      assertTrue(got.endsWith("NOTE: You only need to do one of the above things in order for the server to"
          + " start accepting connections from the outside.\r\n"), got);
      assertEquals("-" + io.troupe.resp.RespErrors.DENIED_PROTECTED_MODE + "\r\n", got);
    }
    try (Jedis j = jedis()) {
      j.configSet("protected-mode", "no");
      try (Socket sock = new Socket()) {
        sock.bind(new InetSocketAddress(other, 0));
        sock.connect(new InetSocketAddress(server.host(), server.port()));
        sock.setSoTimeout(5000);
        sock.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buf = new byte[7];
        assertEquals(7, sock.getInputStream().readNBytes(buf, 0, 7));
        assertEquals("+PONG\r\n", new String(buf, StandardCharsets.US_ASCII));
      } finally {
        j.configSet("protected-mode", "yes");
      }
      assertTrue(j.info("stats").contains("rejected_connections:"));
      assertFalse(j.info("stats").contains("rejected_connections:0\r"));
    }
  }

  private static boolean canBind(InetAddress a) {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(a, 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    int n;
    while ((n = in.read(buf)) >= 0) {
      b.write(buf, 0, n);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}

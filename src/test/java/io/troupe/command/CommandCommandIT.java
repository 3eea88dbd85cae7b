package io.troupe.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import io.troupe.connection.RawClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.CommandListFilterByParams;
import redis.clients.jedis.resps.CommandDocument;
import redis.clients.jedis.resps.CommandInfo;

/** COMMAND and its subcommands, against the bytes a real Redis 7.0.15 sends. */
class CommandCommandIT {
  private static TestServer server;
  private static Jedis jedis;

  /** Redis 7.0.15's reply to COMMAND INFO get, RESP2. */
  private static final String INFO_GET_RESP2 = "*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n"
      + "+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*1\r\n*6\r\n"
      + "$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n"
      + "$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n"
      + "$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\n"
      + "keystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n";

  /** The same in RESP3: sets for flags, categories, tips and key specs, maps in key specs. */
  private static final String INFO_GET_RESP3 = "*1\r\n*10\r\n$3\r\nget\r\n:2\r\n~2\r\n+readonly\r\n"
      + "+fast\r\n:1\r\n:1\r\n:1\r\n~3\r\n+@read\r\n+@string\r\n+@fast\r\n~0\r\n~1\r\n%3\r\n"
      + "$5\r\nflags\r\n~2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n%2\r\n$4\r\ntype\r\n"
      + "$5\r\nindex\r\n$4\r\nspec\r\n%1\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n%2\r\n"
      + "$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n%3\r\n$7\r\nlastkey\r\n:0\r\n$7\r\n"
      + "keystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n~0\r\n";

  /** Redis 7.0.15's reply to COMMAND DOCS get, RESP2 (flat) and RESP3 (maps). */
  private static final String DOCS_GET_RESP2 = "*2\r\n$3\r\nget\r\n*10\r\n$7\r\nsummary\r\n$22\r\n"
      + "Get the value of a key\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n"
      + "$10\r\ncomplexity\r\n$4\r\nO(1)\r\n$9\r\narguments\r\n*1\r\n*6\r\n$4\r\nname\r\n$3\r\n"
      + "key\r\n$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n";
  private static final String DOCS_GET_RESP3 = "%1\r\n$3\r\nget\r\n%5\r\n$7\r\nsummary\r\n$22\r\n"
      + "Get the value of a key\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n"
      + "$10\r\ncomplexity\r\n$4\r\nO(1)\r\n$9\r\narguments\r\n*1\r\n%3\r\n$4\r\nname\r\n$3\r\n"
      + "key\r\n$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n";

  /** Redis 7.0.15's COMMAND INFO ping in RESP3: no key specs and no subcommands are empty sets. */
  private static final String INFO_PING_RESP3 = "*1\r\n*10\r\n$4\r\nping\r\n:-1\r\n~1\r\n+fast\r\n"
      + ":0\r\n:0\r\n:0\r\n~2\r\n+@fast\r\n+@connection\r\n~2\r\n$25\r\n"
      + "request_policy:all_shards\r\n$29\r\nresponse_policy:all_succeeded\r\n~0\r\n~0\r\n";

  @BeforeAll
  static void start() {
    server = TestServer.start();
    jedis = new Jedis(server.host(), server.port());
  }

  @AfterAll
  static void stop() {
    jedis.close();
    server.close();
  }

  private static RawClient raw() throws Exception {
    return new RawClient(server.host(), server.port());
  }

  @Test
  void countIsTheTableSize() throws Exception {
    long count = jedis.commandCount();
    assertEquals(CommandTable.load().specs().size(), count);
    try (RawClient c = raw()) {
      String all = c.call("COMMAND");
      assertTrue(all.startsWith("*" + count + "\r\n*10\r\n"), all.substring(0, 40));
      assertEquals(all, c.call("COMMAND", "INFO"));
    }
  }

  @Test
  void infoGetIsRedisBytes() throws Exception {
    try (RawClient c = raw()) {
      assertEquals(INFO_GET_RESP2, c.call("COMMAND", "INFO", "get"));
      assertEquals(INFO_GET_RESP2, c.call("COMMAND", "INFO", "GET"));
      assertEquals("*2\r\n$-1\r\n" + INFO_GET_RESP2.substring(4),
          c.call("COMMAND", "INFO", "nosuch", "get"));
      c.call("HELLO", "3");
      assertEquals(INFO_GET_RESP3, c.call("COMMAND", "INFO", "get"));
      assertEquals(INFO_PING_RESP3, c.call("COMMAND", "INFO", "ping"));
      assertEquals("*1\r\n_\r\n", c.call("COMMAND", "INFO", "nosuch"));
      String sub = c.call("COMMAND", "INFO", "client|list");
      assertTrue(sub.startsWith("*1\r\n*10\r\n$11\r\nclient|list\r\n:-2\r\n"), sub);
    }
    Map<String, CommandInfo> infos = jedis.commandInfo("get", "echo");
    assertEquals(2, infos.get("get").getArity());
    assertEquals(List.of("readonly", "fast"), infos.get("get").getFlags());
    assertEquals(2, infos.get("echo").getArity());
  }

  @Test
  void docsAsRedisSendsThem() throws Exception {
    try (RawClient c = raw()) {
      assertEquals(DOCS_GET_RESP2, c.call("COMMAND", "DOCS", "get"));
      assertEquals(DOCS_GET_RESP2, c.call("COMMAND", "DOCS", "nosuch", "get"));
      assertEquals("*0\r\n", c.call("COMMAND", "DOCS", "nosuch"));
      String sub = c.call("COMMAND", "DOCS", "client|list");
      assertTrue(sub.startsWith("*2\r\n$11\r\nclient|list\r\n*12\r\n$7\r\nsummary\r\n$34\r\n"
          + "Get the list of client connections\r\n"), sub);
      c.call("HELLO", "3");
      assertEquals(DOCS_GET_RESP3, c.call("COMMAND", "DOCS", "get"));
      assertEquals("%0\r\n", c.call("COMMAND", "DOCS", "nosuch"));
      String all = c.call("COMMAND", "DOCS");
      assertTrue(all.startsWith("%" + jedis.commandCount() + "\r\n"), all.substring(0, 20));
    }
    Map<String, CommandDocument> docs = jedis.commandDocs("get", "echo");
    assertEquals("Get the value of a key", docs.get("get").getSummary());
    assertEquals("1.0.0", docs.get("get").getSince());
    assertEquals("connection", docs.get("echo").getGroup());
  }

  @Test
  void listWithFilters() throws Exception {
    List<String> all = jedis.commandList();
    assertTrue(all.contains("get") && all.contains("client") && all.contains("client|list")
        && all.contains("command|getkeys"), all.toString());
    List<String> clientish = jedis.commandListFilterBy(
        CommandListFilterByParams.commandListFilterByParams().filterByPattern("cl*"));
    assertTrue(clientish.contains("client") && clientish.contains("client|kill"), clientish.toString());
    assertTrue(clientish.stream().allMatch(n -> n.startsWith("cl")), clientish.toString());
    List<String> strings = jedis.commandListFilterBy(
        CommandListFilterByParams.commandListFilterByParams().filterByAclCat("STRING"));
    assertTrue(strings.contains("get"), strings.toString());
    assertFalse(strings.contains("ping"), strings.toString());
    List<String> connection = jedis.commandListFilterBy(
        CommandListFilterByParams.commandListFilterByParams().filterByAclCat("connection"));
    assertTrue(connection.contains("ping") && connection.contains("client|id")
        && !connection.contains("client"), connection.toString());
    assertEquals(List.of(), jedis.commandListFilterBy(
        CommandListFilterByParams.commandListFilterByParams().filterByAclCat("nosuch")));
    assertEquals(List.of(), jedis.commandListFilterBy(
        CommandListFilterByParams.commandListFilterByParams().filterByModule("any")));
    try (RawClient c = raw()) {
      assertEquals("*1\r\n$6\r\ngetdel\r\n",
          sorted(c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "g?t*l")));
      assertEquals("-ERR syntax error\r\n", c.call("COMMAND", "LIST", "FILTERBY"));
      assertEquals("-ERR syntax error\r\n", c.call("COMMAND", "LIST", "FILTERBY", "foo", "x"));
      assertEquals("-ERR syntax error\r\n",
          c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "get", "extra"));
    }
  }

  /** A RESP2 array of bulk strings with items sorted (COMMAND LIST's order is not fixed). */
  private static String sorted(String reply) {
    String[] parts = reply.split("\r\n");
    List<String> names = new java.util.ArrayList<>();
    for (int i = 2; i < parts.length; i += 2) {
      names.add(parts[i]);
    }
    java.util.Collections.sort(names);
    StringBuilder sb = new StringBuilder(parts[0]).append("\r\n");
    for (String n : names) {
      sb.append('$').append(n.length()).append("\r\n").append(n).append("\r\n");
    }
    return sb.toString();
  }

  @Test
  void getKeys() throws Exception {
    assertEquals(List.of("k"), jedis.commandGetKeys("get", "k"));
    assertEquals(List.of("a", "b"), jedis.commandGetKeys("mset", "a", "1", "b", "2"));
    assertEquals(List.of("k"), jedis.commandGetKeys("set", "k", "v", "EX", "10"));
    assertEquals(List.of("k"), jedis.commandGetKeys("GET", "k"));
    assertGetKeysError("ERR Invalid command specified", "nosuch", "a");
    assertGetKeysError("ERR Invalid command specified", "client", "nosuch");
    assertGetKeysError("ERR The command has no key arguments", "client", "list");
    assertGetKeysError("ERR The command has no key arguments", "ping", "x");
    assertGetKeysError("ERR Invalid number of arguments specified for command", "mset", "a");
    assertGetKeysError("ERR Invalid number of arguments specified for command", "get", "a", "b");
    try (RawClient c = raw()) {
      assertEquals("-ERR wrong number of arguments for 'command|getkeys' command\r\n",
          c.call("COMMAND", "GETKEYS", "get"));
    }
  }

  private static void assertGetKeysError(String expected, String... command) {
    JedisDataException e = assertThrows(JedisDataException.class,
        () -> jedis.commandGetKeys(command));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void helpAndArity() throws Exception {
    try (RawClient c = raw()) {
      String help = c.call("COMMAND", "HELP");
      assertTrue(help.startsWith("*21\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]."
          + " Subcommands are:\r\n+(no subcommand)\r\n+    Return details about all Redis"
          + " commands.\r\n"), help);
      assertTrue(help.endsWith("+GETKEYSANDFLAGS <full-command>\r\n+    Return the keys and the"
          + " access flags from a full Redis command.\r\n+HELP\r\n+    Prints this help.\r\n"));
      assertEquals("-ERR wrong number of arguments for 'command|count' command\r\n",
          c.call("COMMAND", "COUNT", "x"));
      assertEquals("-ERR unknown subcommand 'nosuch'. Try COMMAND HELP.\r\n",
          c.call("COMMAND", "nosuch"));
      assertEquals("-ERR wrong number of arguments for 'client' command\r\n", c.call("CLIENT"));
    }
  }
}

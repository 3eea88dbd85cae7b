package io.troupe.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * INFO, CONFIG, TIME, LASTSAVE, DEBUG and SHUTDOWN over TCP. Keys cannot be
 * created in this branch (SET lands with the string commands), so the
 * keyspace line is checked with keys in {@link InfoSectionsTest} and here only
 * the empty section is.
 */
class ServerCommandsIT {
  /** Jedis 5 has no DEBUG in Protocol.Command. */
  private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);
  private static TestServer server;
  private static Jedis jedis;

  @BeforeAll
  static void start() {
    server = TestServer.start("--enable-debug-command", "yes");
    jedis = new Jedis(server.host(), server.port());
  }

  @AfterAll
  static void stop() {
    jedis.close();
    server.close();
  }

  private static Map<String, String> fields(String info) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : info.split("\r\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int colon = line.indexOf(':');
        m.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return m;
  }

  private static List<String> headers(String info) {
    List<String> h = new ArrayList<>();
    for (String line : info.split("\r\n")) {
      if (line.startsWith("# ")) {
        h.add(line.substring(2));
      }
    }
    return h;
  }

  /** Sends one command and returns the raw reply bytes available after a short wait. */
  private static String raw(String... args) throws Exception {
    try (Socket s = new Socket(server.host(), server.port())) {
      StringBuilder cmd = new StringBuilder("*" + args.length + "\r\n");
      for (String a : args) {
        cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      s.setSoTimeout(2000);
      byte[] buf = new byte[65536];
      int n = in.read(buf);
      Thread.sleep(50);
      int more = in.available() > 0 ? in.read(buf, n, buf.length - n) : 0;
      return new String(buf, 0, n + more, StandardCharsets.UTF_8);
    }
  }

  private static String str(Object reply) {
    return new String((byte[]) reply, StandardCharsets.UTF_8);
  }

  private static Object cmd(ProtocolCommand c, String... args) {
    return jedis.sendCommand(c, args);
  }

  private static String error(ProtocolCommand c, String... args) {
    return assertThrows(JedisDataException.class, () -> cmd(c, args)).getMessage();
  }

  // ---- INFO -----------------------------------------------------------------------------

  @Test
  void infoDefaultHasRedisSectionsInOrder() {
    String info = jedis.info();
    assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
        "Errorstats", "Cluster", "Keyspace"), headers(info));
    assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
        "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace"), headers(jedis.info("all")));
    assertEquals(headers(jedis.info("all")), headers(jedis.info("everything")));
    assertEquals(headers(info), headers(jedis.info("default")));
    assertFalse(info.endsWith("\r\n\r\n"));
    assertTrue(info.contains("\r\n\r\n# Clients\r\n"));
  }

  @Test
  void infoServerFields() {
    Map<String, String> f = fields(jedis.info("server"));
    assertEquals("7.0.15", f.get("redis_version"));
    assertEquals("00000000", f.get("redis_git_sha1"));
    assertEquals("0", f.get("redis_git_dirty"));
    assertEquals("standalone", f.get("redis_mode"));
    assertEquals(Integer.toString(server.port()), f.get("tcp_port"));
    assertEquals(Long.toString(ProcessHandle.current().pid()), f.get("process_id"));
    assertEquals(40, f.get("run_id").length());
    assertEquals("10", f.get("hz"));
    assertEquals("10", f.get("configured_hz"));
    assertEquals("0", f.get("io_threads_active"));
    assertEquals("", f.get("config_file"));
    long usec = Long.parseLong(f.get("server_time_usec"));
    assertTrue(Math.abs(usec / 1000 - System.currentTimeMillis()) < 5000);
    assertTrue(Long.parseLong(f.get("uptime_in_seconds")) >= 0);
    assertEquals("0", f.get("uptime_in_days"));
    assertEquals((System.currentTimeMillis() / 1000) & 0xFFFFFF, Long.parseLong(f.get("lru_clock")), 5);
    for (String k : List.of("redis_build_id", "os", "arch_bits", "multiplexing_api", "atomicvar_api",
        "gcc_version", "process_supervised", "executable")) {
      assertTrue(f.containsKey(k), k);
    }
  }

  @Test
  void infoOtherSections() {
    Map<String, String> f = fields(jedis.info());
    assertTrue(Integer.parseInt(f.get("connected_clients")) >= 1);
    assertEquals("10000", f.get("maxclients"));
    assertEquals("0", f.get("blocked_clients"));
    assertTrue(Long.parseLong(f.get("used_memory")) > 0);
    assertTrue(f.get("used_memory_human").matches("\\d+\\.\\d\\d[KMG]"));
    assertEquals("0", f.get("maxmemory"));
    assertEquals("noeviction", f.get("maxmemory_policy"));
    assertEquals("0", f.get("loading"));
    assertEquals("0", f.get("rdb_bgsave_in_progress"));
    assertEquals("0", f.get("rdb_changes_since_last_save"));
    assertTrue(Long.parseLong(f.get("total_connections_received")) >= 1);
    assertTrue(Long.parseLong(f.get("total_commands_processed")) >= 0);
    assertTrue(Long.parseLong(f.get("instantaneous_ops_per_sec")) >= 0);
    assertEquals("0", f.get("expired_keys"));
    assertTrue(Long.parseLong(f.get("keyspace_hits")) >= 0);
    assertTrue(Long.parseLong(f.get("total_error_replies")) >= 0);
    assertEquals("master", f.get("role"));
    assertEquals("0", f.get("connected_slaves"));
    assertEquals(40, f.get("master_replid").length());
    assertEquals("0", f.get("master_repl_offset"));
    assertTrue(Double.parseDouble(f.get("used_cpu_user")) > 0);
    assertTrue(Double.parseDouble(f.get("used_cpu_sys")) >= 0);
    assertTrue(f.get("used_cpu_sys").matches("\\d+\\.\\d{6}"));
    assertEquals("0", f.get("cluster_enabled"));
  }

  @Test
  void infoCountsErrorsAndCommands() {
    long before = Long.parseLong(fields(jedis.info("stats")).get("total_error_replies"));
    error(Protocol.Command.CONFIG, "SET", "nosuch", "1");
    Map<String, String> f = fields(jedis.info("stats"));
    assertEquals(before + 1, Long.parseLong(f.get("total_error_replies")));
  }

  @Test
  void infoRawLayout() throws Exception {
    assertEquals("$30\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n", raw("INFO", "cluster"));
    assertEquals("$12\r\n# Keyspace\r\n\r\n", raw("INFO", "KEYSPACE"));
    assertEquals("$0\r\n\r\n", raw("INFO", "foo"));
    String two = raw("INFO", "cluster", "cpu");
    assertTrue(two.indexOf("# CPU\r\n") < two.indexOf("\r\n\r\n# Cluster\r\n"), two);
    assertEquals("$12\r\n# Keyspace\r\n\r\n", raw("INFO", "keyspace", "keyspace", "nope"));
  }

  // ---- CONFIG ---------------------------------------------------------------------------

  @Test
  void configGet() {
    assertEquals(Map.of("hz", "10"), jedis.configGet("hz"));
    assertEquals(Map.of("HZ", "10"), jedis.configGet("HZ"));
    assertEquals(Map.of("hz", "10"), jedis.configGet("H?"));
    assertEquals(Map.of(), jedis.configGet("nonexistent"));
    assertEquals(Map.of("hash-max-listpack-entries", "512", "hash-max-ziplist-entries", "512",
        "zset-max-listpack-entries", "128", "zset-max-ziplist-entries", "128", "set-max-intset-entries", "512"),
        jedis.configGet("*max-*-entries*"));
    assertEquals(Map.of("hz", "10", "maxmemory", "0"), jedis.configGet("hz", "maxmemory", "hz"));
    assertEquals(192, jedis.configGet("*").size());
    assertEquals("", jedis.configGet("slaveof").get("slaveof"));
    assertEquals("3600 1 300 100 60 10000", jedis.configGet("save").get("save"));
    assertEquals("127.0.0.1", jedis.configGet("bind").get("bind"));
    assertEquals(Integer.toString(server.port()), jedis.configGet("port").get("port"));
  }

  @Test
  void configGetIsAFlatArrayInResp2() throws Exception {
    // RESP3 (a map) needs HELLO, which lands with the connection commands.
    assertEquals("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n", raw("CONFIG", "GET", "hz"));
    assertEquals("*0\r\n", raw("CONFIG", "GET", "nosuch"));
  }

  @Test
  void configSetRoundTrips() {
    try {
      assertEquals("OK", jedis.configSet("maxmemory", "1mb"));
      assertEquals("1048576", jedis.configGet("maxmemory").get("maxmemory"));
      assertEquals("OK", jedis.configSet("hz", "1000"));
      assertEquals("500", jedis.configGet("hz").get("hz"));
      assertEquals("OK", jedis.configSet("appendonly", "YES"));
      assertEquals("yes", jedis.configGet("appendonly").get("appendonly"));
      assertEquals("OK", jedis.configSet("maxmemory-policy", "ALLKEYS-LRU"));
      assertEquals("allkeys-lru", fields(jedis.info("memory")).get("maxmemory_policy"));
      assertEquals("OK", jedis.configSet("slave-read-only", "no"));
      assertEquals("no", jedis.configGet("replica-read-only").get("replica-read-only"));
      assertEquals("OK", str(cmd(Protocol.Command.CONFIG, "SET", "save", "", "maxmemory-clients", "5%")));
      assertEquals(Map.of("save", "", "maxmemory-clients", "5%"), jedis.configGet("save", "maxmemory-clients"));
      assertEquals("OK", jedis.configSet("hz", "12"));
      assertEquals("12", fields(jedis.info("server")).get("hz"));
    } finally {
      jedis.configSet("maxmemory", "0");
      jedis.configSet("hz", "10");
      jedis.configSet("appendonly", "no");
      jedis.configSet("maxmemory-policy", "noeviction");
      jedis.configSet("replica-read-only", "yes");
      cmd(Protocol.Command.CONFIG, "SET", "save", "3600 1 300 100 60 10000", "maxmemory-clients", "0");
    }
  }

  @Test
  void configSetErrors() {
    assertEquals("ERR Unknown option or number of arguments for CONFIG SET - 'foo'",
        error(Protocol.Command.CONFIG, "SET", "foo", "1"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into "
        + "an integer", error(Protocol.Command.CONFIG, "SET", "hz", "abc"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config",
        error(Protocol.Command.CONFIG, "SET", "daemonize", "yes"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'enable-debug-command') - can't set "
        + "immutable config", error(Protocol.Command.CONFIG, "SET", "enable-debug-command", "no"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter",
        error(Protocol.Command.CONFIG, "SET", "hz", "10", "HZ", "20"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'slave-read-only') - duplicate parameter",
        error(Protocol.Command.CONFIG, "SET", "replica-read-only", "yes", "slave-read-only", "yes"));
    assertEquals("ERR syntax error", error(Protocol.Command.CONFIG, "SET", "hz", "10", "maxmemory"));
    assertEquals("ERR wrong number of arguments for 'config|set' command",
        error(Protocol.Command.CONFIG, "SET", "hz"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory "
        + "value", error(Protocol.Command.CONFIG, "SET", "maxmemory", "abc"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be "
        + "one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, "
        + "allkeys-lfu, allkeys-random, noeviction", error(Protocol.Command.CONFIG, "SET", "maxmemory-policy", "x"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or "
        + "'no'", error(Protocol.Command.CONFIG, "SET", "appendonly", "maybe"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters",
        error(Protocol.Command.CONFIG, "SET", "save", "abc"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config",
        error(Protocol.Command.CONFIG, "SET", "dir", "/tmp"));
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'timeout') - argument must be between 0 "
        + "and 2147483647 inclusive", error(Protocol.Command.CONFIG, "SET", "timeout", "-1"));
    assertEquals("ERR unknown subcommand 'foo'. Try CONFIG HELP.", error(Protocol.Command.CONFIG, "foo"));
    assertEquals("ERR wrong number of arguments for 'config|get' command", error(Protocol.Command.CONFIG, "GET"));
  }

  @Test
  void configSetIsAllOrNothing() {
    assertEquals("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory "
        + "value", error(Protocol.Command.CONFIG, "SET", "hz", "15", "timeout", "7", "maxmemory", "abc"));
    assertEquals("10", jedis.configGet("hz").get("hz"));
    assertEquals("0", jedis.configGet("timeout").get("timeout"));
  }

  @Test
  void configResetStatAndHelp() {
    for (int i = 0; i < 5; i++) {
      jedis.ping();
    }
    assertEquals("OK", str(cmd(Protocol.Command.CONFIG, "RESETSTAT")));
    Map<String, String> f = fields(jedis.info("stats"));
    // the INFO itself may or may not be counted yet when it renders
    assertTrue(Long.parseLong(f.get("total_commands_processed")) <= 1, f.get("total_commands_processed"));
    assertEquals("0", f.get("total_connections_received"));
    assertEquals("0", f.get("total_error_replies"));
    @SuppressWarnings("unchecked")
    List<Object> help = (List<Object>) cmd(Protocol.Command.CONFIG, "HELP");
    assertEquals("CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        new String((byte[]) help.get(0), StandardCharsets.UTF_8));
    assertEquals(11, help.size());
  }

  // ---- TIME, LASTSAVE ----------------------------------------------------------------------

  @Test
  void timeAndLastsave() {
    List<String> t = jedis.time();
    assertEquals(2, t.size());
    long now = System.currentTimeMillis() / 1000;
    assertTrue(Math.abs(Long.parseLong(t.get(0)) - now) <= 2);
    long usec = Long.parseLong(t.get(1));
    assertTrue(usec >= 0 && usec < 1_000_000);
    long last = jedis.lastsave();
    assertTrue(last <= now && last > now - 600);
    assertEquals(last, Long.parseLong(fields(jedis.info("persistence")).get("rdb_last_save_time")));
    assertEquals("ERR wrong number of arguments for 'time' command", error(Protocol.Command.TIME, "x"));
  }

  // ---- DEBUG ----------------------------------------------------------------------------

  @Test
  void debugSubcommands() {
    assertEquals("OK", str(cmd(DEBUG, "SLEEP", "0")));
    assertEquals("OK", str(cmd(DEBUG, "sleep", "abc")));
    long t0 = System.nanoTime();
    assertEquals("OK", str(cmd(DEBUG, "SLEEP", "0.2")));
    assertTrue(System.nanoTime() - t0 >= 190_000_000L);
    try {
      assertEquals("OK", str(cmd(DEBUG, "SET-ACTIVE-EXPIRE", "0")));
    } finally {
      assertEquals("OK", str(cmd(DEBUG, "set-active-expire", "1")));
    }
    assertEquals("ERR no such key", error(DEBUG, "OBJECT", "nosuchkey"));
    assertEquals("ERR unknown subcommand or wrong number of arguments for 'sleep'. Try DEBUG HELP.",
        error(DEBUG, "sleep"));
    assertEquals("ERR unknown subcommand or wrong number of arguments for 'Foo'. Try DEBUG HELP.",
        error(DEBUG, "Foo"));
    @SuppressWarnings("unchecked")
    List<Object> help = (List<Object>) cmd(DEBUG, "HELP");
    assertEquals("DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        new String((byte[]) help.get(0), StandardCharsets.UTF_8));
  }

  @Test
  void debugRefusedUnlessEnabled() {
    String refused = "ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you "
        + "can run it from a local connection, otherwise you need to set this option in the configuration file, "
        + "and then restart the server.";
    try (TestServer off = TestServer.start(); Jedis j = new Jedis(off.host(), off.port())) {
      assertEquals(refused, assertThrows(JedisDataException.class,
          () -> j.sendCommand(DEBUG, "SLEEP", "0")).getMessage());
      assertEquals(refused, assertThrows(JedisDataException.class,
          () -> j.sendCommand(DEBUG, "HELP")).getMessage());
    }
    try (TestServer local = TestServer.start("--enable-debug-command", "local");
        Jedis j = new Jedis(local.host(), local.port())) {
      assertEquals("OK", str(j.sendCommand(DEBUG, "SLEEP", "0")));
    }
  }

  // ---- SHUTDOWN --------------------------------------------------------------------------

  @Test
  void shutdownSyntaxAndAbort() {
    assertEquals("ERR syntax error", error(Protocol.Command.SHUTDOWN, "foo"));
    assertEquals("ERR syntax error", error(Protocol.Command.SHUTDOWN, "NOSAVE", "SAVE"));
    assertEquals("ERR syntax error", error(Protocol.Command.SHUTDOWN, "ABORT", "NOW"));
    assertEquals("ERR No shutdown in progress.", error(Protocol.Command.SHUTDOWN, "ABORT"));
    // SHUTDOWN SAVE now saves and stops: SaveAndLoadIT covers it.
    assertEquals("PONG", jedis.ping());
  }

  @Test
  void shutdownStopsTheServer() throws Exception {
    TestServer victim = TestServer.start();
    try (Jedis j = new Jedis(victim.host(), victim.port())) {
      assertEquals("PONG", j.ping());
      j.shutdown(); // Jedis expects the connection to close without a reply
    }
    long deadline = System.currentTimeMillis() + 10_000;
    boolean refused = false;
    while (!refused && System.currentTimeMillis() < deadline) {
      try (Jedis j = new Jedis(victim.host(), victim.port())) {
        j.ping();
        Thread.sleep(50);
      } catch (JedisConnectionException e) {
        refused = true;
      }
    }
    assertTrue(refused, "server still answers after SHUTDOWN");
    victim.close();
  }
}

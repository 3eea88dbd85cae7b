package io.troupe.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Slowlog;

/**
 * SLOWLOG, LATENCY, MEMORY, INFO commandstats/errorstats/latencystats,
 * CONFIG RESETSTAT and DEBUG CHANGE-REPL-ID through Jedis. One class shares
 * one server; each test sets the thresholds it needs.
 */
class IntrospectionIT {
  private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);
  private static final ProtocolCommand LATENCY = () -> "LATENCY".getBytes(StandardCharsets.US_ASCII);
  private static final ProtocolCommand MEMORY = () -> "MEMORY".getBytes(StandardCharsets.US_ASCII);
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

  private static String text(Object o) {
    return new String((byte[]) o, StandardCharsets.UTF_8);
  }

  @Test
  void slowlogRecordsTrimmedEntries() {
    try (Jedis j = new Jedis(server.host(), server.port())) {
      j.clientSetname("slowpoke");
      j.configSet("slowlog-log-slower-than", "0");
      j.slowlogReset();
      String[] many = new String[40];
      for (int i = 0; i < many.length; i++) {
        many[i] = Integer.toString(i);
      }
      j.rpush("sl", many);
      j.set("big", "x".repeat(200));
      List<Slowlog> log = j.slowlogGet(3);
      j.configSet("slowlog-log-slower-than", "10000");
      assertEquals(3, log.size());
      Slowlog set = log.get(0);
      assertEquals(List.of("SET", "big", "x".repeat(128) + "... (72 more bytes)"), set.getArgs());
      assertEquals("slowpoke", set.getClientName());
      assertTrue(set.getClientIpPort().toString().startsWith("127.0.0.1:"));
      Slowlog rpush = log.get(1);
      assertEquals(32, rpush.getArgs().size());
      assertEquals("... (11 more arguments)", rpush.getArgs().get(31));
      assertEquals("28", rpush.getArgs().get(30));
      assertEquals(set.getId() - 1, rpush.getId());
      assertEquals("SLOWLOG", log.get(2).getArgs().get(0)); // SLOWLOG RESET itself was slow enough
      assertTrue(j.slowlogLen() >= 4);
      assertEquals("ERR count should be greater than or equal to -1",
          assertThrows(JedisDataException.class, () -> j.slowlogGet(-2)).getMessage());
      j.slowlogReset();
      assertEquals(0, j.slowlogLen() <= 1 ? 0 : j.slowlogLen());
    }
  }

  @Test
  void commandAndErrorStats() {
    try (Jedis j = new Jedis(server.host(), server.port())) {
      j.configResetStat();
      j.set("cs", "v");
      j.get("cs");
      assertThrows(JedisDataException.class, () -> j.lpush("cs", "x"));
      assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.GET));
      String stats = j.info("commandstats");
      assertTrue(Pattern.compile("cmdstat_get:calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=1,"
          + "failed_calls=0\r\n").matcher(stats).find(), stats);
      assertTrue(stats.contains(",rejected_calls=0,failed_calls=1\r\n"), stats);
      assertTrue(stats.contains("cmdstat_config|resetstat:calls=1,"), stats);
      String errors = j.info("errorstats");
      assertTrue(errors.contains("errorstat_ERR:count=1\r\n"), errors);
      assertTrue(errors.contains("errorstat_WRONGTYPE:count=1\r\n"), errors);
      assertTrue(j.info().contains("# Errorstats"));
      assertTrue(!j.info().contains("# Commandstats"));
      assertTrue(j.info("all").contains("# Commandstats"));
      assertTrue(j.info("stats").contains("total_error_replies:2\r\n"));
      String latency = j.info("latencystats");
      assertTrue(Pattern.compile("latency_percentiles_usec_get:p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},"
          + "p99\\.9=\\d+\\.\\d{3}\r\n").matcher(latency).find(), latency);
      j.configResetStat();
      assertTrue(j.info("errorstats").trim().equals("# Errorstats"));
      assertTrue(j.info("stats").contains("total_error_replies:0\r\n"));
    }
  }

  @Test
  void latencyMonitor() {
    try (Jedis j = new Jedis(server.host(), server.port())) {
      j.sendCommand(LATENCY, "RESET");
      assertTrue(text(j.sendCommand(LATENCY, "DOCTOR")).startsWith("Dave, no latency spike was observed"));
      j.configSet("latency-monitor-threshold", "1");
      j.sendCommand(DEBUG, "SLEEP", "0.02");
      j.configSet("latency-monitor-threshold", "0");
      @SuppressWarnings("unchecked")
      List<Object> latest = (List<Object>) j.sendCommand(LATENCY, "LATEST");
      assertEquals(1, latest.size());
      @SuppressWarnings("unchecked")
      List<Object> ev = (List<Object>) latest.get(0);
      assertEquals("command", text(ev.get(0)));
      assertTrue((Long) ev.get(2) >= 20);
      assertEquals(ev.get(2), ev.get(3));
      @SuppressWarnings("unchecked")
      List<Object> history = (List<Object>) j.sendCommand(LATENCY, "HISTORY", "command");
      assertEquals(1, history.size());
      assertTrue(text(j.sendCommand(LATENCY, "DOCTOR")).contains("1. command: 1 latency spikes"));
      assertEquals(List.of(), j.sendCommand(LATENCY, "HISTORY", "nosuch"));
      assertEquals(1L, j.sendCommand(LATENCY, "RESET", "command", "nosuch"));
      assertEquals(List.of(), j.sendCommand(LATENCY, "LATEST"));
      @SuppressWarnings("unchecked")
      List<Object> help = (List<Object>) j.sendCommand(LATENCY, "HELP");
      assertEquals("LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", text(help.get(0)));
    }
  }

  @Test
  void memoryCommands() {
    jedis.set("mu", "hello");
    long small = jedis.memoryUsage("mu");
    jedis.set("mu", "x".repeat(1000));
    long big = jedis.memoryUsage("mu");
    assertTrue(small > 5 && big > small + 900 && big < small + 1100, small + " " + big);
    assertNull(jedis.memoryUsage("nokey"));
    for (int i = 0; i < 100; i++) {
      jedis.hset("mh", "field" + i, "value" + i);
    }
    long hash = jedis.memoryUsage("mh", 0);
    assertTrue(hash > 100 * 12, Long.toString(hash));
    assertEquals("ERR syntax error",
        assertThrows(JedisDataException.class, () -> jedis.sendCommand(MEMORY, "USAGE", "mu", "SAMP", "1"))
            .getMessage());
    assertEquals("ERR value is not an integer or out of range",
        assertThrows(JedisDataException.class, () -> jedis.sendCommand(MEMORY, "USAGE", "mu", "SAMPLES", "x"))
            .getMessage());
    assertTrue(text(jedis.sendCommand(MEMORY, "DOCTOR")).contains("Sam"));
    assertEquals("OK", jedis.memoryPurge());
    assertTrue(jedis.memoryStats().containsKey("peak.allocated"));
    assertEquals("Stats not supported for the current allocator", text(jedis.sendCommand(MEMORY, "MALLOC-STATS")));
  }

  @Test
  void debugChangeReplId() {
    String before = jedis.info("replication").replaceAll("(?s).*master_replid:(\\w+).*", "$1");
    assertEquals("OK", text2(jedis.sendCommand(DEBUG, "CHANGE-REPL-ID")));
    String after = jedis.info("replication").replaceAll("(?s).*master_replid:(\\w+).*", "$1");
    assertEquals(40, after.length());
    assertNotEquals(before, after);
  }

  private static String text2(Object o) {
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }
}

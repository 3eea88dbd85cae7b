package io.troupe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParamTest {
  private final ServerConfig config = new ServerConfig();

  private String reject(String name, String value) {
    return assertThrows(ConfigException.class, () -> config.param(name).check(value)).getMessage();
  }

  @Test
  void memoryUnitsAsRedisMemtoull() {
    assertEquals(1024, MemoryUnits.parse("1kb"));
    assertEquals(1000, MemoryUnits.parse("1k"));
    assertEquals(1024 * 1024, MemoryUnits.parse("1MB"));
    assertEquals(1_000_000_000L, MemoryUnits.parse("1g"));
    assertEquals(3L << 30, MemoryUnits.parse("3Gb"));
    assertEquals(5, MemoryUnits.parse("5b"));
    assertEquals(0, MemoryUnits.parse(""));
    assertEquals(0, MemoryUnits.parse("kb"));
    assertEquals(Long.MIN_VALUE, MemoryUnits.parse("-1"));
    assertEquals(Long.MIN_VALUE, MemoryUnits.parse("+1"));
    assertEquals(Long.MIN_VALUE, MemoryUnits.parse("1tb"));
    assertEquals(Long.MIN_VALUE, MemoryUnits.parse("1 kb"));
    assertEquals(Long.MAX_VALUE, MemoryUnits.parse("99999999999999999999gb"));
  }

  @Test
  void memoryParams() {
    Param p = config.param("maxmemory");
    p.set("100mb");
    assertEquals("104857600", p.text());
    assertEquals(104857600, p.asLong());
    assertEquals("argument must be a memory value", reject("maxmemory", "abc"));
    assertEquals("argument must be between 1048576 and 9223372036854775807 inclusive",
        reject("client-query-buffer-limit", "1kb"));
    Param clients = config.param("maxmemory-clients");
    clients.set("5%");
    assertEquals("5%", clients.text());
    assertEquals(-5, clients.asLong());
    clients.set("1kb");
    assertEquals("1024", clients.text());
    assertEquals("argument must be a memory or percent value", reject("maxmemory-clients", "x%"));
    assertEquals("percentage argument must be less or equal to 100", reject("maxmemory-clients", "101%"));
  }

  @Test
  void integersAreStrictAndRanged() {
    assertEquals(5L, ConfigNumbers.parseInteger("5"));
    assertEquals(-5L, ConfigNumbers.parseInteger("-5"));
    assertEquals(0L, ConfigNumbers.parseInteger("0"));
    assertNull(ConfigNumbers.parseInteger("+5"));
    assertNull(ConfigNumbers.parseInteger("05"));
    assertNull(ConfigNumbers.parseInteger(" 5"));
    assertNull(ConfigNumbers.parseInteger("-0"));
    assertNull(ConfigNumbers.parseInteger("99999999999999999999"));
    assertEquals("argument couldn't be parsed into an integer", reject("timeout", "1kb"));
    assertEquals("argument must be between 0 and 2147483647 inclusive", reject("timeout", "-1"));
    assertEquals("argument must be between 1 and 10 inclusive", reject("active-expire-effort", "11"));
    assertEquals("-1", config.param("slowlog-log-slower-than").check("-1"));
  }

  @Test
  void hzIsClampedAsRedisDoes() {
    assertEquals("500", config.param("hz").check("1000"));
    assertEquals("1", config.param("hz").check("0"));
    assertEquals("argument must be between 0 and 2147483647 inclusive", reject("hz", "-1"));
    assertEquals("argument couldn't be parsed into an integer", reject("hz", "ten"));
  }

  @Test
  void boolsAndEnumsAnyCase() {
    Param aof = config.param("appendonly");
    aof.set("YES");
    assertEquals("yes", aof.text());
    assertTrue(aof.asBool());
    assertEquals("argument must be 'yes' or 'no'", reject("appendonly", "1"));
    Param policy = config.param("maxmemory-policy");
    policy.set("AllKeys-LRU");
    assertEquals("allkeys-lru", policy.text());
    assertEquals("argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, "
        + "volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction", reject("maxmemory-policy", "lru"));
    assertEquals("no", config.getString("enable-debug-command"));
    assertEquals("argument(s) must be one of the following: no, yes, local", reject("enable-debug-command", "on"));
  }

  @Test
  void aliasesShareTheirParameter() {
    assertSame(config.param("replica-read-only"), config.param("slave-read-only"));
    assertSame(config.param("busy-reply-threshold"), config.param("LUA-TIME-LIMIT"));
    assertTrue(config.names().containsKey("slaveof"));
    assertFalse(config.param("replicaof").mutable());
  }

  @Test
  void redisDefaults() {
    assertEquals("3600 1 300 100 60 10000", config.getString("save"));
    assertEquals("no", config.getString("appendonly"));
    assertEquals("0", config.getString("maxmemory"));
    assertEquals("noeviction", config.getString("maxmemory-policy"));
    assertEquals("no", config.getString("cluster-enabled"));
    assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
        config.getString("client-output-buffer-limit"));
    // Every name CONFIG GET * shows on Redis 7.0.15: 173 parameters and 19 aliases.
    assertEquals(192, config.names().size());
    assertEquals(173, config.params().size());
  }

  @Test
  void specialSyntaxes() {
    assertEquals("100 5", config.param("save").check(" 100  5 "));
    assertEquals("1 5", config.param("save").check("01 5"));
    assertEquals("", config.param("save").check(""));
    assertEquals("Invalid save parameters", reject("save", "100 5 200"));
    assertEquals("Invalid save parameters", reject("save", "-1 5"));
    assertEquals("xE", config.param("notify-keyspace-events").check("Ex"));
    assertEquals("AKE", config.param("notify-keyspace-events").check("KEA"));
    assertEquals("A", config.param("notify-keyspace-events").check("g$lshzxetd"));
    assertEquals("dnK", config.param("notify-keyspace-events").check("Knd"));
    assertEquals("Km", config.param("notify-keyspace-events").check("mK"));
    assertEquals("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.", reject("notify-keyspace-events", "q"));
    Param cobl = config.param("client-output-buffer-limit");
    cobl.set("replica 1 2 3 normal 1kb 2mb 3");
    assertEquals("normal 1024 2097152 3 slave 1 2 3 pubsub 33554432 8388608 60", cobl.text());
    assertEquals("Wrong number of arguments in buffer limit configuration.", reject("client-output-buffer-limit", "x"));
    assertEquals("Invalid client class specified in buffer limit configuration.",
        reject("client-output-buffer-limit", "foo 1 2 3"));
    assertEquals("Error in hard, soft or soft_seconds setting in buffer limit configuration.",
        reject("client-output-buffer-limit", "normal 1 2 -3"));
    assertEquals("50 99 10", config.param("latency-tracking-info-percentiles").check("50 99.0 1e1"));
    assertEquals("Invalid oom-score-adj-values, elements must be between -2000 and 2000.",
        reject("oom-score-adj-values", "1 2 3000"));
    assertEquals("No such file or directory", reject("dir", "/no/such/dir/anywhere"));
    assertTrue(config.param("dir").isProtected());
  }

  @Test
  void checkDoesNotStore() {
    Param hz = config.param("hz");
    assertEquals("20", hz.check("20"));
    assertEquals("10", hz.text());
  }
}

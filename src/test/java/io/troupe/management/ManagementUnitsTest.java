package io.troupe.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-Java insides of management/: port rule, INFO parsing, slot ranges, exposition text. */
class ManagementUnitsTest {
  @Test
  void portIsRespPlusOffsetUnlessSet() {
    assertEquals(7379, ManagementSettings.resolvePort(0, 1000, 6379));
    assertEquals(9000, ManagementSettings.resolvePort(9000, 1000, 6379));
    assertEquals(-1, ManagementSettings.resolvePort(0, 1000, 65000));
    assertEquals(-1, ManagementSettings.resolvePort(0, 1000, 0));
    ManagementSettings s = ManagementSettings.from(ConfigFactory.load().getConfig("troupe.management"), 6379);
    assertEquals(new ManagementSettings(true, true, "127.0.0.1", 7379), s);
  }

  @Test
  void infoTextParsesIntoSections() {
    Map<String, Map<String, String>> info = InfoFields.parse(
        "# Server\r\nredis_version:7.0.15\r\nexecutable:/usr/bin/java\r\n\r\n# Keyspace\r\n"
            + "db0:keys=3,expires=1,avg_ttl=0\r\ndb5:keys=1,expires=0,avg_ttl=0\r\n");
    assertEquals(List.of("server", "keyspace"), List.copyOf(info.keySet()));
    assertEquals("/usr/bin/java", info.get("server").get("executable"));
    assertEquals(Map.of("keys", "3", "expires", "1", "avg_ttl", "0"),
        InfoFields.subFields(info.get("keyspace").get("db0")));
    assertEquals(Map.of(), InfoFields.subFields("/tmp/a"));
    assertEquals(-7, InfoFields.number(info, "server", "redis_version", -7));
    assertEquals(-7, InfoFields.number(info, "nosuch", "x", -7));
  }

  @Test
  void slotRangesFollowTheSlotMap() {
    List<SlotRanges.Shard> three = SlotRanges.of(SlotMap.evenlySplit(3));
    assertEquals(3, three.size());
    assertEquals(List.of(0, 5461), List.of(three.get(0).ranges().get(0)[0], three.get(0).ranges().get(0)[1]));
    assertEquals(List.of(10923, 16383), List.of(three.get(2).ranges().get(0)[0], three.get(2).ranges().get(0)[1]));
    assertEquals(16384, three.stream().mapToInt(SlotRanges.Shard::slotCount).sum());
    List<SlotRanges.Shard> one = SlotRanges.of(SlotMap.evenlySplit(1));
    assertEquals(1, one.get(0).ranges().size());
    assertEquals(16384, one.get(0).slotCount());
  }

  @Test
  void exposition() {
    Map<String, Map<String, String>> info = InfoFields.parse(String.join("\r\n",
        "# Server", "redis_version:7.0.15", "os:Linux \"x\"\\y", "uptime_in_seconds:10",
        "# Memory", "used_memory:1024", "mem_fragmentation_ratio:1.50", "maxmemory_policy:noeviction",
        "# Persistence", "rdb_last_bgsave_status:err", "aof_last_write_status:ok",
        "# Stats", "keyspace_hits:7", "evicted_keys:0",
        "# Keyspace", "db0:keys=3,expires=1,avg_ttl=1500", "db2:keys=1,expires=0,avg_ttl=0", ""));
    Keyspace ks = new Keyspace(0, 16);
    String page = PrometheusMetrics.render(info, List.of(ks), SlotMap.evenlySplit(1), 100_000);
    assertTrue(page.contains("# TYPE redis_up gauge\nredis_up 1\n"), page);
    assertTrue(page.contains("# TYPE redis_keyspace_hits_total counter\nredis_keyspace_hits_total 7\n"), page);
    assertTrue(page.contains("\nredis_memory_used_bytes 1024\n"), page);
    assertTrue(page.contains("\nredis_mem_fragmentation_ratio 1.5\n"), page);
    assertTrue(page.contains("\nredis_rdb_last_bgsave_status 0\n"), page);
    assertTrue(page.contains("\nredis_aof_last_write_status 1\n"), page);
    assertTrue(page.contains("\nredis_start_time_seconds 90\n"), page);
    assertTrue(page.contains("redis_db_keys{db=\"db0\"} 3\nredis_db_keys{db=\"db2\"} 1\n"), page);
    assertTrue(page.contains("redis_db_keys_expiring{db=\"db0\"} 1\n"), page);
    assertTrue(page.contains("redis_db_avg_ttl_seconds{db=\"db0\"} 1.5\n"), page);
    assertTrue(page.contains("os=\"Linux \\\"x\\\"\\\\y\""), page);
    assertTrue(page.contains("maxmemory_policy=\"noeviction\""), page);
    assertTrue(page.contains("troupe_shard_slots{shard=\"0\"} 16384\n"), page);
    assertTrue(page.contains("troupe_shard_keys{shard=\"0\"} 0\n"), page);
    // A field INFO does not print is absent, not zero.
    assertFalse(page.contains("redis_net_input_bytes_total"), page);
    assertEquals("# HELP redis_up Whether the node answered INFO.\n# TYPE redis_up gauge\nredis_up 0\n",
        PrometheusMetrics.down());
  }
}

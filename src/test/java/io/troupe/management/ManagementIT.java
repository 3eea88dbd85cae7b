package io.troupe.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.troupe.TestServer;
import io.troupe.keyspace.KeySlot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The management HTTP routes and the MBeans of a node started with management on a free port. */
class ManagementIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

  private static TestServer server;
  private static int httpPort;
  private static Jedis jedis;

  @BeforeAll
  static void start() throws Exception {
    httpPort = TestServer.freePort();
    server = TestServer.start(ConfigFactory.parseString(
        "troupe.management { enabled = true, jmx = true, port = " + httpPort + " }"));
    jedis = new Jedis(server.host(), server.port());
    // Management starts in the background once RESP listens: wait for it.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        if (get("/alive").statusCode() == 200
            && MBEANS.isRegistered(new ObjectName("io.troupe:type=Server"))) {
          break;
        }
      } catch (IOException e) {
        // not bound yet
      }
      if (System.nanoTime() > deadline) {
        fail("management did not start");
      }
      Thread.sleep(20);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    jedis.close();
    server.close();
    // Stopping the node unbinds the routes and unregisters the MBeans.
    assertFalse(MBEANS.isRegistered(new ObjectName("io.troupe:type=Server")));
    assertFalse(MBEANS.isRegistered(new ObjectName("io.troupe:type=Shard,name=0")));
    assertThrows(IOException.class, () -> get("/alive"));
  }

  @BeforeEach
  void flush() {
    jedis.flushAll();
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertEquals(200, r.statusCode(), path);
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(r.body());
  }

  /** Four keys, one with a TTL; one hit and one miss. */
  private static void fourKeys() {
    jedis.set("a", "1");
    jedis.set("b", "2");
    jedis.set("c", "3");
    jedis.setex("d", 1000, "4");
    assertEquals("1", jedis.get("a"));
    assertNull(jedis.get("missing"));
  }

  @Test
  void aliveAndReady() throws Exception {
    HttpResponse<String> alive = get("/alive");
    assertEquals(200, alive.statusCode());
    assertEquals("OK", alive.body());
    HttpResponse<String> ready = get("/ready");
    assertEquals(200, ready.statusCode());
    assertEquals("OK", ready.body());
    assertEquals(404, get("/nothing-here").statusCode());
  }

  @Test
  void infoIsInfoAsJson() throws Exception {
    fourKeys();
    JsonNode info = getJson("/troupe/info");
    Set<String> sections = new HashSet<>();
    info.fieldNames().forEachRemaining(sections::add);
    assertEquals(Set.of("server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules",
        "errorstats", "cluster", "keyspace", "node"), sections); // INFO's default sections, then the node id
    assertEquals(Integer.toString(server.port()), info.at("/server/tcp_port").asText());
    assertEquals("7.0.15", info.at("/server/redis_version").asText());
    assertEquals("keys=4,expires=1,avg_ttl=0", info.at("/keyspace/db0").asText());
    // The same figures INFO prints over RESP.
    String resp = jedis.info("keyspace");
    assertTrue(resp.contains("db0:keys=4,expires=1,avg_ttl=0"), resp);
    Map<String, String> stats = fields(jedis.info("stats"));
    JsonNode json = getJson("/troupe/info/stats");
    assertEquals(1, json.size());
    assertEquals(stats.get("keyspace_hits"), json.at("/stats/keyspace_hits").asText());
    assertEquals(stats.get("keyspace_misses"), json.at("/stats/keyspace_misses").asText());
    assertTrue(getJson("/troupe/info/ALL").has("keyspace"));

    HttpResponse<String> unknown = get("/troupe/info/nosuch");
    assertEquals(404, unknown.statusCode());
    assertEquals("{\"error\":\"unknown INFO section: nosuch\"}", unknown.body());
  }

  @Test
  void slotsCoverEveryHashSlotOnce() throws Exception {
    fourKeys();
    JsonNode shards = getJson("/troupe/slots").get("shards");
    assertTrue(shards.size() >= 1);
    int[] owner = new int[KeySlot.SLOTS];
    java.util.Arrays.fill(owner, -1);
    long keys = 0;
    for (JsonNode s : shards) {
      int shard = s.get("shard").asInt();
      int count = 0;
      for (JsonNode range : s.get("slots")) {
        for (int slot = range.get(0).asInt(); slot <= range.get(1).asInt(); slot++) {
          assertEquals(-1, owner[slot], "slot " + slot + " owned twice");
          owner[slot] = shard;
          count++;
        }
      }
      assertEquals(count, s.get("slotCount").asInt());
      keys += s.get("keys").asLong();
    }
    for (int slot = 0; slot < KeySlot.SLOTS; slot++) {
      assertTrue(owner[slot] >= 0, "slot " + slot + " has no shard");
    }
    assertEquals(4, keys);
    // The shard owning "a" counts it.
    int shardOfA = owner[KeySlot.slot("a".getBytes(StandardCharsets.UTF_8))];
    long before = shards.get(shardOfA).get("keys").asLong();
    jedis.del("a");
    assertEquals(before - 1, getJson("/troupe/slots").get("shards").get(shardOfA).get("keys").asLong());
  }

  @Test
  void clusterMembersReportsThisNodeInPekkosShape() throws Exception {
    JsonNode m = getJson("/cluster/members");
    String self = m.get("selfNode").asText();
    assertTrue(self.startsWith("pekko://troupe"), self);
    assertEquals(1, m.get("members").size());
    JsonNode member = m.get("members").get(0);
    assertEquals(self, member.get("node").asText());
    assertEquals("Up", member.get("status").asText());
    assertTrue(member.get("nodeUid").asText().matches("-?\\d+"));
    assertEquals("[\"dc-default\"]", member.get("roles").toString());
    assertEquals(0, m.get("unreachable").size());
    assertEquals(self, m.get("leader").asText());
    assertEquals(self, m.get("oldest").asText());
    assertEquals(self, m.get("oldestPerRole").get("dc-default").asText());
  }

  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9]+(\\.[0-9]+)?)");

  /** Parses an exposition page; checks its format; keys are "name{labels}". */
  private static Map<String, Double> scrape() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
        r.headers().toString());
    Map<String, Double> samples = new HashMap<>();
    Set<String> typed = new HashSet<>();
    String current = null;
    for (String line : r.body().split("\n")) {
      if (line.startsWith("# HELP ")) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] t = line.split(" ");
        assertTrue(t[3].equals("gauge") || t[3].equals("counter"), line);
        assertTrue(typed.add(t[2]), "TYPE twice: " + line);
        assertEquals(t[3].equals("counter"), t[2].endsWith("_total"), line);
        current = t[2];
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "bad sample line: " + line);
      assertEquals(current, m.group(1), "sample outside its metric's block: " + line);
      String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
      assertNull(samples.put(key, Double.parseDouble(m.group(3))), "sample twice: " + line);
    }
    return samples;
  }

  @Test
  void metricsUseRedisExporterNames() throws Exception {
    fourKeys();
    Map<String, Double> m = scrape();
    for (String name : new String[] {"redis_up", "redis_connected_clients", "redis_commands_processed_total",
        "redis_keyspace_hits_total", "redis_keyspace_misses_total", "redis_expired_keys_total",
        "redis_evicted_keys_total", "redis_memory_used_bytes", "redis_uptime_in_seconds",
        "redis_connections_received_total", "redis_start_time_seconds", "redis_memory_max_bytes",
        "redis_cpu_user_seconds_total", "redis_rejected_connections_total"}) {
      assertTrue(m.containsKey(name), name + " missing from " + m.keySet());
    }
    assertEquals(1.0, m.get("redis_up"));
    assertEquals(4.0, m.get("redis_db_keys{db=\"db0\"}"));
    assertEquals(1.0, m.get("redis_db_keys_expiring{db=\"db0\"}"));
    assertTrue(m.get("redis_connected_clients") >= 1);
    assertTrue(m.get("redis_memory_used_bytes") > 0);
    assertEquals(0.0, m.get("redis_evicted_keys_total"));
    Map<String, String> stats = fields(jedis.info("stats"));
    assertEquals(Double.parseDouble(stats.get("keyspace_hits")), m.get("redis_keyspace_hits_total"));
    assertEquals(Double.parseDouble(stats.get("keyspace_misses")), m.get("redis_keyspace_misses_total"));
    double shardKeys = 0;
    double shardHits = 0;
    for (Map.Entry<String, Double> e : m.entrySet()) {
      if (e.getKey().startsWith("troupe_shard_keys{")) {
        shardKeys += e.getValue();
      }
      if (e.getKey().startsWith("troupe_shard_keyspace_hits_total{")) {
        shardHits += e.getValue();
      }
    }
    assertEquals(4.0, shardKeys);
    assertEquals(m.get("redis_keyspace_hits_total"), shardHits);
    assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("redis_instance_info{role=\"master\",redis_version=\"7.0.15\"")),
        m.keySet().toString());

    // Counters move with traffic.
    for (int i = 0; i < 10; i++) {
      jedis.get("a");
    }
    Map<String, Double> after = scrape();
    assertTrue(after.get("redis_commands_processed_total") >= m.get("redis_commands_processed_total") + 10);
    assertEquals(m.get("redis_keyspace_hits_total") + 10, after.get("redis_keyspace_hits_total"));
  }

  private static long attr(String name, String attribute) throws Exception {
    return ((Number) MBEANS.getAttribute(new ObjectName(name), attribute)).longValue();
  }

  @Test
  void theNodeIdIsInInfoAndTheServerMBean() throws Exception {
    // The journal (Pekko Persistence, H2 in the node's dir) starts after the port is bound.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode id = getJson("/troupe/info").at("/node/node_id");
    while (!id.isTextual() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      id = getJson("/troupe/info").at("/node/node_id");
    }
    assertTrue(id.asText().matches("[0-9a-f]{40}"), id.toString());
    assertEquals(id.asText(), MBEANS.getAttribute(new ObjectName("io.troupe:type=Server"), "NodeId"));
    // Not INFO's run_id, which changes on every start.
    assertNotEquals(id.asText(), fields(jedis.info("server")).get("run_id"));
  }

  @Test
  void serverMBeanFollowsTheKeyspace() throws Exception {
    String s = "io.troupe:type=Server";
    fourKeys();
    assertEquals(4, attr(s, "Keys"));
    assertTrue(attr(s, "ConnectedClients") >= 1);
    assertTrue(attr(s, "UsedMemory") > 0);
    assertEquals(0, attr(s, "EvictedKeys"));
    assertTrue(attr(s, "OpsPerSec") >= 0);
    long hits = attr(s, "KeyspaceHits");
    long misses = attr(s, "KeyspaceMisses");
    long commands = attr(s, "CommandsProcessed");
    jedis.set("e", "5");
    jedis.get("e");
    jedis.get("nope");
    assertEquals(5, attr(s, "Keys"));
    assertEquals(hits + 1, attr(s, "KeyspaceHits"));
    assertEquals(misses + 1, attr(s, "KeyspaceMisses"));
    assertTrue(attr(s, "CommandsProcessed") >= commands + 3);
  }

  @Test
  void shardMBeansAddUpAndCountExpiry() throws Exception {
    fourKeys();
    Set<ObjectName> shards = MBEANS.queryNames(new ObjectName("io.troupe:type=Shard,*"), null);
    assertTrue(shards.size() >= 1);
    long keys = 0;
    long expires = 0;
    long hits = 0;
    for (ObjectName n : shards) {
      keys += attr(n.toString(), "Keys");
      expires += attr(n.toString(), "Expires");
      hits += attr(n.toString(), "KeyspaceHits");
    }
    assertEquals(4, keys);
    assertEquals(1, expires);
    assertEquals(attr("io.troupe:type=Server", "KeyspaceHits"), hits);

    // The shard owning "gone" counts its lazy expiry.
    int shard = shardOf("gone", shards.size());
    String name = "io.troupe:type=Shard,name=" + shard;
    long expired = attr(name, "ExpiredKeys");
    long keysBefore = attr(name, "Keys");
    long missesBefore = attr(name, "KeyspaceMisses");
    jedis.psetex("gone", 1, "x");
    assertEquals(keysBefore + 1, attr(name, "Keys"));
    assertEquals(1, attr(name, "Expires") - (shard == shardOf("d", shards.size()) ? 1 : 0));
    Thread.sleep(5);
    assertNull(jedis.get("gone"));
    assertEquals(expired + 1, attr(name, "ExpiredKeys"));
    assertEquals(missesBefore + 1, attr(name, "KeyspaceMisses"));
    assertEquals(keysBefore, attr(name, "Keys"));
  }

  /** The shard owning {@code key}, from /troupe/slots. */
  private static int shardOf(String key, int shardCount) throws Exception {
    int slot = KeySlot.slot(key.getBytes(StandardCharsets.UTF_8));
    for (JsonNode s : getJson("/troupe/slots").get("shards")) {
      for (JsonNode range : s.get("slots")) {
        if (slot >= range.get(0).asInt() && slot <= range.get(1).asInt()) {
          return s.get("shard").asInt();
        }
      }
    }
    throw new AssertionError("no shard of " + shardCount + " owns slot " + slot);
  }

  private static Map<String, String> fields(String info) {
    Map<String, String> out = new HashMap<>();
    for (String line : info.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return out;
  }
}

package io.troupe.type.hash;

import static io.troupe.InProcess.context;
import static io.troupe.InProcess.argv;
import static io.troupe.InProcess.resp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.resp.Reply;
import io.troupe.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * HashType against a LinkedHashMap model (insertion order while packed),
 * its listpack → hashtable conversions at the thresholds, and the handlers
 * in-process for what needs CONFIG or RESP3.
 */
class HashTypeTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static Map<String, String> contents(HashType h) {
    Map<String, String> m = new LinkedHashMap<>();
    h.forEach((f, v) -> m.put(s(f), s(v)));
    return m;
  }

  @Test
  void staysListpackUpToTheEntryLimitAndConvertsOneBeyond() {
    HashType h = new HashType();
    for (int i = 0; i < 128; i++) {
      assertTrue(h.set(b("f" + i), b("v" + i), 128, 64));
    }
    assertEquals("listpack", h.encoding());
    assertFalse(h.set(b("f0"), b("new"), 128, 64)); // an update adds no entry
    assertEquals("listpack", h.encoding());
    assertTrue(h.set(b("f128"), b("v"), 128, 64));
    assertEquals("hashtable", h.encoding());
    assertEquals(129, h.size());
    assertEquals("new", s(h.get(b("f0"))));
    // one-way: deleting back under the limit keeps the hashtable
    for (int i = 1; i < 129; i++) {
      assertTrue(h.delete(b("f" + i)));
    }
    assertEquals("hashtable", h.encoding());
    assertEquals(Map.of("f0", "new"), contents(h));
  }

  @Test
  void convertsWhenAFieldOrValueIsLongerThanTheValueLimit() {
    String at = "x".repeat(64);
    String over = "x".repeat(65);
    HashType h = new HashType();
    h.set(b(at), b(at), 128, 64);
    assertEquals("listpack", h.encoding());
    h.set(b("a"), b(over), 128, 64);
    assertEquals("hashtable", h.encoding());
    HashType g = new HashType();
    g.set(b("a"), b("1"), 128, 64);
    g.set(b(over), b("1"), 128, 64);
    assertEquals("hashtable", g.encoding());
    assertEquals(Map.of("a", "1", over, "1"), contents(g));
  }

  @Test
  void packedEntriesWithLongLengthsRoundTrip() {
    HashType h = new HashType();
    String big = "y".repeat(20_000); // a three-byte varint length
    h.set(b("big"), b(big), 128, 100_000);
    h.set(b(""), b(""), 128, 100_000);
    h.set(b("z"), b("1"), 128, 100_000);
    assertEquals("listpack", h.encoding());
    assertEquals(big, s(h.get(b("big"))));
    assertEquals("", s(h.get(b(""))));
    assertTrue(h.delete(b("big")));
    assertEquals(List.of("", "z"), new ArrayList<>(contents(h).keySet()));
  }

  @Test
  void randomOperationsMatchALinkedHashMapThroughTheConversion() {
    Random r = new Random(3);
    for (int round = 0; round < 20; round++) {
      HashType h = new HashType();
      Map<String, String> model = new LinkedHashMap<>();
      for (int step = 0; step < 2000; step++) {
        String f = "f" + r.nextInt(60);
        switch (r.nextInt(4)) {
          case 0, 1 -> {
            String v = r.nextInt(30) == 0 ? "v".repeat(70) : "v" + step;
            assertEquals(!model.containsKey(f), h.set(b(f), b(v), 40, 64));
            model.put(f, v);
          }
          case 2 -> assertEquals(model.remove(f) != null, h.delete(b(f)));
          default -> {
            assertEquals(model.get(f), h.get(b(f)) == null ? null : s(h.get(b(f))));
            assertEquals(model.containsKey(f), h.exists(b(f)));
          }
        }
        assertEquals(model.size(), h.size());
      }
      if (h.encoding().equals("listpack")) {
        assertEquals(new ArrayList<>(model.entrySet()), new ArrayList<>(contents(h).entrySet()));
      } else {
        assertEquals(model, contents(h));
      }
    }
  }

  @Test
  void deepCopyIsIndependentInBothEncodings() {
    for (long maxEntries : new long[] {128, 0}) {
      HashType h = new HashType();
      h.set(b("a"), b("1"), maxEntries, 64);
      HashType c = h.deepCopy();
      c.set(b("a"), b("2"), maxEntries, 64);
      c.set(b("b"), b("3"), maxEntries, 64);
      assertEquals(Map.of("a", "1"), contents(h));
      assertEquals(Map.of("a", "2", "b", "3"), contents(c));
      assertEquals(h.encoding(), c.encoding());
    }
  }

  @Test
  void randomPicks() {
    for (long maxEntries : new long[] {128, 0}) {
      HashType h = new HashType();
      for (int i = 0; i < 50; i++) {
        h.set(b("f" + i), b("v" + i), maxEntries, 64);
      }
      Random r = new Random(1);
      Set<String> fields = new HashSet<>();
      h.randomDistinct(30, r, (f, v) -> {
        assertEquals("v" + s(f).substring(1), s(v));
        assertTrue(fields.add(s(f)));
      });
      assertEquals(30, fields.size());
      List<String> repeats = new ArrayList<>();
      h.randomWithRepeats(500, r, (f, v) -> repeats.add(s(f)));
      assertEquals(500, repeats.size());
      assertTrue(new HashSet<>(repeats).size() < 500);
      assertTrue(new HashSet<>(repeats).size() > 30); // all 50 are reachable
    }
  }

  @Test
  void scanOfAListpackIsOneCallAndOfAHashtableKeepsTheGuarantee() {
    HashType small = new HashType();
    small.set(b("a"), b("1"), 128, 64);
    small.set(b("b"), b("2"), 128, 64);
    List<String> got = new ArrayList<>();
    assertEquals(0, small.scan(0, 1, (f, v) -> got.add(s(f) + "=" + s(v))));
    assertEquals(List.of("a=1", "b=2"), got);

    HashType big = new HashType();
    for (int i = 0; i < 1000; i++) {
      big.set(b("s" + i), b("v"), 128, 64);
    }
    Set<String> seen = new HashSet<>();
    Random r = new Random(5);
    long cursor = 0;
    int step = 0;
    do {
      cursor = big.scan(cursor, 10, (f, v) -> seen.add(s(f)));
      for (int i = 0; i < 50; i++) {
        String k = "c" + r.nextInt(3000);
        if (r.nextBoolean()) {
          big.set(b(k), b("v"), 128, 64);
        } else {
          big.delete(b(k));
        }
      }
      step++;
    } while (cursor != 0);
    for (int i = 0; i < 1000; i++) {
      assertTrue(seen.contains("s" + i), "s" + i);
    }
    assertTrue(step > 10);
  }

  // ---- handlers in-process: CONFIG thresholds and RESP3 shapes ----------------------------

  @Test
  void thresholdsComeFromTheConfigAtTheMomentOfConversion() {
    ServerConfig config = new ServerConfig();
    assertEquals(512, config.getLong("hash-max-listpack-entries"));
    assertEquals(64, config.getLong("hash-max-ziplist-value"));
    ExecContext ctx = context(config);
    config.set("hash-max-ziplist-entries", "2");
    HashCommands.hset(ctx, argv("hset", "h", "a", "1", "b", "2"));
    HashType h = (HashType) ctx.lookupRead(b("h")).value();
    assertEquals("listpack", h.encoding());
    HashCommands.hsetnx(ctx, argv("hsetnx", "h", "c", "3"));
    assertEquals("hashtable", h.encoding());

    config.set("hash-max-listpack-value", "3");
    HashCommands.hincrbyfloat(ctx, argv("hincrbyfloat", "g", "f", "1.5"));
    HashType g = (HashType) ctx.lookupRead(b("g")).value();
    assertEquals("listpack", g.encoding());
    HashCommands.hincrbyfloat(ctx, argv("hincrbyfloat", "g", "f", "0.25"));
    assertEquals("hashtable", g.encoding()); // "1.75" is 4 bytes
  }

  @Test
  void resp3Shapes() {
    ExecContext ctx = context(new ServerConfig());
    HashCommands.hset(ctx, argv("hset", "h", "a", "1", "b", "2"));
    assertEquals("%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n",
        resp(HashCommands.hgetall(ctx, argv("hgetall", "h")), 3));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n",
        resp(HashCommands.hgetall(ctx, argv("hgetall", "h")), 2));
    assertEquals("%0\r\n", resp(HashCommands.hgetall(ctx, argv("hgetall", "nokey")), 3));
    assertEquals("*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
        resp(HashCommands.hrandfield(ctx, argv("hrandfield", "h", "5", "withvalues")), 3));
    assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n",
        resp(HashCommands.hrandfield(ctx, argv("hrandfield", "h", "5", "withvalues")), 2));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n",
        resp(HashCommands.hrandfield(ctx, argv("hrandfield", "h", "2")), 3));
    assertEquals("_\r\n", resp(HashCommands.hrandfield(ctx, argv("hrandfield", "nokey")), 3));
    assertEquals("*2\r\n$1\r\n1\r\n_\r\n", resp(HashCommands.hmget(ctx, argv("hmget", "h", "a", "x")), 3));
    assertNull(ctx.lookupRead(b("nokey")));
  }

  @Test
  void failedIncrementsLeaveTheHashAsItWas() {
    ExecContext ctx = context(new ServerConfig());
    HashCommands.hset(ctx, argv("hset", "h", "a", "x", "n", "9223372036854775807"));
    for (String[] bad : List.of(
        new String[] {"hincrby", "h", "a", "1"},
        new String[] {"hincrby", "h", "n", "1"},
        new String[] {"hincrbyfloat", "h", "a", "1"},
        new String[] {"hincrbyfloat", "h", "a", "inf"})) {
      try {
        if (bad[0].equals("hincrby")) {
          HashCommands.hincrby(ctx, argv(bad));
        } else {
          HashCommands.hincrbyfloat(ctx, argv(bad));
        }
        throw new AssertionError("no error for " + String.join(" ", bad));
      } catch (io.troupe.resp.CommandException expected) {
        // the error text is checked over the wire in HashCommandsIT
      }
    }
    HashType h = (HashType) ctx.lookupRead(b("h")).value();
    assertEquals(Map.of("a", "x", "n", "9223372036854775807"), contents(h));
    assertArrayEquals(b("x"), h.get(b("a")));
  }
}

package io.troupe.type.set;

import static io.troupe.InProcess.context;
import static io.troupe.InProcess.argv;
import static io.troupe.InProcess.resp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * SetType against java.util sets as models: the intset (sorted, widening
 * 16 → 32 → 64 bits), its conversion to hashtable at the thresholds Redis 7.0
 * has (no set listpack in 7.0), and the handlers in-process for CONFIG and RESP3.
 */
class SetTypeTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static List<String> members(SetType set) {
    List<String> out = new ArrayList<>();
    set.forEach(m -> out.add(s(m)));
    return out;
  }

  @Test
  void intsetKeepsIntegersSortedAndWidensAtTheBoundaries() {
    SetType set = new SetType();
    long[] values = {5, -3, 32767, -32768, 32768, -32769, 2147483647L, -2147483648L, 2147483648L,
        -2147483649L, Long.MAX_VALUE, Long.MIN_VALUE, 0};
    TreeSet<Long> model = new TreeSet<>();
    for (long v : values) {
      assertTrue(set.add(b(Long.toString(v)), 512));
      model.add(v);
      List<String> expected = new ArrayList<>();
      model.forEach(x -> expected.add(Long.toString(x)));
      assertEquals(expected, members(set));
      assertEquals("intset", set.encoding());
    }
    assertFalse(set.add(b("32768"), 512));
    assertTrue(set.contains(b("-9223372036854775808")));
    assertFalse(set.contains(b("9223372036854775808"))); // not an integer: cannot be in an intset
    assertTrue(set.remove(b("-32769")));
    assertFalse(set.remove(b("-32769")));
    assertFalse(set.remove(b("abc")));
    assertEquals(values.length - 1, set.size());
  }

  @Test
  void aMemberThatIsNotAStrictIntegerConvertsToHashtable() {
    for (String notInt : new String[] {"a", "01", "-0", " 1", "1 ", "+1", "9223372036854775808", ""}) {
      SetType set = new SetType();
      set.add(b("1"), 512);
      assertTrue(set.add(b(notInt), 512), notInt);
      assertEquals("hashtable", set.encoding(), notInt);
      assertEquals(Set.of("1", notInt), new HashSet<>(members(set)));
    }
  }

  @Test
  void convertsOneBeyondTheIntsetLimitAndNeverBack() {
    SetType set = new SetType();
    for (int i = 0; i < 512; i++) {
      set.add(b(Integer.toString(i)), 512);
    }
    assertEquals("intset", set.encoding());
    assertFalse(set.add(b("7"), 512));
    assertEquals("intset", set.encoding());
    set.add(b("512"), 512);
    assertEquals("hashtable", set.encoding());
    for (int i = 0; i < 500; i++) {
      set.remove(b(Integer.toString(i)));
    }
    assertEquals("hashtable", set.encoding());
    assertEquals(13, set.size());
    SetType zero = new SetType();
    zero.add(b("1"), 0);
    assertEquals("hashtable", zero.encoding());
  }

  @Test
  void randomOperationsMatchAHashSet() {
    Random r = new Random(11);
    for (int round = 0; round < 30; round++) {
      SetType set = new SetType();
      Set<String> model = new HashSet<>();
      boolean strings = round % 3 == 0;
      for (int step = 0; step < 3000; step++) {
        String m = strings && r.nextInt(200) == 0 ? "m" + r.nextInt(10) : Long.toString(r.nextInt(400) - 200L
            + (r.nextInt(20) == 0 ? (long) Integer.MAX_VALUE * 3 : 0));
        switch (r.nextInt(4)) {
          case 0, 1 -> assertEquals(model.add(m), set.add(b(m), 300));
          case 2 -> assertEquals(model.remove(m), set.remove(b(m)));
          default -> assertEquals(model.contains(m), set.contains(b(m)));
        }
        assertEquals(model.size(), set.size());
      }
      assertEquals(model, new HashSet<>(members(set)));
      if (set.encoding().equals("intset")) {
        List<Long> sorted = new ArrayList<>();
        model.forEach(x -> sorted.add(Long.parseLong(x)));
        sorted.sort(null);
        List<String> expected = new ArrayList<>();
        sorted.forEach(x -> expected.add(Long.toString(x)));
        assertEquals(expected, members(set));
      }
    }
  }

  @Test
  void popAndRandomPicksInBothEncodings() {
    for (String prefix : new String[] {"", "m"}) {
      SetType set = new SetType();
      Set<String> model = new HashSet<>();
      for (int i = 0; i < 100; i++) {
        set.add(b(prefix + i), 512);
        model.add(prefix + i);
      }
      Random r = new Random(2);
      Set<String> picked = new HashSet<>();
      set.randomDistinct(60, r, m -> assertTrue(picked.add(s(m))));
      assertEquals(60, picked.size());
      assertTrue(model.containsAll(picked));
      List<String> repeats = new ArrayList<>();
      set.randomWithRepeats(1000, r, m -> repeats.add(s(m)));
      assertEquals(1000, repeats.size());
      assertTrue(model.containsAll(repeats));
      while (!set.isEmpty()) {
        assertTrue(model.remove(s(set.popRandom(r))));
        assertEquals(model.size(), set.size());
      }
      assertTrue(model.isEmpty());
    }
  }

  @Test
  void scanKeepsTheGuaranteeUnderConcurrentAddsAndRemoves() {
    SetType set = new SetType();
    for (int i = 0; i < 1000; i++) {
      set.add(b("s" + i), 512);
    }
    Set<String> seen = new HashSet<>();
    Random r = new Random(9);
    long cursor = 0;
    do {
      cursor = set.scan(cursor, 10, m -> seen.add(s(m)));
      for (int i = 0; i < 60; i++) {
        String k = "c" + r.nextInt(5000);
        if (r.nextInt(3) > 0) {
          set.add(b(k), 512);
        } else {
          set.remove(b(k));
        }
      }
    } while (cursor != 0);
    for (int i = 0; i < 1000; i++) {
      assertTrue(seen.contains("s" + i), "s" + i);
    }
    SetType ints = new SetType();
    ints.add(b("3"), 512);
    ints.add(b("1"), 512);
    List<String> all = new ArrayList<>();
    assertEquals(0, ints.scan(0, 1, m -> all.add(s(m))));
    assertEquals(List.of("1", "3"), all);
  }

  @Test
  void deepCopyIsIndependent() {
    for (String m : new String[] {"1", "a"}) {
      SetType set = new SetType();
      set.add(b(m), 512);
      SetType c = set.deepCopy();
      c.add(b("2"), 512);
      assertEquals(List.of(m), members(set));
      assertEquals(Set.of(m, "2"), new HashSet<>(members(c)));
    }
  }

  // ---- handlers in-process ------------------------------------------------------------------

  @Test
  void intsetLimitComesFromTheConfigAndStoreResultsAreIntsetsWhenTheyCanBe() {
    ServerConfig config = new ServerConfig();
    assertEquals(512, config.getLong("set-max-intset-entries"));
    ExecContext ctx = context(config);
    SetCommands.sadd(ctx, argv("sadd", "a", "3", "1", "2"));
    SetCommands.sadd(ctx, argv("sadd", "b", "x", "2", "3"));
    SetType a = (SetType) ctx.lookupRead(b("a")).value();
    assertEquals("intset", a.encoding());
    assertEquals("hashtable", ((SetType) ctx.lookupRead(b("b")).value()).encoding());
    SetCommands.sinterstore(ctx, argv("sinterstore", "i", "a", "b"));
    SetType i = (SetType) ctx.lookupRead(b("i")).value();
    assertEquals("intset", i.encoding());
    assertEquals(List.of("2", "3"), members(i));
    config.set("set-max-intset-entries", "3");
    SetCommands.sadd(ctx, argv("sadd", "a", "4"));
    assertEquals("hashtable", a.encoding());
    SetCommands.sunionstore(ctx, argv("sunionstore", "u", "i"));
    assertEquals("intset", ((SetType) ctx.lookupRead(b("u")).value()).encoding());
  }

  @Test
  void resp3Shapes() {
    ExecContext ctx = context(new ServerConfig());
    SetCommands.sadd(ctx, argv("sadd", "s", "2", "1"));
    assertEquals("~2\r\n$1\r\n1\r\n$1\r\n2\r\n", resp(SetCommands.smembers(ctx, argv("smembers", "s")), 3));
    assertEquals("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", resp(SetCommands.smembers(ctx, argv("smembers", "s")), 2));
    assertEquals("~0\r\n", resp(SetCommands.smembers(ctx, argv("smembers", "nokey")), 3));
    assertEquals("~0\r\n", resp(SetCommands.spop(ctx, argv("spop", "nokey", "2")), 3));
    assertEquals("~0\r\n", resp(SetCommands.spop(ctx, argv("spop", "s", "0")), 3));
    assertEquals("_\r\n", resp(SetCommands.spop(ctx, argv("spop", "nokey")), 3));
    assertEquals("_\r\n", resp(SetCommands.srandmember(ctx, argv("srandmember", "nokey")), 3));
    assertEquals("*0\r\n", resp(SetCommands.srandmember(ctx, argv("srandmember", "nokey", "3")), 3));
    assertEquals("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", resp(SetCommands.srandmember(ctx, argv("srandmember", "s", "9")), 3));
    assertEquals("~2\r\n$1\r\n1\r\n$1\r\n2\r\n", resp(SetCommands.sunion(ctx, argv("sunion", "s", "nokey")), 3));
    assertEquals("~2\r\n$1\r\n1\r\n$1\r\n2\r\n", resp(SetCommands.spop(ctx, argv("spop", "s", "5")), 3));
    assertTrue(ctx.lookupRead(b("s")) == null);
  }
}

package io.troupe.type.list;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quicklist structure: ends, ranges, middle edits, node splits/merges, fill thresholds, a model check. */
class ListTypeTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String s(byte[] v) {
    return v == null ? null : new String(v, StandardCharsets.ISO_8859_1);
  }

  private static List<String> all(ListType l) {
    List<String> out = new ArrayList<>();
    Iterator<byte[]> it = l.iterator();
    while (it.hasNext()) {
      out.add(s(it.next()));
    }
    if (l.size() > 0) {
      List<String> r = new ArrayList<>();
      for (byte[] v : l.range(0, l.size() - 1)) {
        r.add(s(v));
      }
      assertEquals(out, r, "iterator and range agree");
    }
    return out;
  }

  @Test
  void pushAndPopAtBothEnds() {
    ListType l = new ListType(-2);
    l.push(b("b"), true);
    l.push(b("a"), true);
    l.push(b("c"), false);
    l.push(b("d"), false);
    assertEquals(List.of("a", "b", "c", "d"), all(l));
    assertEquals("a", s(l.pop(true)));
    assertEquals("d", s(l.pop(false)));
    assertEquals("b", s(l.pop(true)));
    assertEquals("c", s(l.pop(true)));
    assertNull(l.pop(true));
    assertNull(l.pop(false));
    assertTrue(l.isEmpty());
    assertEquals(0, l.nodeCount());
    l.checkInvariants();
  }

  @Test
  void encodingIsQuicklistAsRedis70() {
    ListType l = new ListType(-2);
    l.push(b("x"), false);
    assertEquals("quicklist", l.encoding());
    assertEquals("list", l.typeName());
    for (int i = 0; i < 5000; i++) {
      l.push(b("element-" + i), false);
    }
    assertEquals("quicklist", l.encoding());
  }

  @Test
  void integersAndStringsRoundTripExactly() {
    String[] values = {"0", "1", "-1", "63", "64", "-64", "127", "128", "255", "256", "32767", "32768",
        "-32768", "-32769", "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "007", "+5", "-0", " 1", "1 ", "", "abc", "x".repeat(127), "y".repeat(128),
        "z".repeat(20000), "\u0000\u00ff"};
    ListType l = new ListType(-2);
    for (String v : values) {
      l.push(b(v), false);
    }
    assertEquals(List.of(values), all(l));
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], s(l.get(i)));
      assertEquals(List.of((long) i), l.positions(b(values[i]), 1, 1, 0), values[i]);
    }
    l.checkInvariants();
  }

  @Test
  void rangeAndGetFromEitherEnd() {
    ListType l = new ListType(4); // small nodes: many of them
    for (int i = 0; i < 50; i++) {
      l.push(b("v" + i), false);
    }
    assertEquals(13, l.nodeCount());
    for (int i = 0; i < 50; i++) {
      assertEquals("v" + i, s(l.get(i)));
    }
    List<String> r = new ArrayList<>();
    for (byte[] v : l.range(7, 30)) {
      r.add(s(v));
    }
    assertEquals(24, r.size());
    assertEquals("v7", r.get(0));
    assertEquals("v30", r.get(23));
    assertEquals("v49", s(l.range(49, 49).get(0)));
  }

  @Test
  void positiveFillCapsEntriesPerNode() {
    ListType l = new ListType(3);
    for (int i = 0; i < 3; i++) {
      l.push(b("e" + i), false);
    }
    assertEquals(1, l.nodeCount());
    l.push(b("e3"), false);
    assertEquals(2, l.nodeCount());
    assertArrayEquals(new int[] {3, 1}, l.nodeCounts());
    l.push(b("h"), true);
    assertArrayEquals(new int[] {1, 3, 1}, l.nodeCounts());
    l.checkInvariants();
  }

  @Test
  void negativeFillCapsNodeBytes() {
    // A 100-byte string takes 1 header + 100 + 1 back-length = 102 bytes; -1 means 4096 bytes a node.
    ListType l = new ListType(-1);
    byte[] v = b("a".repeat(100));
    for (int i = 0; i < 40; i++) {
      l.push(v, false);
    }
    assertEquals(1, l.nodeCount());
    l.push(v, false);
    assertEquals(2, l.nodeCount());
    assertArrayEquals(new int[] {40, 1}, l.nodeCounts());

    // -2 (the default) is 8192 bytes: 80 such entries.
    ListType d = new ListType(-2);
    for (int i = 0; i < 81; i++) {
      d.push(v, true);
    }
    assertArrayEquals(new int[] {1, 80}, d.nodeCounts());

    // Below -5 is -5 (64 KiB), above 2^15 is 2^15, as Redis clamps.
    assertEquals(-5, new ListType(-100).fill());
    assertEquals(1 << 15, new ListType(1 << 20).fill());
  }

  @Test
  void positiveFillStillHonoursTheSafetyLimit() {
    ListType l = new ListType(1000);
    byte[] v = b("a".repeat(1000)); // 1 + 4 + 1000 + 2 = 1007 bytes
    for (int i = 0; i < 9; i++) {
      l.push(v, false);
    }
    assertArrayEquals(new int[] {8, 1}, l.nodeCounts());
  }

  @Test
  void aHugeElementGetsANodeOfItsOwn() {
    ListType l = new ListType(-1);
    l.push(b("small"), false);
    l.push(b("x".repeat(10000)), false);
    l.push(b("small"), false);
    assertArrayEquals(new int[] {1, 1, 1}, l.nodeCounts());
    l.checkInvariants();
    assertEquals(10000, l.get(1).length);
  }

  @Test
  void fillZeroMeansOneEntryPerNode() {
    ListType l = new ListType(0);
    for (int i = 0; i < 5; i++) {
      l.push(b("" + i), i % 2 == 0);
    }
    assertEquals(5, l.nodeCount());
    assertTrue(l.insert(b("0"), b("mid"), true));
    assertEquals(6, l.nodeCount());
    l.checkInvariants();
  }

  @Test
  void insertInTheMiddleSplitsAFullNode() {
    ListType l = new ListType(4);
    for (String v : new String[] {"a", "b", "c", "d"}) {
      l.push(b(v), false);
    }
    assertEquals(1, l.nodeCount());
    assertTrue(l.insert(b("b"), b("x"), true));
    assertEquals(List.of("a", "b", "x", "c", "d"), all(l));
    assertEquals(2, l.nodeCount());
    assertTrue(l.insert(b("a"), b("first"), false));
    assertTrue(l.insert(b("d"), b("last"), true));
    assertFalse(l.insert(b("nope"), b("y"), true));
    assertEquals(List.of("first", "a", "b", "x", "c", "d", "last"), all(l));
    l.checkInvariants();
  }

  @Test
  void lsetGrowingAnEntryPastTheNodeLimitSplits() {
    ListType l = new ListType(-1);
    byte[] v = b("a".repeat(100));
    for (int i = 0; i < 40; i++) {
      l.push(v, false);
    }
    l.set(20, b("b".repeat(3000)));
    l.checkInvariants();
    assertTrue(l.nodeCount() >= 2);
    assertEquals(3000, l.get(20).length);
    assertEquals(40, l.size());
    l.set(0, b("1"));
    l.set(39, b("-7"));
    assertEquals("1", s(l.get(0)));
    assertEquals("-7", s(l.get(39)));
    l.checkInvariants();
  }

  @Test
  void removeFromHeadTailOrAllAndMergeNodes() {
    ListType l = new ListType(4);
    for (int i = 0; i < 20; i++) {
      l.push(b(i % 2 == 0 ? "x" : "y" + i), false);
    }
    assertEquals(5, l.nodeCount());
    assertEquals(2, l.remove(b("x"), 2));
    assertEquals("y1", s(l.get(0)));
    assertEquals(2, l.remove(b("x"), -2));
    assertEquals("y19", s(l.get(l.size() - 1)));
    assertEquals("y17", s(l.get(l.size() - 2)));
    assertEquals("y15", s(l.get(l.size() - 3)));
    assertEquals(6, l.remove(b("x"), 0));
    assertEquals(0, l.remove(b("x"), 0));
    assertEquals(10, l.size());
    assertEquals(3, l.nodeCount()); // 10 entries, merged back into nodes of at most 4
    l.checkInvariants();
    assertEquals(0, l.remove(b("zzz"), 0));
    assertEquals(10, l.size());
  }

  @Test
  void trimEnds() {
    ListType l = new ListType(3);
    for (int i = 0; i < 10; i++) {
      l.push(b("" + i), false);
    }
    l.trimEnds(4, 2);
    assertEquals(List.of("4", "5", "6", "7"), all(l));
    l.checkInvariants();
    l.trimEnds(1, 0);
    assertEquals(List.of("5", "6", "7"), all(l));
    l.trimEnds(0, 3);
    assertTrue(l.isEmpty());
    assertEquals(0, l.nodeCount());
  }

  @Test
  void positionsWithRankCountAndMaxlen() {
    ListType l = new ListType(2);
    for (String v : new String[] {"a", "b", "c", "a", "b", "c", "a"}) {
      l.push(b(v), false);
    }
    assertEquals(List.of(0L), l.positions(b("a"), 1, 1, 0));
    assertEquals(List.of(3L), l.positions(b("a"), 2, 1, 0));
    assertEquals(List.of(6L), l.positions(b("a"), -1, 1, 0));
    assertEquals(List.of(3L, 0L), l.positions(b("a"), -2, 0, 0));
    assertEquals(List.of(0L, 3L, 6L), l.positions(b("a"), 1, 0, 0));
    assertEquals(List.of(0L), l.positions(b("a"), 1, 2, 3));
    assertEquals(List.of(6L), l.positions(b("a"), Long.MIN_VALUE, 1, 0));
    assertEquals(List.of(), l.positions(b("a"), Long.MAX_VALUE, 1, 0));
    assertEquals(List.of(), l.positions(b("z"), 1, 0, 0));
  }

  @Test
  void deepCopyIsIndependent() {
    ListType l = new ListType(2);
    for (int i = 0; i < 7; i++) {
      l.push(b("" + i), false);
    }
    ListType c = l.deepCopy();
    l.set(0, b("changed"));
    l.pop(false);
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6"), all(c));
    assertEquals(7, c.size());
    c.checkInvariants();
  }

  @Test
  void fifoAndLifoPatternsKeepNodesCompact() {
    ListType l = new ListType(-2);
    for (int round = 0; round < 100_000; round++) {
      l.push(b("item" + round), false);
      if (round % 3 != 0) {
        l.pop(true);
      }
    }
    assertEquals(33_334, l.size());
    l.checkInvariants();
    for (int i = 0; i < 33_334; i++) {
      l.pop(false);
    }
    assertEquals(0, l.nodeCount());
  }

  @Test
  void randomizedAgainstArrayList() {
    int[] fills = {-5, -2, -1, 0, 1, 2, 3, 7, 64};
    for (int fill : fills) {
      Random rnd = new Random(1234 + fill);
      ListType l = new ListType(fill);
      List<String> model = new ArrayList<>();
      for (int step = 0; step < 6000; step++) {
        int op = rnd.nextInt(100);
        String v = randomValue(rnd);
        if (op < 25) {
          l.push(b(v), true);
          model.add(0, v);
        } else if (op < 50) {
          l.push(b(v), false);
          model.add(v);
        } else if (op < 58) {
          String got = s(l.pop(true));
          assertEquals(model.isEmpty() ? null : model.remove(0), got);
        } else if (op < 66) {
          String got = s(l.pop(false));
          assertEquals(model.isEmpty() ? null : model.remove(model.size() - 1), got);
        } else if (op < 72 && !model.isEmpty()) {
          int i = rnd.nextInt(model.size());
          l.set(i, b(v));
          model.set(i, v);
        } else if (op < 80) {
          String pivot = model.isEmpty() || rnd.nextInt(5) == 0 ? randomValue(rnd)
              : model.get(rnd.nextInt(model.size()));
          boolean after = rnd.nextBoolean();
          int at = model.indexOf(pivot);
          assertEquals(at >= 0, l.insert(b(pivot), b(v), after));
          if (at >= 0) {
            model.add(after ? at + 1 : at, v);
          }
        } else if (op < 85) {
          String target = model.isEmpty() ? v : model.get(rnd.nextInt(model.size()));
          long count = rnd.nextInt(5) - 2;
          assertEquals(modelRemove(model, target, count), l.remove(b(target), count));
        } else if (op < 88 && !model.isEmpty()) {
          int h = rnd.nextInt(Math.min(model.size(), 5) + 1);
          int t = rnd.nextInt(Math.min(model.size(), 5) + 1);
          l.trimEnds(h, t);
          if (h + t >= model.size()) {
            model.clear();
          } else {
            model.subList(model.size() - t, model.size()).clear();
            model.subList(0, h).clear();
          }
        } else if (op < 94 && !model.isEmpty()) {
          int from = rnd.nextInt(model.size());
          int to = from + rnd.nextInt(model.size() - from);
          List<String> got = new ArrayList<>();
          for (byte[] x : l.range(from, to)) {
            got.add(s(x));
          }
          assertEquals(model.subList(from, to + 1), got);
          assertEquals(model.get(from), s(l.get(from)));
        } else if (!model.isEmpty()) {
          String target = model.get(rnd.nextInt(model.size()));
          long rank = rnd.nextBoolean() ? 1 + rnd.nextInt(3) : -1 - rnd.nextInt(3);
          assertEquals(modelPositions(model, target, rank, 0), l.positions(b(target), rank, 0, 0));
        }
        assertEquals(model.size(), l.size());
        if (step % 50 == 0) {
          l.checkInvariants();
        }
      }
      l.checkInvariants();
      assertEquals(model, all(l), "fill " + fill);
    }
  }

  private static String randomValue(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> Integer.toString(rnd.nextInt(100) - 20);
      case 1 -> Long.toString(rnd.nextLong());
      case 2 -> "v" + rnd.nextInt(30);
      case 3 -> "long-" + "x".repeat(rnd.nextInt(300));
      case 4 -> rnd.nextInt(50) == 0 ? "h".repeat(9000) : "0" + rnd.nextInt(10);
      default -> "e" + rnd.nextInt(5);
    };
  }

  private static long modelRemove(List<String> model, String v, long count) {
    long removed = 0;
    long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
    if (count >= 0) {
      for (int i = 0; i < model.size() && removed < limit; ) {
        if (model.get(i).equals(v)) {
          model.remove(i);
          removed++;
        } else {
          i++;
        }
      }
    } else {
      for (int i = model.size() - 1; i >= 0 && removed < limit; i--) {
        if (model.get(i).equals(v)) {
          model.remove(i);
          removed++;
        }
      }
    }
    return removed;
  }

  private static List<Long> modelPositions(List<String> model, String v, long rank, long count) {
    List<Long> out = new ArrayList<>();
    long skip = Math.abs(rank) - 1;
    for (int k = 0; k < model.size(); k++) {
      int i = rank > 0 ? k : model.size() - 1 - k;
      if (model.get(i).equals(v)) {
        if (skip > 0) {
          skip--;
        } else {
          out.add((long) i);
          if (count != 0 && out.size() >= count) {
            break;
          }
        }
      }
    }
    return out;
  }
}

package io.troupe.type;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BytesTable against a java.util.HashMap model, and the scan guarantee across resizes. */
class BytesTableTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }

  private static Map<String, String> contents(BytesTable t) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < t.size(); i++) {
      m.put(s(t.key(i)), s(t.value(i)));
    }
    return m;
  }

  @Test
  void randomOperationsMatchAHashMap() {
    Random r = new Random(42);
    BytesTable t = new BytesTable(true, 0);
    Map<String, String> model = new HashMap<>();
    for (int step = 0; step < 50_000; step++) {
      String k = "k" + r.nextInt(step < 25_000 ? 3000 : 300);
      int op = r.nextInt(10);
      if (op < 5) {
        String v = "v" + step;
        assertEquals(!model.containsKey(k), t.put(b(k), b(v)));
        model.put(k, v);
      } else if (op < 9) {
        assertEquals(model.remove(k) != null, t.remove(b(k)));
      } else {
        int i = t.indexOf(b(k));
        if (model.containsKey(k)) {
          assertEquals(model.get(k), s(t.value(i)));
        } else {
          assertEquals(-1, i);
        }
      }
      assertEquals(model.size(), t.size());
    }
    assertEquals(model, contents(t));
  }

  @Test
  void growsAtOneEntryPerBucketAndShrinksBelowTenPercent() {
    BytesTable t = new BytesTable(false, 0);
    for (int i = 0; i < 10_000; i++) {
      t.add(b("m" + i));
    }
    assertEquals(16_384, t.bucketCount());
    for (int i = 10; i < 10_000; i++) {
      assertTrue(t.remove(b("m" + i)));
    }
    assertEquals(32, t.bucketCount()); // shrank at 25 entries to the next power of two
    for (int i = 0; i < 10; i++) {
      assertTrue(t.indexOf(b("m" + i)) >= 0);
    }
  }

  @Test
  void removeAtMovesTheLastEntryIntoTheHole() {
    BytesTable t = new BytesTable(false, 0);
    for (int i = 0; i < 100; i++) {
      assertTrue(t.add(b("m" + i)));
    }
    assertFalse(t.add(b("m5")));
    byte[] last = t.key(99);
    int i = t.indexOf(b("m7"));
    t.removeAt(i);
    assertArrayEquals(last, t.key(i));
    assertEquals(-1, t.indexOf(b("m7")));
    for (int k = 0; k < 100; k++) {
      if (k != 7) {
        assertTrue(t.indexOf(b("m" + k)) >= 0, "m" + k);
      }
    }
  }

  @Test
  void copyIsIndependent() {
    BytesTable t = new BytesTable(true, 0);
    t.put(b("a"), b("1"));
    BytesTable c = t.copy();
    c.put(b("a"), b("2"));
    c.put(b("b"), b("3"));
    assertEquals(Map.of("a", "1"), contents(t));
    assertEquals(Map.of("a", "2", "b", "3"), contents(c));
  }

  @Test
  void fullScanVisitsEveryEntryOnce() {
    BytesTable t = new BytesTable(false, 0);
    for (int i = 0; i < 1000; i++) {
      t.add(b("m" + i));
    }
    List<String> seen = new ArrayList<>();
    long cursor = 0;
    do {
      cursor = t.scan(cursor, e -> seen.add(s(t.key(e))));
    } while (cursor != 0);
    assertEquals(1000, seen.size());
    assertEquals(1000, new HashSet<>(seen).size());
  }

  /** Redis's SCAN guarantee: what is present for the whole iteration is returned, through grows and shrinks. */
  @Test
  void scanReturnsStableEntriesWhileTheTableGrowsAndShrinks() {
    Random r = new Random(7);
    for (int round = 0; round < 30; round++) {
      BytesTable t = new BytesTable(false, 0);
      Set<String> stable = new HashSet<>();
      for (int i = 0; i < 20 + r.nextInt(200); i++) {
        stable.add("s" + i);
        t.add(b("s" + i));
      }
      List<String> churn = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      long cursor = 0;
      int steps = 0;
      do {
        // one SCAN call: about 20 entries or 200 buckets
        int[] got = {0};
        int buckets = 0;
        do {
          cursor = t.scan(cursor, e -> {
            seen.add(s(t.key(e)));
            got[0]++;
          });
        } while (cursor != 0 && ++buckets < 200 && got[0] < 20);
        // between calls: grow a lot (x16 and more), or shrink back to almost nothing
        if (churn.size() < 3000 && r.nextBoolean()) {
          for (int i = r.nextInt(3000); i >= 0; i--) {
            String k = "c" + steps + "_" + i;
            churn.add(k);
            t.add(b(k));
          }
        } else {
          while (churn.size() > r.nextInt(3)) {
            t.remove(b(churn.remove(churn.size() - 1)));
          }
        }
        steps++;
      } while (cursor != 0);
      assertTrue(seen.containsAll(stable), "round " + round);
    }
  }
}

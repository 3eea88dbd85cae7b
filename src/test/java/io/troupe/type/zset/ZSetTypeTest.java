package io.troupe.type.zset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.resp.CommandException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The sorted-set data structure and score parsing, in-process, against a TreeSet model. */
class ZSetTypeTest {
  private static final ZSetType.Limits DEFAULT = new ZSetType.Limits(128, 64);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** One element of the model, ordered as Redis orders a sorted set. */
  private record El(double score, byte[] member) implements Comparable<El> {
    @Override
    public int compareTo(El o) {
      return SkipList.compare(score, member, o.score, o.member);
    }
  }

  private static List<String> members(ZSetType z) {
    List<String> out = new ArrayList<>();
    z.forEach((m, s) -> out.add(new String(m, StandardCharsets.ISO_8859_1)) || true);
    return out;
  }

  @Test
  void ordersByScoreThenUnsignedMemberBytes() {
    for (ZSetType.Limits lim : List.of(DEFAULT, new ZSetType.Limits(0, 64))) {
      ZSetType z = ZSetType.create(lim, 1);
      z.insert(b("b"), 1, lim);
      z.insert(new byte[] {(byte) 0xff}, 1, lim);
      z.insert(b("a"), 1, lim);
      z.insert(b("ab"), 1, lim);
      z.insert(b("z"), 0.5, lim);
      z.insert(b("m"), Double.NEGATIVE_INFINITY, lim);
      z.verify();
      assertEquals(List.of("m", "z", "a", "ab", "b", "\u00ff"), members(z));
      assertEquals(0, z.rank(b("m"), false));
      assertEquals(5, z.rank(b("m"), true));
      assertEquals(-1, z.rank(b("nope"), false));
      z.updateScore(b("m"), 2);
      assertEquals(List.of("z", "a", "ab", "b", "\u00ff", "m"), members(z));
      z.verify();
    }
  }

  @Test
  void convertsAtTheEntryAndValueThresholds() {
    ZSetType.Limits lim = new ZSetType.Limits(3, 5);
    ZSetType z = ZSetType.create(lim, 1);
    z.insert(b("a"), 1, lim);
    z.insert(b("b"), 2, lim);
    z.insert(b("c"), 3, lim);
    assertEquals("listpack", z.encoding());
    z.insert(b("d"), 4, lim);
    assertEquals("skiplist", z.encoding());
    z.remove(b("d"));
    z.remove(b("c"));
    assertEquals("skiplist", z.encoding(), "no way back on removal");
    z.verify();

    ZSetType v = ZSetType.create(lim, 5);
    v.insert(b("12345"), 1, lim);
    assertEquals("listpack", v.encoding());
    v.insert(b("123456"), 1, lim);
    assertEquals("skiplist", v.encoding());
    assertEquals("skiplist", ZSetType.create(lim, 6).encoding());
    assertEquals("skiplist", ZSetType.create(new ZSetType.Limits(0, 64), 1).encoding());

    // STORE results: built as a skiplist, then compacted when small enough
    ZSetType s = ZSetType.createSkiplist();
    s.insert(b("a"), -0.0, lim);
    s.insert(b("b"), 2, lim);
    s.compact(lim);
    assertEquals("listpack", s.encoding());
    assertEquals(List.of("a", "b"), members(s));
    assertEquals("0.0", String.valueOf(s.score(b("a"))), "listpack stores -0 as 0, as Redis 7.0");
    ZSetType big = ZSetType.createSkiplist();
    for (int i = 0; i < 4; i++) {
      big.insert(b("m" + i), i, lim);
    }
    big.compact(lim);
    assertEquals("skiplist", big.encoding());
    ZSetType longMember = ZSetType.createSkiplist();
    longMember.insert(b("123456"), 1, lim);
    longMember.compact(lim);
    assertEquals("skiplist", longMember.encoding());
  }

  @Test
  void negativeZeroKeptBySkiplistOnly() {
    ZSetType lp = ZSetType.create(DEFAULT, 1);
    lp.insert(b("a"), -0.0, DEFAULT);
    assertEquals("0.0", String.valueOf(lp.score(b("a"))));
    ZSetType.Limits none = new ZSetType.Limits(0, 64);
    ZSetType sl = ZSetType.create(none, 1);
    sl.insert(b("a"), -0.0, none);
    assertEquals("-0.0", String.valueOf(sl.score(b("a"))));
  }

  @Test
  void rangesByScoreAndLex() {
    for (ZSetType.Limits lim : List.of(DEFAULT, new ZSetType.Limits(0, 64))) {
      ZSetType z = ZSetType.create(lim, 1);
      for (int i = 0; i < 10; i++) {
        z.insert(b("m" + i), i, lim);
      }
      assertEquals(3, z.firstInRange(new Ranges.ScoreRange(2.5, 7, false, false)));
      assertEquals(7, z.lastInRange(new Ranges.ScoreRange(2.5, 7, false, false)));
      assertEquals(6, z.lastInRange(new Ranges.ScoreRange(2.5, 7, false, true)));
      assertEquals(3, z.firstInRange(new Ranges.ScoreRange(2, 7, true, true)));
      assertEquals(-1, z.firstInRange(new Ranges.ScoreRange(7, 7, true, false)));
      assertEquals(-1, z.firstInRange(new Ranges.ScoreRange(20, 30, false, false)));
      assertEquals(-1, z.lastInRange(new Ranges.ScoreRange(-5, -1, false, false)));
      assertEquals(0, z.firstInRange(new Ranges.ScoreRange(Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY, false, false)));

      ZSetType l = ZSetType.create(lim, 1);
      for (String m : List.of("a", "b", "c", "d", "e")) {
        l.insert(b(m), 0, lim);
      }
      Ranges.LexRange r = new Ranges.LexRange(b("b"), b("d"), true, false);
      assertEquals(2, l.firstInLex(r));
      assertEquals(3, l.lastInLex(r));
      assertEquals(0, l.firstInLex(new Ranges.LexRange(Ranges.MIN_STRING, Ranges.MAX_STRING, false, false)));
      assertEquals(-1, l.firstInLex(new Ranges.LexRange(Ranges.MAX_STRING, Ranges.MIN_STRING, false, false)));
      assertEquals(-1, l.firstInLex(new Ranges.LexRange(b("c"), b("c"), true, false)));
      assertEquals(3, l.removeRange(1, 3));
      assertEquals(List.of("a", "e"), members(l));
      l.verify();
    }
  }

  @Test
  void randomizedAgainstTreeSetModel() {
    Random rnd = new Random(42);
    for (ZSetType.Limits lim : List.of(DEFAULT, new ZSetType.Limits(16, 64), new ZSetType.Limits(0, 64))) {
      ZSetType z = ZSetType.create(lim, 1);
      TreeSet<El> model = new TreeSet<>();
      Map<String, Double> scores = new HashMap<>();
      for (int op = 0; op < 20_000; op++) {
        String m = "k" + rnd.nextInt(400);
        byte[] mb = b(m);
        int kind = rnd.nextInt(10);
        double score = rnd.nextInt(50) / 2.0;
        Double cur = scores.get(m);
        assertEquals(cur, z.score(mb));
        if (kind < 5) {
          if (cur == null) {
            z.insert(mb, score, lim);
          } else {
            z.updateScore(mb, score);
            model.remove(new El(cur, mb));
          }
          model.add(new El(score, mb));
          scores.put(m, score);
        } else if (kind < 8) {
          assertEquals(cur != null, z.remove(mb));
          if (cur != null) {
            model.remove(new El(cur, mb));
            scores.remove(m);
          }
        } else if (kind == 8 && z.size() > 0) {
          long a = rnd.nextInt(z.size());
          long e = Math.min(z.size() - 1, a + rnd.nextInt(5));
          List<El> all = new ArrayList<>(model);
          for (long i = a; i <= e; i++) {
            El gone = all.get((int) i);
            model.remove(gone);
            scores.remove(new String(gone.member, StandardCharsets.ISO_8859_1));
          }
          assertEquals(e - a + 1, z.removeRange(a, e));
        } else {
          double lo = rnd.nextInt(50) / 2.0;
          double hi = lo + rnd.nextInt(10);
          boolean minex = rnd.nextBoolean();
          boolean maxex = rnd.nextBoolean();
          Ranges.ScoreRange r = new Ranges.ScoreRange(lo, hi, minex, maxex);
          List<El> all = new ArrayList<>(model);
          long first = -1;
          long last = -1;
          for (int i = 0; i < all.size(); i++) {
            if (r.contains(all.get(i).score)) {
              if (first < 0) {
                first = i;
              }
              last = i;
            }
          }
          assertEquals(first, z.firstInRange(r));
          assertEquals(last, z.lastInRange(r));
        }
        assertEquals(model.size(), z.size());
        if (op % 500 == 0) {
          z.verify();
          List<El> all = new ArrayList<>(model);
          List<El> seen = new ArrayList<>();
          z.forEach((mm, s) -> seen.add(new El(s, mm)) || true);
          assertEquals(all.size(), seen.size());
          for (int i = 0; i < all.size(); i++) {
            assertArrayEquals(all.get(i).member, seen.get(i).member);
            assertEquals(all.get(i).score, seen.get(i).score);
            assertEquals(i, z.rank(all.get(i).member, false));
            assertEquals(all.size() - 1 - i, z.rank(all.get(i).member, true));
          }
          if (!all.isEmpty()) {
            int k = rnd.nextInt(all.size());
            List<El> back = new ArrayList<>();
            z.walk(k, true, (mm, s) -> back.add(new El(s, mm)) || true);
            assertEquals(k + 1, back.size());
            assertArrayEquals(all.get(0).member, back.get(back.size() - 1).member);
          }
        }
      }
      z.verify();
      ZSetType copy = z.deepCopy();
      copy.insert(b("only-in-copy"), 1, lim);
      assertNull(z.score(b("only-in-copy")));
      copy.verify();
    }
  }

  @Test
  void scanReturnsEveryElementAcrossResizes() {
    ZSetType.Limits lim = new ZSetType.Limits(0, 64);
    ZSetType z = ZSetType.create(lim, 1);
    for (int i = 0; i < 1000; i++) {
      z.insert(b("s" + i), i, lim);
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    int step = 0;
    do {
      cursor = z.scanStep(cursor, (m, s) -> seen.add(new String(m, StandardCharsets.ISO_8859_1)) || true);
      step++;
      if (step == 50) {
        for (int i = 1000; i < 5000; i++) {
          z.insert(b("s" + i), i, lim); // grows the table mid-scan
        }
      }
      if (step == 300) {
        for (int i = 1000; i < 5000; i++) {
          z.remove(b("s" + i)); // and shrinks it again
        }
      }
    } while (cursor != 0);
    for (int i = 0; i < 1000; i++) {
      assertTrue(seen.contains("s" + i), "missed s" + i);
    }
    z.verify();

    ZSetType small = ZSetType.create(DEFAULT, 1);
    small.insert(b("x"), 1, DEFAULT);
    List<String> all = new ArrayList<>();
    assertEquals(0, small.scanStep(0, (m, s) -> all.add(new String(m, StandardCharsets.ISO_8859_1)) || true));
    assertEquals(List.of("x"), all);
  }

  @Test
  void strictScoreParsingAsGetDoubleFromObject() {
    String err = "ERR value is not a valid float";
    assertEquals(1.5, Scores.parseStrict(b("1.5"), err));
    assertEquals(5, Scores.parseStrict(b("+5"), err));
    assertEquals(16, Scores.parseStrict(b("0x10"), err));
    assertEquals(0.5, Scores.parseStrict(b("0x.8p0"), err));
    assertEquals(Double.POSITIVE_INFINITY, Scores.parseStrict(b("inf"), err));
    assertEquals(Double.POSITIVE_INFINITY, Scores.parseStrict(b("+Infinity"), err));
    assertEquals(Double.NEGATIVE_INFINITY, Scores.parseStrict(b("-INF"), err));
    assertEquals(0.5, Scores.parseStrict(b(".5"), err));
    assertEquals(5, Scores.parseStrict(b("5."), err));
    assertEquals(1e-320, Scores.parseStrict(b("1e-320"), err), "denormals are accepted");
    assertEquals(100, Scores.parseStrict(b("1e2"), err));
    for (String bad : new String[] {"", " 1", "1 ", "nan", "NaN", "1e400", "1e-400", "abc", "1x",
        ".", "e5", "1e", "--1", "0x"}) {
      CommandException e = assertThrows(CommandException.class, () -> Scores.parseStrict(b(bad), err), bad);
      assertEquals(err, e.getMessage());
    }
  }

  @Test
  void looseRangeParsingAsZslParseRange() {
    assertEquals(0.0, Scores.parseLoose(b(""), 0));
    assertEquals(1.0, Scores.parseLoose(b(" 1"), 0));
    assertEquals(Double.POSITIVE_INFINITY, Scores.parseLoose(b("1e400"), 0));
    assertEquals(2.0, Scores.parseLoose(b("(2"), 1));
    assertNull(Scores.parseLoose(b("nan"), 0));
    assertNull(Scores.parseLoose(b("1x"), 0));
    assertNull(Scores.parseLoose(b("1 "), 0));
    assertEquals(3.0, Scores.parseLoose(new byte[] {'3', 0, 'x'}, 0), "C stops at a NUL");
    assertFalse(new Ranges.ScoreRange(1, 1, true, false).contains(1));
    assertTrue(new Ranges.ScoreRange(1, 1, false, false).contains(1));
  }
}

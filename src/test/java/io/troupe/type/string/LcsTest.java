package io.troupe.type.string;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values come from a real Redis 7.0's LCS. */
class LcsTest {
  private static Lcs lcs(String a, String b) {
    return Lcs.of(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void subsequenceIsTheOneRedisPicks() {
    assertEquals("mytext", new String(lcs("ohmytext", "mynewtext").subsequence(),
        StandardCharsets.US_ASCII));
    assertEquals("BDAB", new String(lcs("ABCBDAB", "BDCABA").subsequence(), StandardCharsets.US_ASCII));
    assertEquals("BCBA", new String(lcs("BDCABA", "ABCBDAB").subsequence(), StandardCharsets.US_ASCII));
    assertEquals(0, lcs("", "abc").length());
  }

  @Test
  void matchesAreReportedLastFirst() {
    assertEquals(List.of(new Lcs.Match(4, 7, 5, 8), new Lcs.Match(2, 3, 0, 1)),
        lcs("ohmytext", "mynewtext").matches(0));
    assertEquals(List.of(new Lcs.Match(4, 7, 5, 8)), lcs("ohmytext", "mynewtext").matches(4));
    // The tie-breaking of the walk merges "ccccdddd" into one run, as Redis reports it.
    assertEquals(List.of(new Lcs.Match(8, 15, 10, 17), new Lcs.Match(4, 7, 5, 8),
            new Lcs.Match(1, 3, 1, 3)),
        lcs("aaaabbbbccccdddd", "xaaaybbbbzccccddddq").matches(0));
  }
}

package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * GlobPattern against Redis 7.0.15's stringmatchlen, as observed through KEYS
 * with one key present. Patterns and keys are ISO-8859-1 text: one char per byte.
 */
class GlobPatternTest {

  private static final Object[][] GOLDEN = {
      {"*", "", false}, // KEYS * and MATCH * skip matching, so they do list ""
      {"*", "abc", true},
      {"a*", "abc", true},
      {"*c", "abc", true},
      {"a*c", "ac", true},
      {"a*c", "abbbc", true},
      {"a*c", "abcd", false},
      {"a?c", "abc", true},
      {"a?c", "ac", false},
      {"??", "ab", true},
      {"??", "abc", false},
      {"h[ae]llo", "hello", true},
      {"h[ae]llo", "hallo", true},
      {"h[ae]llo", "hillo", false},
      {"h[^e]llo", "hallo", true},
      {"h[^e]llo", "hello", false},
      {"h[a-b]llo", "hbllo", true},
      {"h[a-b]llo", "hcllo", false},
      {"h[b-a]llo", "hallo", true},
      {"h\\*llo", "h*llo", true},
      {"h\\*llo", "hello", false},
      {"\\", "\\", true},
      {"a\\", "a\\", true},
      {"[a", "a", true},
      {"[a", "b", false},
      {"[^", "a", true},
      {"[", "a", false},
      {"[]", "]", false},
      {"[]]", "]", false},
      {"[\\]]", "]", true},
      {"[\\", "\\", true},
      {"[a-]", "-", false},
      {"[a-]", "a", true},
      {"[-a]", "-", true},
      {"[a-", "a", true},
      {"[a-", "-", true},
      {"*[", "a", false},
      {"a**b", "ab", true},
      {"a**b", "axxb", true},
      {"***", "", false},
      {"a*", "a", true},
      {"[^a-c]", "d", true},
      {"[^a-c]", "b", false},
      {"[\u0080-\u00ff]", "\u0090", true},
      {"[\u0000-\u007f]", "\u0090", false},
      {"[a-\u00ff]", "\u0090", false},
      {"[a-\u00ff]", "b", false},
      {"\u0000*", "\u0000z", true},
      {"*\\", "ab\\", true},
      {"?*", "", false},
      {"*?", "a", true},
      {"foo*bar*baz", "fooXbarYbaz", true},
      {"foo*bar*baz", "foobarbazbaz", true},
      {"foo*bar*baz", "foobazbar", false},
      {"[[]", "[", true},
      {"[*]", "*", true},
      {"[*]", "a", false},
      {"A", "a", false},
      {"[A-Z]", "q", false},
      {"*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
      {"[ab\\-]", "-", true},
      {"[\\a-z]", "q", false},
      {"[a-z\\", "\\", true},
  };

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void matchesLikeRedis() {
    for (Object[] row : GOLDEN) {
      String pattern = (String) row[0];
      String key = (String) row[1];
      assertEquals(row[2], GlobPattern.matches(b(pattern), b(key)),
          () -> "pattern '" + pattern + "' on '" + key + "'");
    }
  }

  @Test
  void nocaseFoldsAsciiLetters() {
    assertTrue(GlobPattern.matches(b("HeLLo*"), b("hello world"), true));
    assertTrue(GlobPattern.matches(b("[A-C]x"), b("bX"), true));
    assertFalse(GlobPattern.matches(b("[A-C]x"), b("dX"), true));
    assertFalse(GlobPattern.matches(b("HeLLo*"), b("hello world"), false));
  }

  @Test
  void nestingDeeperThanAThousandStarsNeverMatches() {
    // Redis answers these through KEYS on a key of 1500 'a's: 1000 nested
    // stars still match, 1001 do not.
    byte[] key = b("a".repeat(1500));
    assertTrue(GlobPattern.matches(b("a*".repeat(1000) + "a"), key));
    assertFalse(GlobPattern.matches(b("a*".repeat(1001) + "a"), key));
    assertTrue(GlobPattern.matches(b("a*".repeat(1001)), key));
    assertFalse(GlobPattern.matches(b("a*".repeat(1002)), key));
  }

  @Test
  void pathologicalPatternFinishesQuickly() {
    byte[] key = b("a".repeat(5000));
    byte[] pattern = b("*a".repeat(200) + "b");
    long t0 = System.nanoTime();
    assertFalse(GlobPattern.matches(pattern, key));
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "took too long");
  }
}

package io.troupe.command;

/**
 * Glob-style matching with Redis's rules (stringmatchlen in util.c): '*' any
 * run, '?' one byte, '[abc]', '[^abc]' and '[a-z]' classes, '\' escapes the
 * next byte. Used by COMMAND LIST FILTERBY PATTERN.
 */
public final class StringMatch {
  private StringMatch() {}

  public static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
    return match(pattern, 0, string, 0, nocase);
  }

  private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase) {
    while (pi < p.length) {
      byte c = p[pi];
      switch (c) {
        case '*' -> {
          while (pi + 1 < p.length && p[pi + 1] == '*') {
            pi++;
          }
          if (pi + 1 == p.length) {
            return true;
          }
          for (int k = si; k <= s.length; k++) {
            if (match(p, pi + 1, s, k, nocase)) {
              return true;
            }
          }
          return false;
        }
        case '?' -> {
          if (si >= s.length) {
            return false;
          }
          si++;
        }
        case '[' -> {
          if (si >= s.length) {
            return false;
          }
          pi++;
          boolean not = pi < p.length && p[pi] == '^';
          if (not) {
            pi++;
          }
          boolean found = false;
          while (pi < p.length && p[pi] != ']') {
            if (p[pi] == '\\' && pi + 1 < p.length) {
              pi++;
              found |= same(p[pi], s[si], nocase);
            } else if (pi + 2 < p.length && p[pi + 1] == '-') {
              int lo = fold(p[pi], nocase);
              int hi = fold(p[pi + 2], nocase);
              if (lo > hi) {
                int t = lo;
                lo = hi;
                hi = t;
              }
              int x = fold(s[si], nocase);
              found |= x >= lo && x <= hi;
              pi += 2;
            } else {
              found |= same(p[pi], s[si], nocase);
            }
            pi++;
          }
          if (pi >= p.length) {
            pi--; // unterminated class: Redis treats the end as its close
          }
          if (found == not) {
            return false;
          }
          si++;
        }
        case '\\' -> {
          if (pi + 1 < p.length) {
            pi++;
          }
          if (si >= s.length || !same(p[pi], s[si], nocase)) {
            return false;
          }
          si++;
        }
        default -> {
          if (si >= s.length || !same(c, s[si], nocase)) {
            return false;
          }
          si++;
        }
      }
      pi++;
    }
    return si == s.length;
  }

  private static boolean same(byte a, byte b, boolean nocase) {
    return fold(a, nocase) == fold(b, nocase);
  }

  private static int fold(byte b, boolean nocase) {
    int x = b & 0xff;
    if (nocase && x >= 'A' && x <= 'Z') {
      return x + ('a' - 'A');
    }
    return x;
  }
}

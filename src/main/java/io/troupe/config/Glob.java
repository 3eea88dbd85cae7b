package io.troupe.config;

/**
 * Redis's glob-style matching (util.c's stringmatchlen): {@code *}, {@code ?},
 * {@code [abc]}, {@code [^abc]}, {@code [a-z]} and {@code \} to escape, on
 * bytes, optionally ignoring ASCII case. Used by CONFIG GET.
 */
public final class Glob {
  private Glob() {}

  public static boolean matches(String pattern, String text, boolean nocase) {
    return match(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0,
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, nocase, 0);
  }

  private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int depth) {
    if (depth > 1000) {
      return false;
    }
    while (pi < p.length && si <= s.length) {
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
            if (match(p, pi + 1, s, k, nocase, depth + 1)) {
              return true;
            }
          }
          return false;
        }
        case '?' -> {
          if (si == s.length) {
            return false;
          }
          si++;
        }
        case '[' -> {
          if (si == s.length) {
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
              found |= eq(p[pi], s[si], nocase);
            } else if (pi + 2 < p.length && p[pi + 1] == '-') {
              int lo = lower(p[pi], nocase);
              int hi = lower(p[pi + 2], nocase);
              if (lo > hi) {
                int t = lo;
                lo = hi;
                hi = t;
              }
              int ch = lower(s[si], nocase);
              found |= ch >= lo && ch <= hi;
              pi += 2;
            } else {
              found |= eq(p[pi], s[si], nocase);
            }
            pi++;
          }
          if (pi == p.length) {
            pi--; // an unterminated class ends the pattern, as in Redis
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
          if (si == s.length || !eq(p[pi], s[si], nocase)) {
            return false;
          }
          si++;
        }
        default -> {
          if (si == s.length || !eq(c, s[si], nocase)) {
            return false;
          }
          si++;
        }
      }
      pi++;
    }
    return pi == p.length && si == s.length;
  }

  private static int lower(byte b, boolean nocase) {
    int c = b & 0xff;
    return nocase && c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static boolean eq(byte a, byte b, boolean nocase) {
    return lower(a, nocase) == lower(b, nocase);
  }
}

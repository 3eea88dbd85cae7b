package io.troupe.keyspace;

/**
 * Redis's glob-style matching (stringmatchlen in util.c), byte for byte: used
 * by KEYS, SCAN MATCH and later by PSUBSCRIBE and CONFIG GET.
 *
 * <ul>
 *   <li>{@code *} any run of bytes, {@code ?} any one byte;
 *   <li>{@code [abc]}, {@code [^abc]} (negated), {@code [a-z]} (bounds in
 *       either order), {@code \x} inside a class for a literal; an unclosed
 *       class ends at the end of the pattern;
 *   <li>{@code \x} outside a class matches {@code x} literally; a trailing
 *       backslash matches a backslash.
 * </ul>
 *
 * Bytes compare as signed values, as C's {@code char} does on the platforms
 * Redis runs on, so ranges over bytes above 0x7f behave the same. Nesting of
 * {@code *} is limited to 1000 levels (deeper patterns do not match), and a
 * failed tail is not retried with longer {@code *} matches, as in Redis.
 */
public final class GlobPattern {
  private static final int MAX_NESTING = 1000;

  private GlobPattern() {}

  /** True when {@code string} matches {@code pattern} (case-sensitive). */
  public static boolean matches(byte[] pattern, byte[] string) {
    return matches(pattern, string, false);
  }

  /** True when {@code string} matches {@code pattern}; {@code nocase} folds ASCII letters. */
  public static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
    return match(pattern, 0, string, 0, nocase, new boolean[1], 0);
  }

  /** The pattern byte at {@code i}, or 0 past the end (C's terminating NUL). */
  private static int at(byte[] a, int i) {
    return i < a.length ? a[i] : 0;
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  private static boolean match(byte[] pat, int p, byte[] str, int s, boolean nocase,
      boolean[] skipLonger, int nesting) {
    if (nesting > MAX_NESTING) {
      return false;
    }
    while (p < pat.length && s < str.length) {
      int pc = pat[p];
      if (pc == '*') {
        while (p + 1 < pat.length && pat[p + 1] == '*') {
          p++;
        }
        if (p + 1 == pat.length) {
          return true;
        }
        for (; s < str.length; s++) {
          if (match(pat, p + 1, str, s, nocase, skipLonger, nesting + 1)) {
            return true;
          }
          if (skipLonger[0]) {
            return false;
          }
        }
        // No tail of the string matches the rest of the pattern, so no
        // enclosing '*' can succeed by consuming more either.
        skipLonger[0] = true;
        return false;
      } else if (pc == '?') {
        s++;
      } else if (pc == '[') {
        p++;
        boolean not = at(pat, p) == '^';
        if (not) {
          p++;
        }
        boolean hit = false;
        int c = str[s];
        while (true) {
          if (at(pat, p) == '\\' && pat.length - p >= 2) {
            p++;
            if (pat[p] == c) {
              hit = true;
            }
          } else if (at(pat, p) == ']') {
            break;
          } else if (p >= pat.length) {
            // Unclosed class: it ends with the pattern.
            p--;
            break;
          } else if (pat.length - p >= 3 && pat[p + 1] == '-') {
            int start = pat[p];
            int end = pat[p + 2];
            int x = c;
            if (start > end) {
              int t = start;
              start = end;
              end = t;
            }
            if (nocase) {
              start = lower(start);
              end = lower(end);
              x = lower(x);
            }
            p += 2;
            if (x >= start && x <= end) {
              hit = true;
            }
          } else if (nocase ? lower(pat[p]) == lower(c) : pat[p] == c) {
            hit = true;
          }
          p++;
        }
        if (not) {
          hit = !hit;
        }
        if (!hit) {
          return false;
        }
        s++;
      } else {
        if (pc == '\\' && pat.length - p >= 2) {
          p++;
          pc = pat[p];
        }
        if (nocase ? lower(pc) != lower(str[s]) : pc != str[s]) {
          return false;
        }
        s++;
      }
      p++;
      if (s == str.length) {
        while (at(pat, p) == '*') {
          p++;
        }
        break;
      }
    }
    return p == pat.length && s == str.length;
  }
}

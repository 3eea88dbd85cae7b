package io.troupe.type.sort;

import io.troupe.type.zset.Scores;
import java.util.Arrays;
import java.util.Comparator;

/**
 * SORT's plain-Java insides (no keyspace): reading a weight as C's strtod
 * reads it, the {@code *} / {@code ->} substitution of BY and GET patterns,
 * and the comparison rules of Redis's sortCompare. Used by
 * {@link SortCommands}.
 */
public final class SortType {
  private SortType() {}

  /** One element being sorted: the element, its numeric weight, or its BY value for ALPHA. */
  public static final class Item {
    final byte[] element;
    double score;
    byte[] cmp;

    Item(byte[] element) {
      this.element = element;
    }

    public byte[] element() {
      return element;
    }
  }

  /** A key named by a pattern, and the hash field after "->" (null for a plain string key). */
  public record PatternRef(byte[] key, byte[] field) {}

  /**
   * lookupKeyByPattern's name building: the first '*' of {@code pattern} is
   * replaced by {@code element}; a "->" after the '*' followed by at least
   * one character splits off a hash field. Null when the pattern has no '*'
   * (a fixed key is never looked up). The pattern "#" is the caller's.
   */
  public static PatternRef substitute(byte[] pattern, byte[] element) {
    int star = indexOf(pattern, (byte) '*', 0);
    if (star < 0) {
      return null;
    }
    int arrow = -1;
    for (int i = star + 1; i + 1 < pattern.length; i++) {
      if (pattern[i] == '-' && pattern[i + 1] == '>') {
        arrow = i;
        break;
      }
    }
    byte[] field = null;
    int keyEnd = pattern.length;
    if (arrow >= 0 && arrow + 2 < pattern.length) {
      field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
      keyEnd = arrow;
    }
    int postfix = keyEnd - star - 1;
    byte[] key = new byte[star + element.length + postfix];
    System.arraycopy(pattern, 0, key, 0, star);
    System.arraycopy(element, 0, key, star, element.length);
    System.arraycopy(pattern, star + 1, key, star + element.length, postfix);
    return new PatternRef(key, field);
  }

  /** True for the pattern "#" (GET # returns the element itself). */
  public static boolean isHash(byte[] pattern) {
    return pattern.length == 1 && pattern[0] == '#';
  }

  /** True when the pattern contains '*' (it names keys, other than the sorted one, to read). */
  public static boolean hasStar(byte[] pattern) {
    return indexOf(pattern, (byte) '*', 0) >= 0;
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  // ---- strtod ------------------------------------------------------------------------------

  /**
   * The weight SORT reads from a string: C's strtod over the whole value (see
   * {@link Scores#strtodWhole}); null means "One or more scores can't be
   * converted into double".
   */
  public static Double parseScore(byte[] s) {
    return Scores.strtodWhole(s);
  }

  // ---- comparison --------------------------------------------------------------------------

  /** compareStringObjects: unsigned bytes, then length. */
  public static int compareBytes(byte[] a, byte[] b) {
    int c = Arrays.compareUnsigned(a, b);
    return Integer.signum(c);
  }

  /**
   * sortCompare's order. Numeric: by weight, equal weights by the elements'
   * bytes. ALPHA with BY: by the BY values, a missing one first; ALPHA
   * without BY: by the elements. Binary comparison throughout (strcoll in
   * the C locale). DESC reverses.
   */
  public static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean desc) {
    Comparator<Item> c;
    if (!alpha) {
      c = (x, y) -> {
        if (x.score > y.score) {
          return 1;
        }
        if (x.score < y.score) {
          return -1;
        }
        return compareBytes(x.element, y.element);
      };
    } else if (byPattern) {
      c = (x, y) -> {
        if (x.cmp == null || y.cmp == null) {
          return x.cmp == y.cmp ? 0 : x.cmp == null ? -1 : 1;
        }
        return compareBytes(x.cmp, y.cmp);
      };
    } else {
      c = (x, y) -> compareBytes(x.element, y.element);
    }
    return desc ? c.reversed() : c;
  }
}

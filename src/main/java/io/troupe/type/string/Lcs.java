package io.troupe.type.string;

import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * The longest common subsequence of two strings by the classic dynamic
 * programming table, walked back from the end as Redis's LCS command does, so
 * the chosen subsequence and the match ranges are the ones Redis reports.
 */
public final class Lcs {
  /** A run of matching bytes: {@code a[aStart..aEnd]} equals {@code b[bStart..bEnd]}. */
  public record Match(int aStart, int aEnd, int bStart, int bEnd) {
    public int length() {
      return aEnd - aStart + 1;
    }
  }

  private final byte[] a;
  private final byte[] b;
  private final int[] table;

  private Lcs(byte[] a, byte[] b, int[] table) {
    this.a = a;
    this.b = b;
    this.table = table;
  }

  /** Builds the table; refuses tables beyond what one Java array can hold. */
  public static Lcs of(byte[] a, byte[] b) {
    long cells = (long) (a.length + 1) * (b.length + 1);
    if (cells > Integer.MAX_VALUE - 8) {
      throw new CommandException(RespErrors.LCS_NO_MEMORY);
    }
    int stride = b.length + 1;
    int[] t = new int[(int) cells];
    for (int i = 1; i <= a.length; i++) {
      int row = i * stride;
      int prev = row - stride;
      byte ai = a[i - 1];
      for (int j = 1; j <= b.length; j++) {
        if (ai == b[j - 1]) {
          t[row + j] = t[prev + j - 1] + 1;
        } else {
          t[row + j] = Math.max(t[prev + j], t[row + j - 1]);
        }
      }
    }
    return new Lcs(a, b, t);
  }

  private int at(int i, int j) {
    return table[i * (b.length + 1) + j];
  }

  /** The length of the longest common subsequence. */
  public int length() {
    return at(a.length, b.length);
  }

  /** The subsequence itself. */
  public byte[] subsequence() {
    byte[] out = new byte[length()];
    walk(out, null, 0);
    return out;
  }

  /** The match ranges, last first, of at least {@code minLength} bytes. */
  public List<Match> matches(long minLength) {
    List<Match> out = new ArrayList<>();
    walk(null, out, minLength);
    return out;
  }

  /**
   * Walks the table back from the end: on equal bytes both indexes step back
   * (and a contiguous run grows); otherwise the index whose side keeps the
   * longer subsequence steps back, {@code j} on ties.
   */
  private void walk(byte[] out, List<Match> ranges, long minLength) {
    int i = a.length;
    int j = b.length;
    int idx = length();
    int aStart = -1;
    int aEnd = -1;
    int bStart = -1;
    int bEnd = -1;
    while (i > 0 && j > 0) {
      boolean emit = false;
      if (a[i - 1] == b[j - 1]) {
        if (out != null) {
          out[idx - 1] = a[i - 1];
        }
        if (aStart < 0) {
          aStart = aEnd = i - 1;
          bStart = bEnd = j - 1;
        } else if (aStart == i && bStart == j) {
          aStart--;
          bStart--;
        } else {
          emit = true;
        }
        if (aStart == 0 || bStart == 0) {
          emit = true;
        }
        idx--;
        i--;
        j--;
      } else {
        if (at(i - 1, j) > at(i, j - 1)) {
          i--;
        } else {
          j--;
        }
        if (aStart >= 0) {
          emit = true;
        }
      }
      if (emit) {
        Match m = new Match(aStart, aEnd, bStart, bEnd);
        if (ranges != null && (minLength == 0 || m.length() >= minLength)) {
          ranges.add(m);
        }
        aStart = -1;
      }
    }
  }
}

package io.troupe.type.zset;

import io.troupe.keyspace.MemoryUsage;
import io.troupe.keyspace.TypedValue;
import io.troupe.type.sort.SortSource;
import java.util.Arrays;

/**
 * A sorted set (Redis's t_zset.c API half): members (byte strings) with
 * double scores, ordered by score and then by member bytes (unsigned, shorter
 * first on a common prefix). Two encodings, as Redis:
 *
 * <ul>
 *   <li>{@code listpack}: while the set has at most {@code zset-max-listpack-entries}
 *       members of at most {@code zset-max-listpack-value} bytes. Members and
 *       scores are packed in two parallel arrays kept in order; lookups by
 *       member scan, by rank index directly, by score binary-search. As in
 *       Redis 7.0's listpack, a score of -0 is stored as 0.
 *   <li>{@code skiplist}: a {@link SkipList} (spans give O(log n) ranks) plus
 *       its member hash table.
 * </ul>
 *
 * The conversion to skiplist happens when an insert crosses a limit; it never
 * goes back, except that the STORE commands build their result in the
 * encoding its final size calls for ({@link #compact}). Ranks are 0-based.
 * Scores are never NaN (the commands refuse it before calling here).
 */
public final class ZSetType implements TypedValue, SortSource {
  public static final String LISTPACK = "listpack";
  public static final String SKIPLIST = "skiplist";

  /** The conversion thresholds, read from the config at the time of a write. */
  public record Limits(long maxEntries, long maxValue) {}

  /** Visits one element; returns false to stop the walk. */
  @FunctionalInterface
  public interface Visitor {
    boolean visit(byte[] member, double score);
  }

  private byte[][] lpMembers;
  private double[] lpScores;
  private int lpSize;
  private SkipList sl;

  private ZSetType() {}

  /**
   * An empty set in the encoding Redis 7.0 picks for a new key: skiplist when
   * listpacks are disabled (max entries 0) or the first member is already too
   * long, listpack otherwise.
   */
  public static ZSetType create(Limits lim, int firstMemberLength) {
    ZSetType z = new ZSetType();
    if (lim.maxEntries() == 0 || firstMemberLength > lim.maxValue()) {
      z.sl = new SkipList();
    } else {
      z.lpMembers = new byte[4][];
      z.lpScores = new double[4];
    }
    return z;
  }

  /** The listpack's two arrays and members, or the skiplist. */
  @Override
  public long memoryUsage() {
    long n = MemoryUsage.object(4 + 4 + 4 + 4);
    if (sl != null) {
      return n + sl.memoryUsage();
    }
    byte[][] m = lpMembers;
    return n + MemoryUsage.refArray(m.length) + MemoryUsage.longArray(lpScores.length)
        + MemoryUsage.sampledSum(lpSize, i -> MemoryUsage.bytes(m[i].length));
  }

  /** An empty set in the skiplist encoding (the STORE commands build into it, then {@link #compact}). */
  public static ZSetType createSkiplist() {
    ZSetType z = new ZSetType();
    z.sl = new SkipList();
    return z;
  }

  @Override
  public String typeName() {
    return "zset";
  }

  @Override
  public Kind sortKind() {
    return Kind.ZSET;
  }

  @Override
  public int sortSize() {
    return size();
  }

  /** Members by ascending rank. */
  @Override
  public Iterable<byte[]> elements() {
    java.util.List<byte[]> out = new java.util.ArrayList<>(size());
    forEach((member, score) -> out.add(member));
    return out;
  }

  /** OBJECT ENCODING's name: "listpack" or "skiplist". */
  @Override
  public String encoding() {
    return sl == null ? LISTPACK : SKIPLIST;
  }

  public int size() {
    return sl == null ? lpSize : sl.size();
  }

  @Override
  public ZSetType deepCopy() {
    ZSetType z = new ZSetType();
    if (sl == null) {
      z.lpMembers = new byte[Math.max(4, lpSize)][];
      for (int i = 0; i < lpSize; i++) {
        z.lpMembers[i] = lpMembers[i].clone();
      }
      z.lpScores = Arrays.copyOf(lpScores, z.lpMembers.length);
      z.lpSize = lpSize;
    } else {
      z.sl = new SkipList();
      for (SkipList.Node x = sl.first(); x != null; x = x.next[0]) {
        z.sl.insert(x.member.clone(), x.score);
      }
    }
    return z;
  }

  // ---- point operations -----------------------------------------------------------------

  private int lpIndexOf(byte[] member) {
    for (int i = 0; i < lpSize; i++) {
      if (Arrays.equals(lpMembers[i], member)) {
        return i;
      }
    }
    return -1;
  }

  /** The score of {@code member}, or null when absent. */
  public Double score(byte[] member) {
    if (sl == null) {
      int i = lpIndexOf(member);
      return i < 0 ? null : lpScores[i];
    }
    SkipList.Node x = sl.get(member);
    return x == null ? null : x.score;
  }

  /**
   * Inserts a member the caller knows is absent, converting to skiplist first
   * when the listpack would exceed {@code lim}.
   */
  public void insert(byte[] member, double score, Limits lim) {
    if (sl == null && (lpSize + 1 > lim.maxEntries() || member.length > lim.maxValue())) {
      convertToSkiplist();
    }
    if (sl != null) {
      sl.insert(member, score);
    } else {
      lpInsert(member, score);
    }
  }

  private void lpInsert(byte[] member, double score) {
    double s = score == 0 ? 0.0 : score;
    int lo = 0;
    int hi = lpSize;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (SkipList.compare(lpScores[mid], lpMembers[mid], s, member) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lpSize == lpMembers.length) {
      int cap = lpMembers.length + Math.max(4, lpMembers.length >> 1);
      lpMembers = Arrays.copyOf(lpMembers, cap);
      lpScores = Arrays.copyOf(lpScores, cap);
    }
    System.arraycopy(lpMembers, lo, lpMembers, lo + 1, lpSize - lo);
    System.arraycopy(lpScores, lo, lpScores, lo + 1, lpSize - lo);
    lpMembers[lo] = member;
    lpScores[lo] = s;
    lpSize++;
  }

  private void lpRemoveAt(int i) {
    System.arraycopy(lpMembers, i + 1, lpMembers, i, lpSize - i - 1);
    System.arraycopy(lpScores, i + 1, lpScores, i, lpSize - i - 1);
    lpSize--;
    lpMembers[lpSize] = null;
  }

  /** Sets the score of a present member (re-ordering it). */
  public void updateScore(byte[] member, double score) {
    if (sl == null) {
      int i = lpIndexOf(member);
      if (i < 0) {
        throw new IllegalArgumentException("member not present");
      }
      byte[] m = lpMembers[i];
      lpRemoveAt(i);
      lpInsert(m, score);
    } else {
      SkipList.Node x = sl.get(member);
      if (x == null) {
        throw new IllegalArgumentException("member not present");
      }
      sl.updateScore(x, score);
    }
  }

  /** Removes {@code member}; true when it was present. */
  public boolean remove(byte[] member) {
    if (sl == null) {
      int i = lpIndexOf(member);
      if (i < 0) {
        return false;
      }
      lpRemoveAt(i);
      return true;
    }
    return sl.remove(member) != null;
  }

  /** 0-based rank of {@code member} (from the highest score when {@code reverse}), -1 when absent. */
  public long rank(byte[] member, boolean reverse) {
    long r;
    if (sl == null) {
      r = lpIndexOf(member);
    } else {
      SkipList.Node x = sl.get(member);
      r = x == null ? -1 : sl.rank(x) - 1;
    }
    if (r < 0) {
      return -1;
    }
    return reverse ? size() - 1 - r : r;
  }

  // ---- walks and ranges -----------------------------------------------------------------

  /**
   * Visits elements from 0-based {@code rank} towards higher ranks, or lower
   * ones when {@code backwards}, until the visitor returns false or the set ends.
   */
  public void walk(long rank, boolean backwards, Visitor v) {
    if (rank < 0 || rank >= size()) {
      return;
    }
    if (sl == null) {
      int step = backwards ? -1 : 1;
      for (int i = (int) rank; i >= 0 && i < lpSize; i += step) {
        if (!v.visit(lpMembers[i], lpScores[i])) {
          return;
        }
      }
      return;
    }
    for (SkipList.Node x = sl.byRank(rank + 1); x != null; x = backwards ? x.backward : x.next[0]) {
      if (!v.visit(x.member, x.score)) {
        return;
      }
    }
  }

  /** Visits every element in order. */
  public void forEach(Visitor v) {
    walk(0, false, v);
  }

  /** 0-based rank of the first element with a score in {@code r}, -1 when none. */
  public long firstInRange(Ranges.ScoreRange r) {
    if (sl != null) {
      return sl.firstInRange(r) - 1;
    }
    if (r.isEmpty()) {
      return -1;
    }
    int lo = 0;
    int hi = lpSize;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (!r.gteMin(lpScores[mid])) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < lpSize && r.lteMax(lpScores[lo]) ? lo : -1;
  }

  /** 0-based rank of the last element with a score in {@code r}, -1 when none. */
  public long lastInRange(Ranges.ScoreRange r) {
    if (sl != null) {
      return sl.lastInRange(r) - 1;
    }
    if (r.isEmpty()) {
      return -1;
    }
    int lo = 0;
    int hi = lpSize;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (r.lteMax(lpScores[mid])) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int i = lo - 1;
    return i >= 0 && r.gteMin(lpScores[i]) ? i : -1;
  }

  /** 0-based rank of the first element whose member is in {@code r}, -1 when none. */
  public long firstInLex(Ranges.LexRange r) {
    if (sl != null) {
      return sl.firstInLex(r) - 1;
    }
    if (r.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < lpSize; i++) {
      if (r.gteMin(lpMembers[i])) {
        return r.lteMax(lpMembers[i]) ? i : -1;
      }
    }
    return -1;
  }

  /** 0-based rank of the last element whose member is in {@code r}, -1 when none. */
  public long lastInLex(Ranges.LexRange r) {
    if (sl != null) {
      return sl.lastInLex(r) - 1;
    }
    if (r.isEmpty()) {
      return -1;
    }
    for (int i = lpSize - 1; i >= 0; i--) {
      if (r.lteMax(lpMembers[i])) {
        return r.gteMin(lpMembers[i]) ? i : -1;
      }
    }
    return -1;
  }

  /** Removes the elements of 0-based ranks {@code start..end} (inclusive, in range); returns how many. */
  public long removeRange(long start, long end) {
    long n = end - start + 1;
    if (n <= 0) {
      return 0;
    }
    if (sl == null) {
      int s = (int) start;
      int e = (int) end + 1;
      System.arraycopy(lpMembers, e, lpMembers, s, lpSize - e);
      System.arraycopy(lpScores, e, lpScores, s, lpSize - e);
      Arrays.fill(lpMembers, lpSize - (e - s), lpSize, null);
      lpSize -= e - s;
      return n;
    }
    byte[][] doomed = new byte[(int) n][];
    int[] k = {0};
    walk(start, false, (m, sc) -> {
      doomed[k[0]++] = m;
      return k[0] < n;
    });
    for (byte[] m : doomed) {
      sl.remove(m);
    }
    return n;
  }

  // ---- scan and conversion --------------------------------------------------------------

  /**
   * One ZSCAN step. A listpack reports everything at once and returns 0; a
   * skiplist reports one hash bucket and returns the next cursor.
   */
  public long scanStep(long cursor, Visitor v) {
    if (sl == null) {
      forEach(v);
      return 0;
    }
    return sl.scan(cursor, x -> v.visit(x.member, x.score));
  }

  /** Converts a listpack to the skiplist encoding (no-op when already one). */
  public void convertToSkiplist() {
    if (sl != null) {
      return;
    }
    SkipList s = new SkipList();
    for (int i = 0; i < lpSize; i++) {
      s.insert(lpMembers[i], lpScores[i]);
    }
    sl = s;
    lpMembers = null;
    lpScores = null;
    lpSize = 0;
  }

  /**
   * zsetConvertToListpackIfNeeded: a skiplist small enough for {@code lim}
   * (size and longest member) becomes a listpack. Used by the STORE commands.
   */
  public void compact(Limits lim) {
    if (sl == null || sl.size() > lim.maxEntries()) {
      return;
    }
    for (SkipList.Node x = sl.first(); x != null; x = x.next[0]) {
      if (x.member.length > lim.maxValue()) {
        return;
      }
    }
    int n = sl.size();
    lpMembers = new byte[Math.max(4, n)][];
    lpScores = new double[lpMembers.length];
    int i = 0;
    for (SkipList.Node x = sl.first(); x != null; x = x.next[0], i++) {
      lpMembers[i] = x.member;
      lpScores[i] = x.score == 0 ? 0.0 : x.score;
    }
    lpSize = n;
    sl = null;
  }

  /** For tests: checks the invariants of the current encoding. */
  void verify() {
    if (sl != null) {
      sl.verify();
      return;
    }
    for (int i = 1; i < lpSize; i++) {
      if (SkipList.compare(lpScores[i - 1], lpMembers[i - 1], lpScores[i], lpMembers[i]) >= 0) {
        throw new IllegalStateException("listpack order broken at " + i);
      }
    }
  }

  /** For tests: the hash table size of a skiplist (0 for a listpack). */
  int hashTableSize() {
    return sl == null ? 0 : sl.tableSize();
  }
}

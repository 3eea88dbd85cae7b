package io.troupe.type.zset;

import io.troupe.keyspace.MemoryUsage;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The large encoding of a sorted set ("skiplist"): a skip list ordered by
 * (score, member bytes unsigned) whose links carry span counts, so rank
 * queries and access by rank take O(log n); plus a member → node hash table
 * chained through the nodes themselves (no entry objects), which ZSCORE uses
 * and ZSCAN iterates with a reverse-binary cursor (Redis's dictScan scheme: an
 * element present for the whole scan is reported even if the table is
 * resized between calls).
 *
 * <p>Ranks here are 1-based as in Redis's zsl* functions; {@link ZSetType}
 * exposes 0-based ranks.
 */
final class SkipList {
  static final int MAX_LEVEL = 32;
  private static final int MIN_TABLE = 4;

  /** One element: its member, score, links and spans. */
  static final class Node {
    final byte[] member;
    double score;
    Node backward;
    Node hashNext;
    final Node[] next;
    final int[] span;

    Node(byte[] member, double score, int level) {
      this.member = member;
      this.score = score;
      this.next = new Node[level];
      this.span = new int[level];
    }
  }

  private final Node header = new Node(null, 0, MAX_LEVEL);
  private Node tail;
  private int level = 1;
  private int length;
  private Node[] table = new Node[MIN_TABLE];

  int size() {
    return length;
  }

  /** A node: the object, its two per-level arrays and its member. */
  private static long nodeBytes(Node x) {
    int levels = x.next.length;
    return MemoryUsage.object(4 + 8 + 4 + 4 + 4 + 4) + 2 * MemoryUsage.refArray(levels)
        + MemoryUsage.of(x.member);
  }

  /**
   * Estimated heap bytes: the list object, the header node, the hash table
   * and the nodes, the first {@link MemoryUsage#SAMPLES} measured and the
   * rest scaled from them.
   */
  long memoryUsage() {
    long n = MemoryUsage.object(4 + 4 + 4 + 4 + 4) + nodeBytes(header) + MemoryUsage.refArray(table.length);
    long sampled = 0;
    int seen = 0;
    for (Node x = header.next[0]; x != null && seen < MemoryUsage.SAMPLES; x = x.next[0]) {
      sampled += nodeBytes(x);
      seen++;
    }
    return seen == 0 ? n : n + sampled * length / seen;
  }

  Node first() {
    return header.next[0];
  }

  Node last() {
    return tail;
  }

  /** (score, member) order: scores numerically (-0 equals 0), then member bytes unsigned. */
  static int compare(double s1, byte[] m1, double s2, byte[] m2) {
    if (s1 < s2) {
      return -1;
    }
    if (s1 > s2) {
      return 1;
    }
    return Arrays.compareUnsigned(m1, m2);
  }

  private static int randomLevel() {
    int lvl = 1;
    ThreadLocalRandom r = ThreadLocalRandom.current();
    while (lvl < MAX_LEVEL && r.nextInt(4) == 0) {
      lvl++;
    }
    return lvl;
  }

  // ---- list -----------------------------------------------------------------------------

  /** Inserts a member the caller knows is absent. */
  void insert(byte[] member, double score) {
    Node x = new Node(member, score, randomLevel());
    link(x);
    hashPut(x);
  }

  private void link(Node x) {
    Node[] update = new Node[MAX_LEVEL];
    int[] rank = new int[MAX_LEVEL];
    Node cur = header;
    for (int i = level - 1; i >= 0; i--) {
      rank[i] = i == level - 1 ? 0 : rank[i + 1];
      while (cur.next[i] != null
          && compare(cur.next[i].score, cur.next[i].member, x.score, x.member) < 0) {
        rank[i] += cur.span[i];
        cur = cur.next[i];
      }
      update[i] = cur;
    }
    int lvl = x.next.length;
    if (lvl > level) {
      for (int i = level; i < lvl; i++) {
        rank[i] = 0;
        update[i] = header;
        header.span[i] = length;
      }
      level = lvl;
    }
    for (int i = 0; i < lvl; i++) {
      x.next[i] = update[i].next[i];
      update[i].next[i] = x;
      x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
      update[i].span[i] = rank[0] - rank[i] + 1;
    }
    for (int i = lvl; i < level; i++) {
      update[i].span[i]++;
    }
    x.backward = update[0] == header ? null : update[0];
    if (x.next[0] != null) {
      x.next[0].backward = x;
    } else {
      tail = x;
    }
    length++;
  }

  /** Unlinks {@code x} from the list (not from the hash table). */
  private void unlink(Node x) {
    Node[] update = new Node[MAX_LEVEL];
    Node cur = header;
    for (int i = level - 1; i >= 0; i--) {
      while (cur.next[i] != null
          && compare(cur.next[i].score, cur.next[i].member, x.score, x.member) < 0) {
        cur = cur.next[i];
      }
      update[i] = cur;
    }
    if (update[0].next[0] != x) {
      throw new IllegalStateException("skiplist node not found");
    }
    for (int i = 0; i < level; i++) {
      if (update[i].next[i] == x) {
        update[i].span[i] += x.span[i] - 1;
        update[i].next[i] = x.next[i];
      } else {
        update[i].span[i] -= 1;
      }
    }
    if (x.next[0] != null) {
      x.next[0].backward = x.backward;
    } else {
      tail = x.backward;
    }
    while (level > 1 && header.next[level - 1] == null) {
      level--;
    }
    length--;
    Arrays.fill(x.next, null);
    Arrays.fill(x.span, 0);
    x.backward = null;
  }

  /** Removes {@code member}; the removed node or null. */
  Node remove(byte[] member) {
    Node x = hashRemove(member);
    if (x != null) {
      unlink(x);
    }
    return x;
  }

  /** Changes the score of a present node, moving it only when its order changes. */
  void updateScore(Node x, double score) {
    if ((x.backward == null || x.backward.score < score)
        && (x.next[0] == null || x.next[0].score > score)) {
      x.score = score;
      return;
    }
    unlink(x);
    x.score = score;
    link(x);
  }

  /** 1-based rank of {@code x}. */
  long rank(Node x) {
    long rank = 0;
    Node cur = header;
    for (int i = level - 1; i >= 0; i--) {
      while (cur.next[i] != null
          && compare(cur.next[i].score, cur.next[i].member, x.score, x.member) <= 0) {
        rank += cur.span[i];
        cur = cur.next[i];
      }
      if (cur == x) {
        return rank;
      }
    }
    return 0;
  }

  /** The node at 1-based {@code rank}, or null when out of range. */
  Node byRank(long rank) {
    if (rank < 1 || rank > length) {
      return null;
    }
    long traversed = 0;
    Node cur = header;
    for (int i = level - 1; i >= 0; i--) {
      while (cur.next[i] != null && traversed + cur.span[i] <= rank) {
        traversed += cur.span[i];
        cur = cur.next[i];
      }
      if (traversed == rank) {
        return cur;
      }
    }
    return null;
  }

  /** 1-based rank of the first element in {@code r}, 0 when none. */
  long firstInRange(Ranges.ScoreRange r) {
    return r.isEmpty() ? 0 : firstRank(n -> r.gteMin(n.score), n -> r.lteMax(n.score));
  }

  /** 1-based rank of the last element in {@code r}, 0 when none. */
  long lastInRange(Ranges.ScoreRange r) {
    return r.isEmpty() ? 0 : lastRank(n -> r.gteMin(n.score), n -> r.lteMax(n.score));
  }

  /** 1-based rank of the first element in the lex range {@code r}, 0 when none. */
  long firstInLex(Ranges.LexRange r) {
    return r.isEmpty() ? 0 : firstRank(n -> r.gteMin(n.member), n -> r.lteMax(n.member));
  }

  /** 1-based rank of the last element in the lex range {@code r}, 0 when none. */
  long lastInLex(Ranges.LexRange r) {
    return r.isEmpty() ? 0 : lastRank(n -> r.gteMin(n.member), n -> r.lteMax(n.member));
  }

  /**
   * zslNthInRange's walk for the first element of a range: skips every node
   * below its minimum ({@code !aboveMin}), then checks the next one is not
   * past its maximum; its 1-based rank, or 0. Used by the score and lex forms.
   */
  private long firstRank(java.util.function.Predicate<Node> aboveMin,
      java.util.function.Predicate<Node> belowMax) {
    long rank = 0;
    Node cur = header;
    for (int i = level - 1; i >= 0; i--) {
      while (cur.next[i] != null && !aboveMin.test(cur.next[i])) {
        rank += cur.span[i];
        cur = cur.next[i];
      }
    }
    Node x = cur.next[0];
    return x != null && belowMax.test(x) ? rank + 1 : 0;
  }

  /** The walk for the last element of a range (the mirror of {@link #firstRank}). */
  private long lastRank(java.util.function.Predicate<Node> aboveMin,
      java.util.function.Predicate<Node> belowMax) {
    long rank = 0;
    Node cur = header;
    for (int i = level - 1; i >= 0; i--) {
      while (cur.next[i] != null && belowMax.test(cur.next[i])) {
        rank += cur.span[i];
        cur = cur.next[i];
      }
    }
    return cur != header && aboveMin.test(cur) ? rank : 0;
  }

  // ---- hash table -----------------------------------------------------------------------

  private static int hash(byte[] m) {
    int h = Arrays.hashCode(m);
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** The node of {@code member}, or null. */
  Node get(byte[] member) {
    for (Node x = table[hash(member) & (table.length - 1)]; x != null; x = x.hashNext) {
      if (Arrays.equals(x.member, member)) {
        return x;
      }
    }
    return null;
  }

  private void hashPut(Node x) {
    int b = hash(x.member) & (table.length - 1);
    x.hashNext = table[b];
    table[b] = x;
    if (length > table.length) {
      rehash(table.length * 2);
    }
  }

  private Node hashRemove(byte[] member) {
    int b = hash(member) & (table.length - 1);
    Node prev = null;
    for (Node x = table[b]; x != null; prev = x, x = x.hashNext) {
      if (Arrays.equals(x.member, member)) {
        if (prev == null) {
          table[b] = x.hashNext;
        } else {
          prev.hashNext = x.hashNext;
        }
        x.hashNext = null;
        if (table.length > MIN_TABLE && length - 1 < table.length / 8) {
          int size = MIN_TABLE;
          while (size < length - 1) {
            size <<= 1;
          }
          rehash(size);
        }
        return x;
      }
    }
    return null;
  }

  private void rehash(int size) {
    Node[] old = table;
    Node[] t = new Node[size];
    for (Node head : old) {
      Node x = head;
      while (x != null) {
        Node nx = x.hashNext;
        int b = hash(x.member) & (size - 1);
        x.hashNext = t[b];
        t[b] = x;
        x = nx;
      }
    }
    table = t;
  }

  int tableSize() {
    return table.length;
  }

  /**
   * One ZSCAN step: visits the bucket {@code cursor} names and returns the
   * next cursor (0 when the scan is complete), incrementing the reversed bits
   * of the cursor as Redis's dictScan does.
   */
  long scan(long cursor, java.util.function.Consumer<Node> visit) {
    if (length == 0) {
      return 0;
    }
    long mask = table.length - 1;
    for (Node x = table[(int) (cursor & mask)]; x != null; x = x.hashNext) {
      visit.accept(x);
    }
    cursor |= ~mask;
    cursor = Long.reverse(cursor);
    cursor++;
    return Long.reverse(cursor);
  }

  /** Checks every structural invariant (for tests): order, spans, backward links, hash, length. */
  void verify() {
    int n = 0;
    Node prev = null;
    for (Node x = header.next[0]; x != null; x = x.next[0]) {
      n++;
      if (x.backward != prev) {
        throw new IllegalStateException("backward link broken at " + n);
      }
      if (prev != null && compare(prev.score, prev.member, x.score, x.member) >= 0) {
        throw new IllegalStateException("order broken at " + n);
      }
      if (get(x.member) != x) {
        throw new IllegalStateException("hash misses node " + n);
      }
      prev = x;
    }
    if (n != length || tail != prev) {
      throw new IllegalStateException("length/tail mismatch");
    }
    for (int i = 0; i < level; i++) {
      long pos = 0;
      Node cur = header;
      while (cur != null) {
        Node nx = cur.next[i];
        if (nx == null) {
          break; // the span of a level's last link is not kept exact (as in Redis)
        }
        long expected = rank(nx) - pos;
        if (cur.span[i] != expected) {
          throw new IllegalStateException("span broken at level " + i);
        }
        pos += expected;
        cur = nx;
      }
    }
    int hashed = 0;
    for (Node head : table) {
      for (Node x = head; x != null; x = x.hashNext) {
        hashed++;
      }
    }
    if (hashed != length) {
      throw new IllegalStateException("hash size mismatch");
    }
  }
}

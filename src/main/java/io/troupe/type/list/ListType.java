package io.troupe.type.list;

import io.troupe.keyspace.MemoryUsage;
import io.troupe.keyspace.TypedValue;
import io.troupe.type.sort.SortSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A list value: Redis's quicklist. A doubly linked chain of nodes, each node a
 * byte array of packed entries ({@link Packed}, listpack-like) with free room
 * at both ends, so pushes and pops at either end are amortized O(1) and cost
 * no object per element. A small list is a single node.
 *
 * <p>How full a node may get is the {@code list-max-listpack-size} ("fill")
 * the list was created with, as in Redis 7.0: negative -1..-5 caps a node at
 * 4, 8, 16, 32 or 64 KiB; positive caps it at that many entries (and at 8 KiB,
 * Redis's safety limit). A node always accepts one entry, however large.
 * Redis 7.0 reports every list as {@code quicklist} (the {@code listpack}
 * encoding for small lists came in 7.2), and so does {@link #encoding()}.
 *
 * <p>Middle operations (LINSERT, LSET) shift bytes within one node, spilling
 * into a neighbour or splitting the node when it would overflow; LREM rewrites
 * the nodes it removes from and merges neighbours that fit together again.
 * Indexes are {@code long} and always normalized (0 ≤ i &lt; size) by callers.
 */
public final class ListType implements TypedValue, SortSource {
  /** Redis 7.0's byte limits for fill -1..-5. */
  static final int[] SIZE_LEVELS = {4096, 8192, 16384, 32768, 65536};
  /** The most bytes a node with a positive (count) fill may hold. */
  static final int SIZE_SAFETY_LIMIT = 8192;
  /** The largest positive fill Redis accepts for a quicklist. */
  static final int FILL_MAX = 1 << 15;
  private static final int MIN_CAPACITY = 16;

  private final int fill;
  private Node head;
  private Node tail;
  private long size;
  private int nodeCount;

  /** One quicklist node: entries packed in {@code buf[start, end)}. */
  static final class Node {
    byte[] buf;
    int start;
    int end;
    int count;
    Node prev;
    Node next;

    Node(byte[] buf, int start, int end, int count) {
      this.buf = buf;
      this.start = start;
      this.end = end;
      this.count = count;
    }

    int bytes() {
      return end - start;
    }
  }

  /** An empty list whose nodes follow {@code fill} (list-max-listpack-size). */
  public ListType(int fill) {
    this.fill = fill > FILL_MAX ? FILL_MAX : Math.max(fill, -5);
  }

  @Override
  public String typeName() {
    return "list";
  }

  /**
   * Estimated heap bytes: the list object and its nodes with their byte
   * arrays (free room included), the first {@link MemoryUsage#SAMPLES} nodes
   * measured and the rest scaled from them.
   */
  @Override
  public long memoryUsage() {
    long n = MemoryUsage.object(4 + 4 + 4 + 8 + 4);
    long sampled = 0;
    int seen = 0;
    for (Node x = head; x != null && seen < MemoryUsage.SAMPLES; x = x.next) {
      sampled += MemoryUsage.object(4 + 4 + 4 + 4 + 4 + 4) + MemoryUsage.bytes(x.buf.length);
      seen++;
    }
    return seen == 0 ? n : n + sampled * nodeCount / seen;
  }

  @Override
  public Kind sortKind() {
    return Kind.LIST;
  }

  @Override
  public int sortSize() {
    return (int) Math.min(Integer.MAX_VALUE, size());
  }

  @Override
  public Iterable<byte[]> elements() {
    return this::iterator;
  }

  /** OBJECT ENCODING: Redis 7.0 keeps every list in a quicklist. */
  @Override
  public String encoding() {
    return "quicklist";
  }

  public long size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  int fill() {
    return fill;
  }

  int nodeCount() {
    return nodeCount;
  }

  @Override
  public ListType deepCopy() {
    ListType copy = new ListType(fill);
    for (Node n = head; n != null; n = n.next) {
      byte[] b = new byte[n.bytes()];
      System.arraycopy(n.buf, n.start, b, 0, b.length);
      copy.linkLast(new Node(b, 0, b.length, n.count));
    }
    copy.size = size;
    return copy;
  }

  // ---- fill rules ---------------------------------------------------------------------------

  /** True when a node of {@code bytes} bytes and {@code count} entries respects the fill. */
  boolean fits(long bytes, long count) {
    if (count <= 1) {
      return true;
    }
    if (fill < 0) {
      return bytes <= SIZE_LEVELS[-fill - 1];
    }
    return bytes <= SIZE_SAFETY_LIMIT && count <= fill;
  }

  private boolean allowInsert(Node n, int entrySize) {
    return fits((long) n.bytes() + entrySize, n.count + 1L);
  }

  /** The most bytes a node of this list normally holds (capacity cap when growing). */
  private int nodeByteLimit() {
    return fill < 0 ? SIZE_LEVELS[-fill - 1] : SIZE_SAFETY_LIMIT;
  }

  // ---- pushes and pops ------------------------------------------------------------------------

  /** LPUSH / RPUSH of one element. */
  public void push(byte[] value, boolean atHead) {
    Packed.Probe p = Packed.probe(value);
    if (atHead) {
      Node n = head;
      if (n == null || !allowInsert(n, p.size)) {
        if (n != null) {
          trim(n);
        }
        n = newNode(p.size, true);
        linkFirst(n);
      }
      ensureHeadRoom(n, p.size);
      n.start -= p.size;
      Packed.write(n.buf, n.start, p);
      n.count++;
    } else {
      Node n = tail;
      if (n == null || !allowInsert(n, p.size)) {
        if (n != null) {
          trim(n);
        }
        n = newNode(p.size, false);
        linkLast(n);
      }
      ensureTailRoom(n, p.size);
      n.end = Packed.write(n.buf, n.end, p);
      n.count++;
    }
    size++;
  }

  /** LPOP / RPOP of one element; null when the list is empty. */
  public byte[] pop(boolean atHead) {
    Node n = atHead ? head : tail;
    if (n == null) {
      return null;
    }
    byte[] value;
    if (atHead) {
      value = Packed.decode(n.buf, n.start);
      n.start = Packed.next(n.buf, n.start);
    } else {
      int at = Packed.prev(n.buf, n.end);
      value = Packed.decode(n.buf, at);
      n.end = at;
    }
    n.count--;
    size--;
    if (n.count == 0) {
      unlink(n);
    } else {
      maybeShrink(n);
    }
    return value;
  }

  // ---- reads ----------------------------------------------------------------------------------

  /** A position: a node, the byte offset of an entry in it, and the entry's index in the node. */
  private static final class Cursor {
    Node node;
    int pos;
    int idx;

    Cursor(Node node, int pos, int idx) {
      this.node = node;
      this.pos = pos;
      this.idx = idx;
    }

    /** Moves to the next entry; false at the end of the list. */
    boolean forward() {
      idx++;
      if (idx < node.count) {
        pos = Packed.next(node.buf, pos);
        return true;
      }
      if (node.next == null) {
        return false;
      }
      node = node.next;
      pos = node.start;
      idx = 0;
      return true;
    }

    /** Moves to the previous entry; false at the start of the list. */
    boolean backward() {
      if (idx > 0) {
        idx--;
        pos = Packed.prev(node.buf, pos);
        return true;
      }
      if (node.prev == null) {
        return false;
      }
      node = node.prev;
      idx = node.count - 1;
      pos = Packed.prev(node.buf, node.end);
      return true;
    }
  }

  /** The cursor at {@code index} (0 ≤ index &lt; size), walking from the nearer end. */
  private Cursor locate(long index) {
    Node n;
    long i;
    if (index < size / 2) {
      n = head;
      i = index;
      while (i >= n.count) {
        i -= n.count;
        n = n.next;
      }
    } else {
      n = tail;
      long fromTail = size - 1 - index;
      while (fromTail >= n.count) {
        fromTail -= n.count;
        n = n.prev;
      }
      i = n.count - 1 - fromTail;
    }
    int idx = (int) i;
    int pos;
    if (idx <= n.count / 2) {
      pos = n.start;
      for (int k = 0; k < idx; k++) {
        pos = Packed.next(n.buf, pos);
      }
    } else {
      pos = n.end;
      for (int k = n.count; k > idx; k--) {
        pos = Packed.prev(n.buf, pos);
      }
    }
    return new Cursor(n, pos, idx);
  }

  private Cursor first() {
    return head == null ? null : new Cursor(head, head.start, 0);
  }

  private Cursor last() {
    return tail == null ? null : new Cursor(tail, Packed.prev(tail.buf, tail.end), tail.count - 1);
  }

  /** LINDEX: the element at {@code index} (0 ≤ index &lt; size). */
  public byte[] get(long index) {
    Cursor c = locate(index);
    return Packed.decode(c.node.buf, c.pos);
  }

  /** LRANGE: the elements from {@code from} to {@code to} inclusive (0 ≤ from ≤ to &lt; size). */
  public List<byte[]> range(long from, long to) {
    List<byte[]> out = new ArrayList<>((int) Math.min(to - from + 1, 1 << 16));
    Cursor c = locate(from);
    for (long i = from; ; i++) {
      out.add(Packed.decode(c.node.buf, c.pos));
      if (i == to || !c.forward()) {
        break;
      }
    }
    return out;
  }

  /** Every element from head to tail (RDB, DUMP, SORT...). */
  public Iterator<byte[]> iterator() {
    return new Iterator<>() {
      private Cursor c = first();
      private boolean ready = c != null;

      @Override
      public boolean hasNext() {
        return ready;
      }

      @Override
      public byte[] next() {
        if (!ready) {
          throw new NoSuchElementException();
        }
        byte[] v = Packed.decode(c.node.buf, c.pos);
        ready = c.forward();
        return v;
      }
    };
  }

  /**
   * LPOS: the indexes of matches of {@code value}. Searches from the head for
   * a positive {@code rank}, from the tail for a negative one, skipping the
   * first |rank|-1 matches; stops after {@code count} matches (0 = all) or
   * after comparing {@code maxlen} elements (0 = no limit).
   */
  public List<Long> positions(byte[] value, long rank, long count, long maxlen) {
    List<Long> out = new ArrayList<>();
    boolean fromHead = rank > 0;
    // Redis negates a negative rank; LONG_MIN stays negative and then skips nothing.
    long skip = fromHead ? rank - 1 : (rank == Long.MIN_VALUE ? 0 : -rank - 1);
    Packed.Probe p = Packed.probe(value);
    Cursor c = fromHead ? first() : last();
    if (c == null) {
      return out;
    }
    long compared = 0;
    long index = fromHead ? 0 : size - 1;
    while (maxlen == 0 || compared < maxlen) {
      compared++;
      if (Packed.matches(c.node.buf, c.pos, p)) {
        if (skip > 0) {
          skip--;
        } else {
          out.add(index);
          if (count != 0 && out.size() >= count) {
            break;
          }
        }
      }
      if (fromHead ? !c.forward() : !c.backward()) {
        break;
      }
      index += fromHead ? 1 : -1;
    }
    return out;
  }

  // ---- writes in the middle -------------------------------------------------------------------

  /** LSET: replaces the element at {@code index} (0 ≤ index &lt; size). */
  public void set(long index, byte[] value) {
    Cursor c = locate(index);
    Packed.Probe p = Packed.probe(value);
    Node n = c.node;
    int old = Packed.entrySize(n.buf, c.pos);
    if (fits((long) n.bytes() - old + p.size, n.count)) {
      splice(n, c.pos, old, p);
      return;
    }
    // The new value overflows the node: remove the old entry, then insert as LINSERT does.
    int rel = c.pos - n.start;
    splice(n, c.pos, old, null);
    n.count--;
    size--;
    insertAt(n, n.start + rel, c.idx, p);
  }

  /**
   * LINSERT: inserts {@code value} before or after the first occurrence of
   * {@code pivot}; false when there is none.
   */
  public boolean insert(byte[] pivot, byte[] value, boolean after) {
    Packed.Probe pp = Packed.probe(pivot);
    Cursor c = first();
    if (c == null) {
      return false;
    }
    do {
      if (Packed.matches(c.node.buf, c.pos, pp)) {
        Packed.Probe p = Packed.probe(value);
        if (after) {
          insertAt(c.node, Packed.next(c.node.buf, c.pos), c.idx + 1, p);
        } else {
          insertAt(c.node, c.pos, c.idx, p);
        }
        return true;
      }
    } while (c.forward());
    return false;
  }

  /**
   * Inserts {@code p} into node {@code n} at byte offset {@code pos}, which is
   * entry index {@code idx} of the node (idx may equal the count: the node's
   * end). A full node spills into its neighbour or is split in two.
   */
  private void insertAt(Node n, int pos, int idx, Packed.Probe p) {
    size++;
    if (allowInsert(n, p.size)) {
      splice(n, pos, 0, p);
      n.count++;
      return;
    }
    if (idx == 0) {
      Node pv = n.prev;
      if (pv != null && allowInsert(pv, p.size)) {
        ensureTailRoom(pv, p.size);
        pv.end = Packed.write(pv.buf, pv.end, p);
        pv.count++;
      } else {
        Node m = newNode(p.size, true);
        m.start -= p.size;
        Packed.write(m.buf, m.start, p);
        m.count = 1;
        linkBefore(n, m);
      }
      return;
    }
    if (idx == n.count) {
      Node nx = n.next;
      if (nx != null && allowInsert(nx, p.size)) {
        ensureHeadRoom(nx, p.size);
        nx.start -= p.size;
        Packed.write(nx.buf, nx.start, p);
        nx.count++;
      } else {
        Node m = newNode(p.size, false);
        m.end = Packed.write(m.buf, m.end, p);
        m.count = 1;
        linkAfter(n, m);
      }
      return;
    }
    // Split: n keeps entries [0, idx), a new node takes [idx, count).
    int rightBytes = n.end - pos;
    byte[] rb = new byte[rightBytes + p.size];
    System.arraycopy(n.buf, pos, rb, p.size, rightBytes);
    Node right = new Node(rb, p.size, rb.length, n.count - idx);
    n.end = pos;
    n.count = idx;
    linkAfter(n, right);
    if (allowInsert(n, p.size)) {
      ensureTailRoom(n, p.size);
      n.end = Packed.write(n.buf, n.end, p);
      n.count++;
    } else if (allowInsert(right, p.size)) {
      right.start -= p.size;
      Packed.write(right.buf, right.start, p);
      right.count++;
    } else {
      Node m = newNode(p.size, false);
      m.end = Packed.write(m.buf, m.end, p);
      m.count = 1;
      linkAfter(n, m);
    }
    trim(n);
    trim(right);
  }

  /**
   * Replaces {@code remove} bytes at {@code pos} of node {@code n} with the
   * entry {@code p} (or nothing when null). Counts are the caller's business.
   */
  private void splice(Node n, int pos, int remove, Packed.Probe p) {
    int add = p == null ? 0 : p.size;
    int delta = add - remove;
    int rel = pos - n.start;
    int tailLen = n.end - pos - remove;
    if (delta > 0) {
      if (rel < tailLen && n.start >= delta) {
        // cheaper to move the head part left
        System.arraycopy(n.buf, n.start, n.buf, n.start - delta, rel);
        n.start -= delta;
      } else {
        ensureTailRoom(n, delta);
        int at = n.start + rel;
        System.arraycopy(n.buf, at + remove, n.buf, at + add, tailLen);
        n.end += delta;
      }
    } else if (delta < 0) {
      int shrink = -delta;
      if (rel < tailLen) {
        System.arraycopy(n.buf, n.start, n.buf, n.start + shrink, rel);
        n.start += shrink;
      } else {
        int at = n.start + rel;
        System.arraycopy(n.buf, at + remove, n.buf, at + add, tailLen);
        n.end -= shrink;
      }
    }
    if (p != null) {
      Packed.write(n.buf, n.start + rel, p);
    }
  }

  /**
   * LREM: removes up to |count| occurrences of {@code value} (all when 0),
   * from the head when count ≥ 0, from the tail when negative; returns how
   * many were removed.
   */
  public long remove(byte[] value, long count) {
    Packed.Probe p = Packed.probe(value);
    boolean fromHead = count >= 0;
    long limit = count == 0 ? Long.MAX_VALUE : (count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count));
    long removed = 0;
    List<Node> touched = new ArrayList<>();
    Node n = fromHead ? head : tail;
    int[] offsets = new int[16];
    while (n != null && removed < limit) {
      Node following = fromHead ? n.next : n.prev;
      if (offsets.length < n.count + 1) {
        offsets = new int[n.count + 1];
      }
      int pos = n.start;
      for (int i = 0; i < n.count; i++) {
        offsets[i] = pos;
        pos = Packed.next(n.buf, pos);
      }
      offsets[n.count] = n.end;
      boolean[] kill = null;
      int killed = 0;
      for (int k = 0; k < n.count && removed < limit; k++) {
        int i = fromHead ? k : n.count - 1 - k;
        if (Packed.matches(n.buf, offsets[i], p)) {
          if (kill == null) {
            kill = new boolean[n.count];
          }
          kill[i] = true;
          killed++;
          removed++;
        }
      }
      if (killed > 0) {
        int keptBytes = 0;
        for (int i = 0; i < n.count; i++) {
          if (!kill[i]) {
            keptBytes += offsets[i + 1] - offsets[i];
          }
        }
        byte[] nb = new byte[keptBytes];
        int w = 0;
        for (int i = 0; i < n.count; i++) {
          if (!kill[i]) {
            int len = offsets[i + 1] - offsets[i];
            System.arraycopy(n.buf, offsets[i], nb, w, len);
            w += len;
          }
        }
        n.buf = nb;
        n.start = 0;
        n.end = keptBytes;
        n.count -= killed;
        size -= killed;
        if (n.count == 0) {
          unlink(n);
        } else {
          touched.add(n);
        }
      }
      n = following;
    }
    for (Node t : touched) {
      mergeAround(t);
    }
    return removed;
  }

  /** LTRIM: removes {@code fromHead} elements at the head and {@code fromTail} at the tail. */
  public void trimEnds(long fromHead, long fromTail) {
    if (fromHead + fromTail >= size) {
      clear();
      return;
    }
    dropEnd(fromHead, true);
    dropEnd(fromTail, false);
  }

  /** Removes {@code k} (fewer than size) elements at the head, or at the tail: whole nodes, then a part of one. */
  private void dropEnd(long k, boolean atHead) {
    for (Node n = atHead ? head : tail; k > 0 && n.count <= k; n = atHead ? head : tail) {
      k -= n.count;
      size -= n.count;
      unlink(n);
    }
    if (k > 0) {
      Node n = atHead ? head : tail;
      for (long i = 0; i < k; i++) {
        if (atHead) {
          n.start = Packed.next(n.buf, n.start);
        } else {
          n.end = Packed.prev(n.buf, n.end);
        }
      }
      n.count -= (int) k;
      size -= k;
      maybeShrink(n);
    }
  }

  private void clear() {
    head = null;
    tail = null;
    size = 0;
    nodeCount = 0;
  }

  // ---- nodes ----------------------------------------------------------------------------------

  /** A node with room for one entry of {@code need} bytes, room placed at the head or the tail. */
  private Node newNode(int need, boolean roomAtHead) {
    int cap = head == null ? need : Math.max(need, Math.min(Math.max(MIN_CAPACITY, need * 4), nodeByteLimit()));
    byte[] b = new byte[cap];
    int at = roomAtHead ? cap : 0;
    return new Node(b, at, at, 0);
  }

  /** Makes {@code need} free bytes before {@code n.start}, moving or growing the buffer. */
  private void ensureHeadRoom(Node n, int need) {
    if (n.start >= need) {
      return;
    }
    relayout(n, need, true);
  }

  /** Makes {@code need} free bytes after {@code n.end}, moving or growing the buffer. */
  private void ensureTailRoom(Node n, int need) {
    if (n.buf.length - n.end >= need) {
      return;
    }
    relayout(n, need, false);
  }

  /**
   * Re-lays a node's bytes so {@code need} bytes are free at one end: in place
   * when the buffer is at most 3/4 full afterwards, else in a buffer half as
   * large again. Most of the slack goes to the growing end.
   */
  private void relayout(Node n, int need, boolean atHead) {
    int used = n.bytes();
    int required = used + need;
    int cap = n.buf.length;
    byte[] target = n.buf;
    if ((long) required * 4 > (long) cap * 3) {
      long grown = Math.max(MIN_CAPACITY, (long) required + required / 2);
      cap = (int) Math.min(grown, Math.max(required, nodeByteLimit()));
      target = new byte[cap];
    }
    int slack = cap - required;
    int growSide = slack - slack / 8;
    int newStart = atHead ? need + growSide : slack - growSide;
    System.arraycopy(n.buf, n.start, target, newStart, used);
    n.buf = target;
    n.start = newStart;
    n.end = newStart + used;
  }

  /** Drops a node's free room (a node that will not grow any more). */
  private static void trim(Node n) {
    if (n.buf.length == n.bytes()) {
      return;
    }
    byte[] b = new byte[n.bytes()];
    System.arraycopy(n.buf, n.start, b, 0, b.length);
    n.buf = b;
    n.start = 0;
    n.end = b.length;
  }

  /** Gives memory back when a node uses under a quarter of its buffer. */
  private static void maybeShrink(Node n) {
    int cap = n.buf.length;
    if (cap > 64 && n.bytes() * 4 < cap) {
      int used = n.bytes();
      int newCap = Math.max(MIN_CAPACITY, used * 2);
      byte[] b = new byte[newCap];
      int at = (newCap - used) / 2;
      System.arraycopy(n.buf, n.start, b, at, used);
      n.buf = b;
      n.start = at;
      n.end = at + used;
    }
  }

  /** Merges {@code n} into its neighbours when their entries fit in one node. */
  private void mergeAround(Node n) {
    if (n.buf == null) {
      return; // already merged into a neighbour
    }
    if (n.prev != null && fits((long) n.prev.bytes() + n.bytes(), (long) n.prev.count + n.count)) {
      Node pv = n.prev;
      merge(pv, n);
      n = pv;
    }
    if (n.next != null && fits((long) n.bytes() + n.next.bytes(), (long) n.count + n.next.count)) {
      merge(n, n.next);
    }
  }

  /** Appends {@code b}'s entries to {@code a} (b follows a) and unlinks {@code b}. */
  private void merge(Node a, Node b) {
    int used = a.bytes() + b.bytes();
    byte[] nb = new byte[used];
    System.arraycopy(a.buf, a.start, nb, 0, a.bytes());
    System.arraycopy(b.buf, b.start, nb, a.bytes(), b.bytes());
    a.buf = nb;
    a.start = 0;
    a.end = used;
    a.count += b.count;
    unlink(b);
    b.buf = null;
  }

  private void linkFirst(Node n) {
    n.prev = null;
    n.next = head;
    if (head != null) {
      head.prev = n;
    } else {
      tail = n;
    }
    head = n;
    nodeCount++;
  }

  private void linkLast(Node n) {
    n.next = null;
    n.prev = tail;
    if (tail != null) {
      tail.next = n;
    } else {
      head = n;
    }
    tail = n;
    nodeCount++;
  }

  private void linkAfter(Node at, Node n) {
    if (at == tail) {
      linkLast(n);
      return;
    }
    n.prev = at;
    n.next = at.next;
    at.next.prev = n;
    at.next = n;
    nodeCount++;
  }

  private void linkBefore(Node at, Node n) {
    if (at == head) {
      linkFirst(n);
      return;
    }
    n.next = at;
    n.prev = at.prev;
    at.prev.next = n;
    at.prev = n;
    nodeCount++;
  }

  private void unlink(Node n) {
    if (n.prev != null) {
      n.prev.next = n.next;
    } else {
      head = n.next;
    }
    if (n.next != null) {
      n.next.prev = n.prev;
    } else {
      tail = n.prev;
    }
    n.prev = null;
    n.next = null;
    nodeCount--;
  }

  // ---- checks for tests -----------------------------------------------------------------------

  /** Entries per node, head to tail (tests). */
  int[] nodeCounts() {
    int[] out = new int[nodeCount];
    int i = 0;
    for (Node n = head; n != null; n = n.next) {
      out[i++] = n.count;
    }
    return out;
  }

  /**
   * Verifies the structure (tests): links, counts, entry walks both ways,
   * no empty node, every node within the fill.
   */
  void checkInvariants() {
    long total = 0;
    int nodes = 0;
    Node prev = null;
    for (Node n = head; n != null; n = n.next) {
      check(n.prev == prev, "prev link");
      check(n.count > 0, "empty node");
      check(n.start >= 0 && n.start <= n.end && n.end <= n.buf.length, "bounds");
      check(fits(n.bytes(), n.count), "node over fill: " + n.bytes() + " bytes, " + n.count + " entries");
      int pos = n.start;
      int c = 0;
      while (pos < n.end) {
        int nx = Packed.next(n.buf, pos);
        check(Packed.prev(n.buf, nx) == pos, "back-length");
        pos = nx;
        c++;
      }
      check(pos == n.end && c == n.count, "entry count " + c + " vs " + n.count);
      total += n.count;
      nodes++;
      prev = n;
    }
    check(prev == tail, "tail");
    check(total == size, "size " + total + " vs " + size);
    check(nodes == nodeCount, "node count");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("list invariant broken: " + what);
    }
  }
}

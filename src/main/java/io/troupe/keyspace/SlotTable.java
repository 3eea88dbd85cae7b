package io.troupe.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The keys of one hash slot in one database: a chained hash table over
 * byte[] keys that doubles when the load factor reaches 1 and halves when it
 * drops under 1/8. Plain Java; owned by one shard.
 */
public final class SlotTable {
  private static final int MIN_CAPACITY = 4;
  private Entry[] buckets = new Entry[MIN_CAPACITY];
  private int size;
  /** Position in the owning database's array of non-empty slots (for sampling). */
  int liveIndex = -1;

  public int size() {
    return size;
  }

  /** Estimated heap bytes of the table itself: the object and its bucket array. */
  long overheadBytes() {
    return MemoryUsage.object(12) + MemoryUsage.refArray(buckets.length);
  }

  static int hash(byte[] key) {
    int h = 1;
    for (byte b : key) {
      h = 31 * h + b;
    }
    return h ^ (h >>> 16);
  }

  public Entry get(byte[] key) {
    int h = hash(key);
    for (Entry e = buckets[h & (buckets.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && Arrays.equals(e.key, key)) {
        return e;
      }
    }
    return null;
  }

  /** Inserts a new key; the caller has checked it is absent. */
  public Entry insert(byte[] key, Object value) {
    int h = hash(key);
    Entry e = new Entry(key, h, value);
    int i = h & (buckets.length - 1);
    e.next = buckets[i];
    buckets[i] = e;
    if (++size > buckets.length) {
      resize(buckets.length * 2);
    }
    return e;
  }

  /** Removes the entry for {@code key}; returns it, or null when absent. */
  public Entry remove(byte[] key) {
    int h = hash(key);
    int i = h & (buckets.length - 1);
    Entry prev = null;
    for (Entry e = buckets[i]; e != null; prev = e, e = e.next) {
      if (e.hash == h && Arrays.equals(e.key, key)) {
        if (prev == null) {
          buckets[i] = e.next;
        } else {
          prev.next = e.next;
        }
        e.next = null;
        size--;
        if (buckets.length > MIN_CAPACITY && size < buckets.length / 8) {
          resize(buckets.length / 2);
        }
        return e;
      }
    }
    return null;
  }

  public void forEach(Consumer<Entry> action) {
    for (Entry head : buckets) {
      for (Entry e = head; e != null; ) {
        Entry next = e.next;
        action.accept(e);
        e = next;
      }
    }
  }

  /** A uniformly chosen bucket's first entry, walking forward from a random start. */
  public Entry randomEntry(java.util.random.RandomGenerator rnd) {
    if (size == 0) {
      return null;
    }
    while (true) {
      Entry head = buckets[rnd.nextInt(buckets.length)];
      if (head != null) {
        int len = 0;
        for (Entry e = head; e != null; e = e.next) {
          len++;
        }
        int pick = rnd.nextInt(len);
        Entry e = head;
        while (pick-- > 0) {
          e = e.next;
        }
        return e;
      }
    }
  }

  private void resize(int capacity) {
    Entry[] old = buckets;
    Entry[] fresh = new Entry[capacity];
    for (Entry head : old) {
      for (Entry e = head; e != null; ) {
        Entry next = e.next;
        int i = e.hash & (capacity - 1);
        e.next = fresh[i];
        fresh[i] = e;
        e = next;
      }
    }
    buckets = fresh;
  }
}

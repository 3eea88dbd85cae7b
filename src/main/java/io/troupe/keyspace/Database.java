package io.troupe.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One database (SELECT index) of one shard: a lazily created {@link SlotTable}
 * per hash slot, and the array of keys that carry a TTL, which the active
 * expire cycle samples (Redis's db->expires). Plain Java, single owner.
 *
 * <p>It also keeps the estimate of the heap bytes it holds, for maxmemory:
 * its arrays, slot tables, entries, keys and values ({@link #usedBytes()}).
 * Every insert and removal moves it; a value changed in place is measured
 * again through {@link #remeasure} after the command. Readers on other
 * threads (INFO, the connections' OOM check) may see it a moment stale.
 */
public final class Database {
  /** Per-slot tables, allocated with the first key: an empty database costs nearly nothing. */
  private SlotTable[] slots;
  private int size;
  private Entry[] volatileKeys = new Entry[16];
  private int volatileCount;
  /** The non-empty slots, dense in [0, liveCount), for sampling keys (eviction). */
  private int[] liveSlots = new int[16];
  private int liveCount;
  private long usedBytes = fixedBytes();
  /** The snapshot running over this database (null almost always), and this database's index in it. */
  private KeyspaceSnapshot snapshot;
  private int snapshotIndex;

  private static long fixedBytes() {
    return MemoryUsage.object(4 * 4 + 2 * 4 + 8) + MemoryUsage.refArray(16) + MemoryUsage.refArray(16);
  }

  /** The estimated heap bytes this database holds. */
  public long usedBytes() {
    return usedBytes;
  }

  public int size() {
    return size;
  }

  public int volatileCount() {
    return volatileCount;
  }

  public Entry get(byte[] key, int slot) {
    SlotTable t = slots == null ? null : slots[slot];
    return t == null ? null : t.get(key);
  }

  /** Joins ({@code s} non-null) or leaves a running snapshot as its database {@code index}. */
  void attach(KeyspaceSnapshot s, int index) {
    snapshot = s;
    snapshotIndex = index;
  }

  /**
   * Copy-on-write for a running snapshot: call before changing anything in
   * {@code slot} (a value in place, a key, an expiry). Inserts, removals and
   * expiry changes through this class call it themselves; one null check
   * when no snapshot runs.
   */
  public void willChange(int slot) {
    if (snapshot != null) {
      snapshot.save(snapshotIndex, slot);
    }
  }

  public Entry insert(byte[] key, int slot, Object value) {
    willChange(slot);
    if (slots == null) {
      slots = new SlotTable[KeySlot.SLOTS];
      usedBytes += MemoryUsage.refArray(KeySlot.SLOTS);
    }
    SlotTable t = slots[slot];
    if (t == null) {
      t = slots[slot] = new SlotTable();
      addLive(t, slot);
      usedBytes += t.overheadBytes();
    }
    size++;
    long tableBefore = t.overheadBytes();
    Entry e = t.insert(key, value);
    e.mem = MemoryUsage.ofValue(value);
    usedBytes += t.overheadBytes() - tableBefore + MemoryUsage.keyOverhead(key) + e.mem;
    return e;
  }

  public Entry remove(byte[] key, int slot) {
    SlotTable t = slots == null ? null : slots[slot];
    if (t == null) {
      return null;
    }
    willChange(slot);
    long tableBefore = t.overheadBytes();
    Entry e = t.remove(key);
    if (e != null) {
      size--;
      unlinkVolatile(e);
      usedBytes -= tableBefore - t.overheadBytes() + MemoryUsage.keyOverhead(key) + e.mem;
      e.mem = -1;
      if (t.size() == 0) {
        slots[slot] = null;
        removeLive(t);
        usedBytes -= t.overheadBytes();
      }
    }
    return e;
  }

  /**
   * Measures a live entry's value again after a command changed it in place
   * and moves the estimate by the difference; an entry removed since is
   * left alone.
   */
  public void remeasure(Entry e) {
    if (e.mem < 0) {
      return;
    }
    int now = MemoryUsage.ofValue(e.value);
    usedBytes += now - e.mem;
    e.mem = now;
  }

  private void addLive(SlotTable t, int slot) {
    if (liveCount == liveSlots.length) {
      usedBytes -= MemoryUsage.refArray(liveSlots.length);
      liveSlots = Arrays.copyOf(liveSlots, liveCount * 2);
      usedBytes += MemoryUsage.refArray(liveSlots.length);
    }
    t.liveIndex = liveCount;
    liveSlots[liveCount++] = slot;
  }

  private void removeLive(SlotTable t) {
    int i = t.liveIndex;
    int lastSlot = liveSlots[--liveCount];
    liveSlots[i] = lastSlot;
    if (slots[lastSlot] != null) {
      slots[lastSlot].liveIndex = i;
    }
    t.liveIndex = -1;
  }

  /**
   * A key for eviction's sampling, or null when empty: a random non-empty
   * slot, then a random key in it (slots hold about as many keys each, so
   * this is close to uniform, as Redis's dictGetSomeKeys is close to it).
   */
  public Entry sampleEntry(RandomGenerator rnd) {
    if (liveCount == 0) {
      return null;
    }
    return slots[liveSlots[rnd.nextInt(liveCount)]].randomEntry(rnd);
  }

  /** Sets or clears ({@link Entry#NO_EXPIRY}) the key's absolute expiry. */
  public void setExpire(Entry e, long at) {
    if (snapshot != null) {
      willChange(KeySlot.slot(e.key));
    }
    if (at == Entry.NO_EXPIRY) {
      unlinkVolatile(e);
    } else if (e.volatileIndex < 0) {
      if (volatileCount == volatileKeys.length) {
        usedBytes -= MemoryUsage.refArray(volatileKeys.length);
        volatileKeys = Arrays.copyOf(volatileKeys, volatileCount * 2);
        usedBytes += MemoryUsage.refArray(volatileKeys.length);
      }
      e.volatileIndex = volatileCount;
      volatileKeys[volatileCount++] = e;
    }
    e.expireAt = at;
  }

  private void unlinkVolatile(Entry e) {
    int i = e.volatileIndex;
    if (i < 0) {
      return;
    }
    Entry last = volatileKeys[--volatileCount];
    volatileKeys[i] = last;
    last.volatileIndex = i;
    volatileKeys[volatileCount] = null;
    e.volatileIndex = -1;
    e.expireAt = Entry.NO_EXPIRY;
    if (volatileKeys.length > 16 && volatileCount < volatileKeys.length / 4) {
      usedBytes -= MemoryUsage.refArray(volatileKeys.length);
      volatileKeys = Arrays.copyOf(volatileKeys, volatileKeys.length / 2);
      usedBytes += MemoryUsage.refArray(volatileKeys.length);
    }
  }

  /** A random key with a TTL, or null; used by the active expire cycle. */
  public Entry randomVolatile(RandomGenerator rnd) {
    return volatileCount == 0 ? null : volatileKeys[rnd.nextInt(volatileCount)];
  }

  /** The slot table of {@code slot}, or null when it holds no keys. */
  public SlotTable table(int slot) {
    return slots == null ? null : slots[slot];
  }

  public void forEach(Consumer<Entry> action) {
    if (slots == null) {
      return;
    }
    for (SlotTable t : slots) {
      if (t != null) {
        t.forEach(action);
      }
    }
  }

  /** A random key, or null when empty: a random non-empty slot weighted by its size. */
  public Entry randomEntry(RandomGenerator rnd) {
    if (size == 0) {
      return null;
    }
    long pick = rnd.nextLong(size);
    for (SlotTable t : slots) {
      if (t != null) {
        if (pick < t.size()) {
          return t.randomEntry(rnd);
        }
        pick -= t.size();
      }
    }
    return null;
  }

  public void clear() {
    if (snapshot != null) {
      snapshot.adopt(snapshotIndex, slots); // the snapshot still writes what was here
    }
    if (slots != null) {
      // Entries may still be referenced by a command in flight: mark them gone.
      forEach(e -> e.mem = -1);
    }
    slots = null;
    size = 0;
    volatileKeys = new Entry[16];
    volatileCount = 0;
    liveSlots = new int[16];
    liveCount = 0;
    usedBytes = fixedBytes();
  }
}

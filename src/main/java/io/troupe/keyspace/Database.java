package io.troupe.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One database (SELECT index) of one shard: a lazily created {@link SlotTable}
 * per hash slot, and the array of keys that carry a TTL, which the active
 * expire cycle samples (Redis's db->expires). Plain Java, single owner.
 */
public final class Database {
  private final SlotTable[] slots = new SlotTable[KeySlot.SLOTS];
  private int size;
  private Entry[] volatileKeys = new Entry[16];
  private int volatileCount;

  public int size() {
    return size;
  }

  public int volatileCount() {
    return volatileCount;
  }

  public Entry get(byte[] key, int slot) {
    SlotTable t = slots[slot];
    return t == null ? null : t.get(key);
  }

  public Entry insert(byte[] key, int slot, Object value) {
    SlotTable t = slots[slot];
    if (t == null) {
      t = slots[slot] = new SlotTable();
    }
    size++;
    return t.insert(key, value);
  }

  public Entry remove(byte[] key, int slot) {
    SlotTable t = slots[slot];
    if (t == null) {
      return null;
    }
    Entry e = t.remove(key);
    if (e != null) {
      size--;
      unlinkVolatile(e);
      if (t.size() == 0) {
        slots[slot] = null;
      }
    }
    return e;
  }

  /** Sets or clears ({@link Entry#NO_EXPIRY}) the key's absolute expiry. */
  public void setExpire(Entry e, long at) {
    if (at == Entry.NO_EXPIRY) {
      unlinkVolatile(e);
    } else if (e.volatileIndex < 0) {
      if (volatileCount == volatileKeys.length) {
        volatileKeys = Arrays.copyOf(volatileKeys, volatileCount * 2);
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
      volatileKeys = Arrays.copyOf(volatileKeys, volatileKeys.length / 2);
    }
  }

  /** A random key with a TTL, or null; used by the active expire cycle. */
  public Entry randomVolatile(RandomGenerator rnd) {
    return volatileCount == 0 ? null : volatileKeys[rnd.nextInt(volatileCount)];
  }

  /** The slot table of {@code slot}, or null when it holds no keys. */
  public SlotTable table(int slot) {
    return slots[slot];
  }

  public void forEach(Consumer<Entry> action) {
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
    Arrays.fill(slots, null);
    size = 0;
    volatileKeys = new Entry[16];
    volatileCount = 0;
  }
}

package io.troupe.keyspace;

/**
 * One key in a slot table: the key bytes, its value, its absolute expiry in
 * unix milliseconds (or {@link #NO_EXPIRY}) and its access clock for LRU.
 * Entries chain within a table bucket, as Redis's dictEntry does, so a key
 * costs one object beside its key and value bytes.
 */
public final class Entry {
  public static final long NO_EXPIRY = -1;

  final byte[] key;
  final int hash;
  Entry next;
  Object value;
  long expireAt = NO_EXPIRY;
  /** Position in the owning database's volatile-key array, or -1. */
  int volatileIndex = -1;
  /**
   * The access clock: under an LRU policy (and none) the last access in unix
   * seconds; under an LFU policy Redis's 24-bit form, the last decrement time
   * in minutes (16 bits) above an 8-bit logarithmic counter ({@link Lfu}).
   */
  int lru;
  /**
   * The estimated bytes of the value ({@link MemoryUsage#ofValue}) as last
   * charged to the owning database, or -1 once the entry left its table.
   */
  int mem;

  Entry(byte[] key, int hash, Object value) {
    this.key = key;
    this.hash = hash;
    this.value = value;
  }

  public byte[] key() {
    return key;
  }

  public Object value() {
    return value;
  }

  /** Replaces the value; the key keeps its TTL. */
  public void setValue(Object value) {
    this.value = value;
  }

  public long expireAt() {
    return expireAt;
  }

  public boolean hasExpiry() {
    return expireAt != NO_EXPIRY;
  }

  public int lru() {
    return lru;
  }

  /** Sets the access clock (RESTORE IDLETIME / FREQ, loading an RDB file with idle or freq). */
  public void setLru(int lru) {
    this.lru = lru;
  }
}

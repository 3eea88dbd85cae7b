package io.troupe.keyspace;

/**
 * The eight maxmemory-policy values (Redis's MAXMEMORY_* flags): which keys
 * may be evicted (all, or only those with a TTL) and how victims are chosen.
 */
public enum EvictionPolicy {
  VOLATILE_LRU("volatile-lru", false, Kind.LRU),
  VOLATILE_LFU("volatile-lfu", false, Kind.LFU),
  VOLATILE_RANDOM("volatile-random", false, Kind.RANDOM),
  VOLATILE_TTL("volatile-ttl", false, Kind.TTL),
  ALLKEYS_LRU("allkeys-lru", true, Kind.LRU),
  ALLKEYS_LFU("allkeys-lfu", true, Kind.LFU),
  ALLKEYS_RANDOM("allkeys-random", true, Kind.RANDOM),
  NOEVICTION("noeviction", false, Kind.NONE);

  /** How victims are picked. */
  public enum Kind { LRU, LFU, RANDOM, TTL, NONE }

  private final String configName;
  private final boolean allKeys;
  private final Kind kind;

  EvictionPolicy(String configName, boolean allKeys, Kind kind) {
    this.configName = configName;
    this.allKeys = allKeys;
    this.kind = kind;
  }

  public String configName() {
    return configName;
  }

  /** True for allkeys-*, false when only keys with a TTL may go. */
  public boolean allKeys() {
    return allKeys;
  }

  public Kind kind() {
    return kind;
  }

  /** The policy named {@code name} (CONFIG validates it), noeviction for anything else. */
  public static EvictionPolicy of(String name) {
    for (EvictionPolicy p : values()) {
      if (p.configName.equalsIgnoreCase(name)) {
        return p;
      }
    }
    return NOEVICTION;
  }
}

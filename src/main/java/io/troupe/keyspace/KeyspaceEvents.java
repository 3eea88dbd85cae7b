package io.troupe.keyspace;

/**
 * Where keyspace notifications go (Redis's notifyKeyspaceEvent). The shard
 * does not know who listens: the server gives each {@link Keyspace} a sink
 * that publishes on the pub/sub channels when notify-keyspace-events asks
 * for it.
 */
@FunctionalInterface
public interface KeyspaceEvents {
  /** Event classes, as Redis's NOTIFY_* flags. */
  int KEYSPACE = 1;
  int KEYEVENT = 1 << 1;
  int GENERIC = 1 << 2;
  int STRING = 1 << 3;
  int LIST = 1 << 4;
  int SET = 1 << 5;
  int HASH = 1 << 6;
  int ZSET = 1 << 7;
  int EXPIRED = 1 << 8;
  int EVICTED = 1 << 9;
  int STREAM = 1 << 10;
  int KEY_MISS = 1 << 11;
  int LOADED = 1 << 12;
  int MODULE = 1 << 13;
  int NEW = 1 << 14;

  KeyspaceEvents NONE = (type, event, key, db) -> { };

  void notify(int type, String event, byte[] key, int db);
}

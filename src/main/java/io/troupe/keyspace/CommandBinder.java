package io.troupe.keyspace;

/**
 * Where a command group declares its handlers. The command table implements
 * it; the groups (type/*, generic key commands) only know this interface, so
 * they stay below the command package.
 */
public interface CommandBinder {
  /** A command run on the shard owning its keys (legacy key positions from its spec). */
  void keyed(String name, CommandHandler handler);

  /** A command whose keys {@code keys} finds (movablekeys). */
  void keyed(String name, KeyFinder keys, CommandHandler handler);

  /** A command that needs every shard (DBSIZE, KEYS, FLUSHALL, SCAN...). */
  void allShards(String name, CommandHandler handler);
}

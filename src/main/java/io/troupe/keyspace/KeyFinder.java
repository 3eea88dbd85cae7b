package io.troupe.keyspace;

/**
 * Finds the key arguments of a command whose keys the legacy (first, last,
 * step) triple cannot describe (Redis's "movablekeys"), e.g. ZUNIONSTORE's
 * numkeys. Returns argument indexes; throws CommandException on bad syntax.
 */
@FunctionalInterface
public interface KeyFinder {
  int[] keyIndexes(byte[][] argv);

  /**
   * True when this invocation may also read keys that are not among its key
   * arguments, so that no key list can route it (SORT with a BY or GET
   * pattern builds key names from the data): it then runs with every shard
   * held, as an all-shards command.
   */
  default boolean touchesUndeclaredKeys(byte[][] argv) {
    return false;
  }
}

package io.troupe.keyspace;

/**
 * Finds the key arguments of a command whose keys the legacy (first, last,
 * step) triple cannot describe (Redis's "movablekeys"), e.g. ZUNIONSTORE's
 * numkeys. Returns argument indexes; throws CommandException on bad syntax.
 */
@FunctionalInterface
public interface KeyFinder {
  int[] keyIndexes(byte[][] argv);
}

package io.troupe.keyspace;

/**
 * The type-agnostic key commands (Redis's db.c and expire.c): DEL, EXISTS,
 * EXPIRE and friends, KEYS, SCAN, RENAME, MOVE, COPY, FLUSHDB, SWAPDB...
 */
public final class GenericCommands {
  private GenericCommands() {}

  public static void bind(CommandBinder b) {
  }
}

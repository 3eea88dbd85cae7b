package io.troupe.command;

import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.KeyFinder;

/**
 * A command as the dispatcher runs it: its spec, where it executes, and its
 * handler: {@code handler} for keyspace commands, {@code sessionHandler} for
 * connection and server commands. A keyspace command may also have a
 * {@code sessionHandler}: a guard run in the connection first, whose non-null
 * reply answers the command instead (DEBUG's permission check).
 *
 * @param keys null to use the spec's legacy key positions
 */
public record CommandDef(
    CommandSpec spec,
    Execution execution,
    CommandHandler handler,
    SessionHandler sessionHandler,
    KeyFinder keys) {

  /** Where a command executes. */
  public enum Execution {
    /** On the shard owning its keys; through the coordinator when they span shards. */
    KEYED,
    /** On the coordinator holding every shard (DBSIZE, KEYS, FLUSHALL, SWAPDB, SCAN...). */
    ALL_SHARDS,
    /** In the connection actor (PING, SELECT, CLIENT, CONFIG, INFO...). */
    SESSION
  }

  /** Indexes of the key arguments of {@code argv}. */
  public int[] keyIndexes(byte[][] argv) {
    if (keys != null) {
      return keys.keyIndexes(argv);
    }
    return legacyKeys(spec, argv.length);
  }

  private static final int[] NO_KEYS = new int[0];
  private static final int[] FIRST_ARG = {1};

  /**
   * The key indexes of the spec's legacy positions (first, last, step) in a
   * command of {@code argc} arguments. The returned array may be shared:
   * callers must not change it.
   */
  static int[] legacyKeys(CommandSpec spec, int argc) {
    int first = spec.firstKey();
    if (first <= 0) {
      return NO_KEYS;
    }
    if (first == 1 && spec.lastKey() == 1 && argc > 1) {
      return FIRST_ARG; // most commands: GET, SET, INCR, LPUSH, HSET... without an array each
    }
    int last = spec.lastKey() < 0 ? argc + spec.lastKey() : spec.lastKey();
    int step = Math.max(1, spec.keyStep());
    if (last >= argc) {
      last = argc - 1;
    }
    if (last < first) {
      return NO_KEYS;
    }
    int[] out = new int[(last - first) / step + 1];
    for (int i = 0, k = first; k <= last; k += step) {
      out[i++] = k;
    }
    return out;
  }
}

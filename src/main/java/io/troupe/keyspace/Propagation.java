package io.troupe.keyspace;

/**
 * Where the writes of a shard go as Redis propagates them (its
 * {@code alsoPropagate}): a command as it must be replayed, in database
 * {@code db}. The shard and the coordinator collect them and publish them to
 * the AOF and replication; {@link #NONE} drops them (loading, tests).
 */
@FunctionalInterface
public interface Propagation {
  Propagation NONE = (db, argv) -> { };

  void propagate(int db, byte[][] argv);

  /** The DEL Redis propagates for a key that expired or was evicted (propagateDeletion). */
  static byte[][] del(byte[] key) {
    return new byte[][] {{'D', 'E', 'L'}, key};
  }

  /**
   * A command line for {@link ExecContext#propagateAs}: each part a byte[]
   * (as is), a String (ASCII) or a number (its decimal digits).
   */
  static byte[][] argv(Object... parts) {
    byte[][] out = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      out[i] = bytes(parts[i]);
    }
    return out;
  }

  /**
   * rewriteClientCommandArgument: a copy of {@code argv} with argument
   * {@code index} replaced by {@code value} (as {@link #argv}); the copy grows
   * when {@code index} is just past its end.
   */
  static byte[][] replace(byte[][] argv, int index, Object value) {
    byte[][] out = java.util.Arrays.copyOf(argv, Math.max(argv.length, index + 1));
    out[index] = bytes(value);
    return out;
  }

  private static byte[] bytes(Object part) {
    if (part instanceof byte[] b) {
      return b;
    }
    return part.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** MULTI, which opens a transaction's writes (or a command's several). */
  static byte[][] multi() {
    return new byte[][] {{'M', 'U', 'L', 'T', 'I'}};
  }

  static byte[][] exec() {
    return new byte[][] {{'E', 'X', 'E', 'C'}};
  }
}

package io.troupe.shard;

/**
 * One write as Redis propagates it (its {@code propagate()} / {@code alsoPropagate()}):
 * the command, rewritten where needed so that replaying it gives the same
 * dataset (PEXPIREAT for a relative expiry, SET ... KEEPTTL for INCRBYFLOAT,
 * DEL for a key that expired or was evicted), and the database it ran in.
 * A transaction is propagated as MULTI, its writes, EXEC (each an Effect).
 */
public record Effect(int db, byte[][] argv) {}

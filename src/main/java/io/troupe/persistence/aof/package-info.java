/**
 * The append-only file, Redis 7's multi-part layout (Redis's aof.c): a
 * directory ({@code appenddirname}) with a manifest naming a base file (an
 * RDB: {@code aof-use-rdb-preamble}) and incr files of RESP commands.
 *
 * <ul>
 *   <li>{@link io.troupe.persistence.aof.AofManifest} parses and writes the
 *       manifest; {@link io.troupe.persistence.aof.AofFiles} is the directory
 *       (atomic manifest replacement, base files, the files set up at start-up).
 *   <li>{@link io.troupe.persistence.aof.AofLoader} replays the AOF at start-up
 *       through the command handlers, without expiring keys, cutting a torn
 *       last command when {@code aof-load-truncated} allows and refusing
 *       anything else that is not whole.
 *   <li>{@link io.troupe.persistence.aof.AofWriter} is the actor the
 *       Propagator feeds: grouped writes, {@code appendfsync always} replies
 *       held until the fsync, {@code everysec} on a timer, and rewrites
 *       (BGREWRITEAOF, automatic, {@code appendonly yes} at runtime) whose
 *       base is written while the coordinator holds every shard.
 * </ul>
 *
 * Invariants: the file names, manifest lines and RESP framing are Redis's
 * (a directory moves between Redis 7.0 and Troupe both ways); a write is in
 * the incr file in the order the Propagator received it; the base of a
 * rewrite is the dataset exactly at the point where the new incr file starts.
 * This package sits on the floor of {@code command}; it reaches the shards
 * only through the shard protocol.
 */
package io.troupe.persistence.aof;

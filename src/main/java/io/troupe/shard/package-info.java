/**
 * Shard actors: the single-threaded owners of the keyspace (what Redis's one
 * main thread is for its whole db array, here split by hash slot), and the
 * coordinator that makes multi-shard commands atomic (Redis gets that for free
 * from running one command at a time).
 *
 * <p>A {@link io.troupe.shard.KeyspaceShard} owns a set of slots in every
 * database; it executes a client's batch of {@link io.troupe.shard.Op}s in one
 * message and answers with one {@link io.troupe.shard.Executed}, and runs the
 * active expire cycle on a timer. The {@link io.troupe.shard.Coordinator}
 * holds every shard a command needs (in ascending order), runs the handler
 * against their keyspaces, then releases them.
 *
 * <p>Snapshots: the coordinator marks a snapshot's point with every shard held
 * (a command bound with {@code allShards}, or {@link io.troupe.shard.Coordinator.AtPoint});
 * each shard then writes its part in ~1 ms steps (a private SnapshotMore message
 * to itself, after the messages already queued), so a BGSAVE never holds a shard
 * for long.
 *
 * <p>Invariants: only a shard, or the coordinator while holding it, touches
 * the shard's keyspace; a held shard stashes its other work; the coordinator
 * runs one command at a time, so holds cannot deadlock.
 */
package io.troupe.shard;

/**
 * Redis's RDB format (version 10, Redis 7.0's) as a plain-Java codec, and the
 * DUMP / RESTORE commands built on it (Redis's rdb.c, the listpack / ziplist /
 * intset / zipmap readers, and the DUMP part of cluster.c).
 *
 * <ul>
 *   <li>{@link io.troupe.persistence.rdb.RdbWriter} writes whole files with plain
 *       encodings; {@link io.troupe.persistence.rdb.RdbReader} streams any file
 *       Redis 7.0 writes into a visitor, building Troupe values through their
 *       normal insert paths so the configured thresholds pick their encodings.
 *   <li>{@link io.troupe.persistence.rdb.RdbValues} holds the per-value
 *       encoding both ways; {@link io.troupe.persistence.rdb.DumpPayload} adds the
 *       version + CRC-64 footer of DUMP payloads.
 *   <li>{@link io.troupe.persistence.rdb.RdbFiles} is the file level: SAVE's
 *       atomic write of dir/dbfilename (temp file, fsync, rename) from every
 *       shard's keyspace, and loading a file into the shards by slot at
 *       start-up (reporting INFO's loading_* progress) and on DEBUG RELOAD (keys already
 *       expired are skipped).
 *   <li>{@link io.troupe.persistence.rdb.RdbSnapshot} is the forkless point-in-time
 *       snapshot (BGSAVE; the RDB preamble of an AOF rewrite and a replica's full sync are
 *       meant to use it too). The API, in three steps:
 *       <ol>
 *         <li>{@code RdbSnapshot snap = new RdbSnapshot(config, shards, now, usedMemory, progress)};
 *         <li>with every shard held (a command bound with {@code allShards}, or the
 *             coordinator's {@code AtPoint} message), for each keyspace
 *             {@code ks.beginSnapshot(snap.sink(ks.shardIndex()))}: that is the point in
 *             time, and all it costs while the shards are held is a few small arrays;
 *         <li>on a thread of your own, started after the point, {@code snap.writeTo(out)}
 *             (a file, as {@link io.troupe.persistence.rdb.RdbFiles#writeAtomically} does for
 *             BGSAVE, or a socket): it returns when the whole RDB stream, EOF and CRC
 *             included, is written; on failure call {@code snap.abort(e)} so the shards stop.
 *       </ol>
 *       Meanwhile each shard writes its slots in ~1 ms steps between its other messages,
 *       and a write to a slot the snapshot has not reached first writes that slot as it was
 *       (copy-on-write by slot, {@code keyspace/KeyspaceSnapshot}); chunks of the database
 *       being written stream through to {@code out}. One snapshot per node at a time
 *       ({@link io.troupe.keyspace.PersistenceState#tryStart} claims the slot, as Redis
 *       has one child).
 *   <li>Streams and module values do not exist in Troupe: reading one fails with
 *       an error naming the type. Function libraries (FUNCTION2) are skipped
 *       with a warning.
 * </ul>
 *
 * Invariants: the type bytes and opcodes of {@link io.troupe.persistence.rdb.Rdb}
 * are a persisted format and never change; nothing here uses Pekko. This
 * package sits on the floor of {@code command}: it may use type, keyspace,
 * resp and config, and only server, admin and connection may use it.
 */
package io.troupe.persistence.rdb;

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
 *       start-up and on DEBUG RELOAD (keys already expired are skipped).
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

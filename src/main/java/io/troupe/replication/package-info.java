/**
 * Replication with Redis's PSYNC protocol, both ways (Redis's replication.c).
 *
 * <p>Replica side: {@link io.troupe.replication.ReplicationLink}, the state
 * machine connect → handshake → sync → connected, over a
 * {@link io.troupe.replication.MasterConnection} reader thread; it applies
 * the master's commands in order through the shards and the coordinator as
 * the master client, and counts the applied offset in bytes.
 *
 * <p>Master side: {@link io.troupe.replication.ReplicationMaster} keeps the
 * node's one stream (replid, replid2, offset, the circular
 * {@link io.troupe.replication.Backlog}) fed by the Propagator's effects, and
 * one {@link io.troupe.replication.ReplicaFeed} per replica connection; it
 * answers PSYNC with +CONTINUE from the backlog or +FULLRESYNC and an RDB
 * produced on the coordinator holding every shard, and serves WAIT.
 *
 * <p>Invariants: the backlog's end offset is master_repl_offset; on a replica
 * it is the master's stream as applied, so after promotion (REPLICAOF NO ONE)
 * replid2/second_repl_offset let former siblings continue partially. A point
 * in the stream (a snapshot, a WAIT target, a promotion) is an empty Effects
 * marker sent through the Propagator: writes published before it come first.
 */
package io.troupe.replication;

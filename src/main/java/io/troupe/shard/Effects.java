package io.troupe.shard;

import java.util.List;

/**
 * The writes of one shard message (or one coordinator command), in the order
 * they ran. Shards and the coordinator send these to the Propagator they were
 * given; the Propagator hands them, in arrival order, to the AOF writer and
 * the replication backlog, each of which inserts SELECT where the database
 * changes (as Redis keeps one selected db per AOF and per replication stream).
 */
public record Effects(List<Effect> effects) {}

package io.troupe.shard;

import io.troupe.keyspace.CommandHandler;

/**
 * One command of a client's batch: its position in the client's reply order,
 * its handler, arguments and the client's selected database at the time.
 */
public record Op(int seq, CommandHandler handler, byte[][] argv, int db) {}

package io.troupe.shard;

import io.troupe.keyspace.CommandHandler;

/**
 * One command of a client's batch: its position in the client's reply order,
 * its handler, arguments and the client's selected database at the time;
 * the client's id (for tracking's NOLOOP, 0 when not needed) and, when the
 * client tracks the keys it reads (CLIENT TRACKING), the indexes of the keys
 * to remember (null otherwise).
 */
public record Op(int seq, CommandHandler handler, byte[][] argv, int db, long client, int[] trackKeys) {
  public Op(int seq, CommandHandler handler, byte[][] argv, int db) {
    this(seq, handler, argv, db, 0, null);
  }
}

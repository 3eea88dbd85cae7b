package io.troupe.keyspace;

/**
 * Receives one shard's part of a point-in-time snapshot ({@link Keyspace#beginSnapshot}),
 * always on that shard's thread: first {@link #begin} at the snapshot point,
 * then {@link #slot} once for every (database, slot) that held keys at the
 * point, in no particular order (the shard walks its slots, and a write to a
 * slot not yet written writes that slot first), {@link #dbDone} as the walk
 * passes each database, then {@link #end}.
 *
 * <p>The table handed to {@link #slot} holds exactly the keys and values of
 * the snapshot point and may change as soon as the call returns, so a sink
 * encodes (or copies) what it needs during the call.
 */
public interface SnapshotSink {
  /**
   * At the snapshot point (every shard held): the key and volatile-key counts
   * per database of this shard, what RESIZEDB announces.
   */
  void begin(long[] keys, long[] expires);

  /** The keys of slot {@code slot} of database {@code db} as they were at the snapshot point. */
  void slot(int db, int slot, SlotTable table);

  /**
   * The shard's walk has passed database {@code db}: nothing more comes for
   * it (the sink can release that database's output). Not called for the
   * databases left when the walk ends early; {@link #end} covers those.
   */
  default void dbDone(int db) {
  }

  /** True when the sink gave up (an I/O error): the shard stops walking and calls {@link #end}. */
  boolean failed();

  /** Every slot was written (or the sink failed): this shard's part is complete. */
  void end();
}

package io.troupe.keyspace;

import java.util.BitSet;

/**
 * One shard's side of a forkless point-in-time snapshot: which (database,
 * slot) pairs are already written, a cursor that walks the rest in order in
 * bounded steps, and the copy-on-write rule that every change to the keyspace
 * obeys while it runs: a database about to change a slot the snapshot has not
 * written yet first hands that slot, still as it was at the point, to the
 * {@link SnapshotSink} ({@link Database} calls {@link #save} before every
 * insert, removal and expiry change, and {@link ExecContext} before a value
 * is changed in place).
 *
 * <p>Databases are tracked by identity, not by index, so SWAPDB during a
 * snapshot moves nothing; a database emptied (FLUSHDB, FLUSHALL, DEBUG
 * RELOAD) hands its tables over ({@link #adopt}) and the snapshot keeps
 * reading them. Plain Java; only the owning shard (or the coordinator holding
 * it) calls it.
 */
final class KeyspaceSnapshot {
  private final SnapshotSink sink;
  /** The databases by their index at the snapshot point. */
  private final Database[] dbs;
  /** Per database: the tables it had at the point, once it was emptied; null while it is live. */
  private final SlotTable[][] adopted;
  private final BitSet[] done;
  private int cursorDb;
  private int cursorSlot;

  KeyspaceSnapshot(Database[] dbs, SnapshotSink sink) {
    this.sink = sink;
    this.dbs = dbs.clone();
    this.adopted = new SlotTable[dbs.length][];
    this.done = new BitSet[dbs.length];
    long[] keys = new long[dbs.length];
    long[] expires = new long[dbs.length];
    for (int i = 0; i < dbs.length; i++) {
      done[i] = new BitSet(KeySlot.SLOTS);
      keys[i] = dbs[i].size();
      expires[i] = dbs[i].volatileCount();
      dbs[i].attach(this, i);
    }
    sink.begin(keys, expires);
  }

  /**
   * Copy-on-write: writes slot {@code slot} of database {@code index} unless
   * already written; returns the number of keys written.
   */
  int save(int index, int slot) {
    BitSet d = done[index];
    if (d.get(slot)) {
      return 0;
    }
    d.set(slot);
    SlotTable t = adopted[index] != null ? adopted[index][slot] : dbs[index].table(slot);
    if (t != null && t.size() > 0 && !sink.failed()) {
      sink.slot(index, slot, t);
      return t.size();
    }
    return 0;
  }

  /** The database at {@code index} is being emptied: keep its tables (null: it had none) for the snapshot. */
  void adopt(int index, SlotTable[] tables) {
    if (adopted[index] == null) {
      adopted[index] = tables != null ? tables : new SlotTable[KeySlot.SLOTS];
    }
  }

  /**
   * Writes slots in order until {@code deadlineNanos} (System.nanoTime) has
   * passed or at least {@code maxKeys} keys are written. Returns true when
   * every slot is written (or the sink failed): the databases are then
   * detached and the sink ended.
   */
  boolean step(long deadlineNanos, long maxKeys) {
    long written = 0;
    while (cursorDb < dbs.length && !sink.failed()) {
      if (cursorSlot == KeySlot.SLOTS
          || cursorSlot == 0 && adopted[cursorDb] == null && dbs[cursorDb].size() == 0) {
        // An empty live database: every slot not yet written was empty at the point too
        // (a change to a slot writes it first).
        sink.dbDone(cursorDb);
        cursorDb++;
        cursorSlot = 0;
        continue;
      }
      int n = save(cursorDb, cursorSlot++);
      written += n;
      // The clock is read after every slot that had keys, and every 64 empty ones.
      if (written >= maxKeys || (n > 0 || (cursorSlot & 63) == 0) && System.nanoTime() - deadlineNanos > 0) {
        return false;
      }
    }
    finish();
    return true;
  }

  /** True when the sink failed: the snapshot may be dropped without writing the rest. */
  boolean abandoned() {
    return sink.failed();
  }

  /** Detaches from the databases and ends the sink (done, failed or abandoned). */
  void finish() {
    for (Database d : dbs) {
      d.attach(null, -1);
    }
    cursorDb = dbs.length;
    sink.end();
  }
}

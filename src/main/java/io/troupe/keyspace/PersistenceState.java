package io.troupe.keyspace;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's saving and loading state, Redis's {@code server.child_type},
 * {@code rdb_*} and {@code loading*} fields: which background job (BGSAVE,
 * AOF rewrite) runs, how the last BGSAVE ended (for INFO and for MISCONF),
 * the changes since the last save, and the progress of loading at start-up.
 * One object per node, reachable from every shard's {@link Keyspace}; read on
 * any thread (volatile fields), changed by the code that starts and finishes
 * the jobs.
 */
public final class PersistenceState {
  /** The background job that runs (Redis's child types); one at a time, as Redis has one child. */
  public enum Job { NONE, RDB, AOF }

  private Job job = Job.NONE;
  private volatile Job running = Job.NONE;

  /** When the running BGSAVE started (unix ms), for rdb_current_bgsave_time_sec. */
  public volatile long bgsaveStartMillis;
  /** rdb_last_bgsave_status: false after a BGSAVE failed, until a save succeeds. */
  public volatile boolean lastBgsaveOk = true;
  /** rdb_last_bgsave_time_sec, -1 before the first. */
  public volatile long lastBgsaveTimeSec = -1;
  /** When a BGSAVE was last tried (unix ms): a failed one is retried by save points after 5 s. */
  public volatile long lastBgsaveTryMillis;
  /** Stops the running BGSAVE (its file is not written), or null when none runs; for shutdown. */
  public volatile Runnable abortRunning;
  /** BGSAVE SCHEDULE while an AOF rewrite runs: start one when it ends. */
  public volatile boolean bgsaveScheduled;
  /** current_save_keys_total / processed of the running snapshot. */
  public volatile long saveKeysTotal;
  public final AtomicLong saveKeysProcessed = new AtomicLong();
  /**
   * The sum of the shards' dirty counters at the last successful save:
   * rdb_changes_since_last_save is their sum now minus this.
   */
  public volatile long dirtyAtLastSave;

  /** Loading the RDB file at start-up (loading:1); the figures of INFO's loading_* fields. */
  public volatile boolean loading;
  public volatile long loadingStartSeconds;
  public volatile long loadingTotalBytes;
  public volatile long loadingLoadedBytes;
  public volatile long loadingRdbUsedMem;

  /** Claims the single background slot for {@code j}; false when a job already runs. */
  public synchronized boolean tryStart(Job j) {
    if (job != Job.NONE) {
      return false;
    }
    job = j;
    running = j;
    return true;
  }

  /** Frees the background slot (the job ended, well or not). */
  public synchronized void finished(Job j) {
    if (job == j) {
      job = Job.NONE;
      running = Job.NONE;
    }
  }

  /** The job running now. */
  public Job running() {
    return running;
  }

  /** The dirty counters of every shard summed (Redis's server.dirty), a moment stale. */
  public static long dirty(java.util.List<Keyspace> node) {
    long n = 0;
    for (Keyspace ks : node) {
      n += ks.stats().dirty;
    }
    return n;
  }

  /** rdb_changes_since_last_save. */
  public long changesSinceLastSave(java.util.List<Keyspace> node) {
    return Math.max(0, dirty(node) - dirtyAtLastSave);
  }
}

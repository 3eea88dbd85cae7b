package io.troupe.admin;

import io.troupe.command.ServerContext;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.PersistenceState;
import io.troupe.persistence.rdb.RdbFiles;
import io.troupe.persistence.rdb.RdbSnapshot;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BGSAVE without fork (Redis's rdbSaveBackground, backgroundSaveDoneHandler
 * and the save-point part of serverCron). The snapshot point is marked while
 * the coordinator holds every shard ({@link #beginAtPoint}); the shards then
 * encode their keys between their other work ({@link RdbSnapshot}), and a
 * writer thread, this node's stand-in for Redis's child process, writes
 * dir/dbfilename through a temp file, fsync and rename.
 *
 * <p>State lives in the node's {@link PersistenceState}: one background job
 * at a time, the last BGSAVE's status (MISCONF), the changes since the last
 * save.
 */
public final class BackgroundSave {
  private static final Logger log = LoggerFactory.getLogger("troupe");
  /** Redis's CONFIG_BGSAVE_RETRY_DELAY: a failed BGSAVE is retried by save points after this long. */
  private static final long RETRY_DELAY_MILLIS = 5000;

  private BackgroundSave() {}

  /**
   * At the snapshot point (every shard of {@code all} held, the RDB job
   * already claimed): begins the snapshot and starts the writer when the
   * shards are done. Used by BGSAVE and by save points.
   */
  static void beginAtPoint(List<Keyspace> all, ServerConfig config) {
    PersistenceState st = all.get(0).persistence();
    long now = System.currentTimeMillis();
    long dirtyAtPoint = PersistenceState.dirty(all);
    long used = 0;
    long keys = 0;
    for (Keyspace ks : all) {
      used += ks.usedMemory();
      for (int db = 0; db < ks.databases(); db++) {
        keys += ks.db(db).size();
      }
      ks.stats().rdbSaves++; // as Redis, counted when the save starts
    }
    st.bgsaveStartMillis = now;
    st.lastBgsaveTryMillis = now;
    st.saveKeysTotal = keys;
    st.saveKeysProcessed.set(0);
    RdbSnapshot snap = new RdbSnapshot(config, all.size(), now, used, st.saveKeysProcessed);
    for (Keyspace ks : all) {
      ks.beginSnapshot(snap.sink(ks.shardIndex()));
    }
    st.abortRunning = () -> snap.abort(new IOException("the server is shutting down"));
    Thread writer = new Thread(() -> finish(snap, all, config, dirtyAtPoint), "troupe-bgsave");
    writer.setDaemon(true);
    writer.start();
    log.info("Background saving started");
  }

  /** On the writer thread: the file as the shards encode it, then the bookkeeping. */
  private static void finish(RdbSnapshot snap, List<Keyspace> all, ServerConfig config, long dirtyAtPoint) {
    PersistenceState st = all.get(0).persistence();
    boolean ok;
    try {
      RdbFiles.writeAtomically(config, "temp-bgsave-" + ProcessHandle.current().pid() + ".rdb", snap::writeTo);
      ok = true;
    } catch (IOException | RuntimeException e) {
      snap.abort(e instanceof IOException io ? io : new IOException(e));
      ok = false;
    }
    st.abortRunning = null;
    long end = System.currentTimeMillis();
    st.lastBgsaveTimeSec = (end - st.bgsaveStartMillis) / 1000;
    st.bgsaveStartMillis = 0;
    st.saveKeysTotal = 0;
    st.saveKeysProcessed.set(0);
    if (ok) {
      log.info("Background saving terminated with success");
      st.dirtyAtLastSave = dirtyAtPoint;
      for (Keyspace ks : all) {
        ks.stats().lastSaveSeconds = end / 1000;
      }
      st.lastBgsaveOk = true;
    } else {
      log.warn("Background saving error");
      st.lastBgsaveOk = false;
    }
    st.finished(PersistenceState.Job.RDB);
  }

  /**
   * serverCron's save points, run about every 100 ms: with no background job
   * running, starts a scheduled BGSAVE, or one when some {@code save <seconds>
   * <changes>} point is reached (a failed BGSAVE is retried only after 5 s).
   * {@code atPoint} runs an action with every shard held (the coordinator's
   * AtPoint).
   */
  public static void cron(ServerContext server, Consumer<Consumer<List<Keyspace>>> atPoint) {
    List<Keyspace> all = server.keyspaces();
    PersistenceState st = all.get(0).persistence();
    if (st.loading || st.running() != PersistenceState.Job.NONE) {
      return;
    }
    ServerConfig config = server.config();
    if (st.bgsaveScheduled) {
      st.bgsaveScheduled = false;
      start(st, config, atPoint);
      return;
    }
    String[] points = config.getString("save").trim().split("\\s+");
    if (points.length < 2) {
      return;
    }
    long now = System.currentTimeMillis();
    long changes = st.changesSinceLastSave(all);
    long lastSave = all.get(0).stats().lastSaveSeconds;
    for (int i = 0; i + 1 < points.length; i += 2) {
      long seconds = Long.parseLong(points[i]);
      long needed = Long.parseLong(points[i + 1]);
      if (changes >= needed && now / 1000 - lastSave > seconds
          && (now - st.lastBgsaveTryMillis > RETRY_DELAY_MILLIS || st.lastBgsaveOk)) {
        log.info("{} changes in {} seconds. Saving...", changes, seconds);
        start(st, config, atPoint);
        return;
      }
    }
  }

  private static void start(PersistenceState st, ServerConfig config,
      Consumer<Consumer<List<Keyspace>>> atPoint) {
    if (st.tryStart(PersistenceState.Job.RDB)) {
      atPoint.accept(all -> beginAtPoint(all, config));
    }
  }

  /** rdb_current_bgsave_time_sec: seconds the running BGSAVE has taken, -1 when none runs. */
  static long currentSeconds(PersistenceState st) {
    long start = st.bgsaveStartMillis;
    return st.running() == PersistenceState.Job.RDB && start != 0
        ? (System.currentTimeMillis() - start) / 1000 : -1;
  }

  /** loading_loaded_perc, as Redis prints it. */
  static String loadedPercent(PersistenceState st) {
    long total = st.loadingTotalBytes;
    double perc = total == 0 ? 0 : 100.0 * st.loadingLoadedBytes / total;
    return String.format(Locale.ROOT, "%.2f", perc);
  }
}

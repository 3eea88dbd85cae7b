package io.troupe.keyspace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The WATCHed keys of one shard (Redis's db->watched_keys): which clients'
 * transactions a change to a key must abort. A change marks every live
 * {@link WatchState} on the key dirty; states a client has let go of
 * (UNWATCH, EXEC, DISCARD, disconnect) are dropped when met. Plain Java,
 * owned by its shard.
 */
public final class WatchedKeys {
  private final Map<BlockedClients.DbKey, List<WatchState>> byKey = new HashMap<>();
  /** Client-side caching: the keys tracking clients read here (null until tracking is wired). */
  private volatile TrackingTable tracking;

  /** True when no change needs reporting: no WATCHed key and no tracking interest. */
  public boolean isEmpty() {
    return byKey.isEmpty() && (tracking == null || !tracking.active());
  }

  void setTracking(TrackingTable tracking) {
    this.tracking = tracking;
  }

  /** This shard's tracking table, or null. */
  public TrackingTable tracking() {
    return tracking;
  }

  public void watch(int db, byte[] key, WatchState state) {
    List<WatchState> list = byKey.computeIfAbsent(new BlockedClients.DbKey(db, key), k -> new ArrayList<>(2));
    if (!list.contains(state)) {
      list.add(state);
    }
  }

  /** touchWatchedKey: {@code key} in {@code db} changed (by the server: expiry). */
  public void touch(int db, byte[] key) {
    touch(db, key, 0);
  }

  /**
   * signalModifiedKey: {@code key} in {@code db} changed, written by client
   * {@code writer} (0 for the server): WATCHers are marked dirty and tracking
   * clients invalidated.
   */
  public void touch(int db, byte[] key, long writer) {
    if (tracking != null && tracking.active()) {
      tracking.invalidate(key, writer);
    }
    if (byKey.isEmpty()) {
      return;
    }
    List<WatchState> list = byKey.remove(new BlockedClients.DbKey(db, key));
    if (list != null) {
      for (WatchState s : list) {
        s.markDirty();
      }
    }
  }

  /**
   * touchAllWatchedKeysInDb: FLUSHDB/FLUSHALL/SWAPDB changed {@code db}; a
   * watched key is touched when {@code existed} says it was there (a flush
   * does not change a key that did not exist).
   */
  public void touchDb(int db, java.util.function.Predicate<byte[]> existed) {
    for (Iterator<Map.Entry<BlockedClients.DbKey, List<WatchState>>> it = byKey.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<BlockedClients.DbKey, List<WatchState>> e = it.next();
      if (e.getKey().db() == db && existed.test(e.getKey().key())) {
        for (WatchState s : e.getValue()) {
          s.markDirty();
        }
        it.remove();
      }
    }
  }

  /** Forgets every key {@code state} watches here (UNWATCH and friends). */
  public void unwatch(WatchState state) {
    for (Iterator<List<WatchState>> it = byKey.values().iterator(); it.hasNext(); ) {
      List<WatchState> list = it.next();
      list.remove(state);
      if (list.isEmpty()) {
        it.remove();
      }
    }
  }
}

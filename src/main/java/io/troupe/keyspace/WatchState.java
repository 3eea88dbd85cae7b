package io.troupe.keyspace;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's WATCH: the keys it watches and whether any changed since
 * (Redis's CLIENT_DIRTY_CAS). Marked dirty by shard threads, read by the
 * coordinator when EXEC runs, so the flag is volatile.
 */
public final class WatchState {
  private volatile boolean dirty;
  private final List<BlockedClients.DbKey> keys = new ArrayList<>();

  public void markDirty() {
    dirty = true;
  }

  public boolean dirty() {
    return dirty;
  }

  /** Records a watched key (the connection's own list, for EXEC's expiry check and UNWATCH). */
  public void add(int db, byte[] key) {
    keys.add(new BlockedClients.DbKey(db, key));
  }

  public List<BlockedClients.DbKey> keys() {
    return keys;
  }
}

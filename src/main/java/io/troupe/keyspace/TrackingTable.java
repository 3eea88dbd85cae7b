package io.troupe.keyspace;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One shard's part of Redis's TrackingTable: for each key that default-mode
 * tracking clients read, their ids. A change to the key (reported through
 * {@link WatchedKeys#touch}) sends each of them one invalidation and forgets
 * the key, as Redis does; BCAST clients are told by prefix instead. Owned by
 * its shard, like {@link WatchedKeys}.
 */
public final class TrackingTable {
  private final Tracking tracking;
  private final Map<ByteBuffer, long[]> byKey = new HashMap<>();
  private int items;

  public TrackingTable(Tracking tracking) {
    this.tracking = tracking;
  }

  Tracking tracking() {
    return tracking;
  }

  /** Whether a write must be reported here at all. */
  boolean active() {
    return !byKey.isEmpty() || tracking.hasBcast();
  }

  /** trackingRememberKeys: client {@code id} read {@code key}. */
  public void remember(byte[] key, long id) {
    ByteBuffer k = ByteBuffer.wrap(key);
    long[] ids = byKey.get(k);
    if (ids == null) {
      byKey.put(ByteBuffer.wrap(key.clone()), new long[] {id});
      items++;
      return;
    }
    for (long x : ids) {
      if (x == id) {
        return;
      }
    }
    long[] more = java.util.Arrays.copyOf(ids, ids.length + 1);
    more[ids.length] = id;
    byKey.put(k, more);
    items++;
  }

  /** trackingInvalidateKey: {@code key} changed, written by client {@code writer} (0: the server). */
  void invalidate(byte[] key, long writer) {
    if (tracking.hasBcast()) {
      tracking.broadcast(key, writer);
    }
    if (byKey.isEmpty()) {
      return;
    }
    long[] ids = byKey.remove(ByteBuffer.wrap(key));
    if (ids == null) {
      return;
    }
    items -= ids.length;
    for (long id : ids) {
      Tracking.Client c = tracking.client(id);
      // Gone, switched to BCAST, or the writer itself with NOLOOP: nothing to send.
      if (c == null || c.bcast() || (c.noloop() && id == writer)) {
        continue;
      }
      c.sink().accept(new byte[][] {key});
    }
  }

  /** FLUSHDB/FLUSHALL: every remembered key is gone. */
  public void clear() {
    byKey.clear();
    items = 0;
  }

  /** tracking_total_keys of INFO (this shard's part). */
  public int keyCount() {
    return byKey.size();
  }

  /** tracking_total_items of INFO (this shard's part): key-client pairs. */
  public int itemCount() {
    return items;
  }
}

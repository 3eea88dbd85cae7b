package io.troupe.keyspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Server-assisted client side caching (Redis's tracking.c), the part shared
 * by every shard: which clients have tracking on and how (default mode, or
 * BCAST with prefixes, NOLOOP), and where each one's invalidations go. The
 * keys a default-mode client read live in each shard's {@link TrackingTable}.
 * Registered by connections, read by shard threads: thread-safe.
 */
public final class Tracking {
  /**
   * One tracking client. {@code sink} receives the keys to invalidate (null:
   * everything, after a flush) and delivers them to the client, or to the one
   * it redirects to; it is called from shard threads.
   */
  public record Client(long id, boolean bcast, boolean noloop, List<byte[]> prefixes,
      Consumer<byte[][]> sink) {}

  private final ConcurrentHashMap<Long, Client> clients = new ConcurrentHashMap<>();
  private volatile Client[] bcast = new Client[0];

  /** CLIENT TRACKING on: registers (or replaces) a client's tracking. */
  public void enable(Client c) {
    clients.put(c.id(), c);
    rebuildBcast();
  }

  /** CLIENT TRACKING off, RESET, disconnect. */
  public void disable(long id) {
    if (clients.remove(id) != null) {
      rebuildBcast();
    }
  }

  public Client client(long id) {
    return clients.get(id);
  }

  /** tracking_clients of INFO. */
  public int clientCount() {
    return clients.size();
  }

  /** Whether any client is in BCAST mode (then every write must be looked at). */
  public boolean hasBcast() {
    return bcast.length > 0;
  }

  /** tracking_total_prefixes of INFO: distinct prefixes over all BCAST clients. */
  public int prefixCount() {
    java.util.Set<String> all = new java.util.HashSet<>();
    for (Client c : bcast) {
      for (byte[] p : c.prefixes()) {
        all.add(new String(p, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return all.size();
  }

  private synchronized void rebuildBcast() {
    List<Client> b = new ArrayList<>();
    for (Client c : clients.values()) {
      if (c.bcast()) {
        b.add(c);
      }
    }
    bcast = b.toArray(new Client[0]);
  }

  /** BCAST: {@code key} changed (by client {@code writer}, 0 for the server itself). */
  void broadcast(byte[] key, long writer) {
    for (Client c : bcast) {
      if (c.noloop() && c.id() == writer) {
        continue;
      }
      if (matchesAny(c.prefixes(), key)) {
        c.sink().accept(new byte[][] {key});
      }
    }
  }

  /** trackingInvalidateKeysOnFlush: every tracking client is told to drop everything. */
  public void flushAll() {
    for (Client c : clients.values()) {
      c.sink().accept(null);
    }
  }

  private static boolean matchesAny(List<byte[]> prefixes, byte[] key) {
    if (prefixes.isEmpty()) {
      return true; // BCAST without PREFIX: every key
    }
    for (byte[] p : prefixes) {
      if (startsWith(key, p)) {
        return true;
      }
    }
    return false;
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    if (prefix.length > key.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

package io.troupe.keyspace;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicLong;
import io.troupe.resp.Reply;

/**
 * The clients of one shard blocked on its keys (BLPOP, BLMOVE, BZPOPMIN...),
 * Redis's blocking_keys and ready_keys. Each key has a FIFO of waiters; when
 * a write gives a watched key a value of a type that can serve them (list,
 * zset, stream), the key is marked ready, and the shard re-runs the waiters'
 * commands in order after the command that made it ready, as Redis 7 does.
 * Plain Java, owned by its shard.
 */
public final class BlockedClients {
  /** A key in a database, with byte-array equality. */
  public record DbKey(int db, byte[] key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof DbKey k && k.db == db && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
      return 31 * db + Arrays.hashCode(key);
    }
  }

  /**
   * One blocked command: what to re-run and whom to answer ({@code client} is
   * opaque here: the shard knows it as the connection's actor). A waiter with
   * {@code remote} set stands for a command blocked on keys of several shards,
   * owned by the coordinator: serving it means telling the coordinator.
   */
  public static final class Waiter {
    public final long id;
    public final Object client;
    public final int seq;
    public final CommandHandler handler;
    public final byte[][] argv;
    public final int db;
    public final DbKey[] keys;
    public final boolean remote;
    public final Reply onTimeout;

    public Waiter(long id, Object client, int seq, CommandHandler handler, byte[][] argv, int db,
        DbKey[] keys, boolean remote, Reply onTimeout) {
      this.id = id;
      this.client = client;
      this.seq = seq;
      this.handler = handler;
      this.argv = argv;
      this.db = db;
      this.keys = keys;
      this.remote = remote;
      this.onTimeout = onTimeout;
    }
  }

  private static final AtomicLong IDS = new AtomicLong();

  /** A process-wide unique waiter id. */
  public static long nextId() {
    return IDS.incrementAndGet();
  }

  /** The keys of {@code keys} that live in {@code db}, as DbKeys. */
  public static DbKey[] dbKeys(int db, byte[][] keys) {
    DbKey[] out = new DbKey[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = new DbKey(db, keys[i]);
    }
    return out;
  }

  private final Map<DbKey, ArrayDeque<Waiter>> byKey = new HashMap<>();
  private final Map<Long, Waiter> byId = new HashMap<>();
  private final LinkedHashSet<DbKey> ready = new LinkedHashSet<>();

  public boolean isEmpty() {
    return byKey.isEmpty();
  }

  /** Number of local (not coordinator-owned) waiters, for INFO blocked_clients. */
  public int localCount() {
    int n = 0;
    for (Waiter w : byId.values()) {
      if (!w.remote) {
        n++;
      }
    }
    return n;
  }

  public void add(Waiter w) {
    for (DbKey k : w.keys) {
      byKey.computeIfAbsent(k, x -> new ArrayDeque<>()).addLast(w);
    }
    byId.put(w.id, w);
  }

  /** Removes the waiter from every key it waits on; returns it, or null when unknown. */
  public Waiter remove(long id) {
    Waiter w = byId.remove(id);
    if (w != null) {
      unlinkFromKeys(w);
    }
    return w;
  }

  private void unlinkFromKeys(Waiter w) {
    for (DbKey k : w.keys) {
      ArrayDeque<Waiter> q = byKey.get(k);
      if (q != null) {
        q.remove(w);
        if (q.isEmpty()) {
          byKey.remove(k);
        }
      }
    }
  }

  /** Removes every waiter matching {@code which} (a client that went away). */
  public void removeIf(Predicate<Waiter> which) {
    for (Iterator<Waiter> it = byId.values().iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (which.test(w)) {
        it.remove();
        unlinkFromKeys(w);
      }
    }
  }

  /** signalKeyAsReady: {@code key} in {@code db} got a value that may serve waiters. */
  public void signal(int db, byte[] key) {
    if (byKey.isEmpty()) {
      return;
    }
    DbKey k = new DbKey(db, key);
    if (byKey.containsKey(k)) {
      ready.add(k);
    }
  }

  /** SWAPDB / FLUSH: every watched key of these databases may have changed. */
  public void signalDb(int db) {
    for (DbKey k : byKey.keySet()) {
      if (k.db() == db) {
        ready.add(k);
      }
    }
  }

  public boolean hasReady() {
    return !ready.isEmpty();
  }

  /** The next ready key, or null. */
  public DbKey pollReady() {
    Iterator<DbKey> it = ready.iterator();
    if (!it.hasNext()) {
      return null;
    }
    DbKey k = it.next();
    it.remove();
    return k;
  }

  /** The first waiter on {@code key}, or null. */
  public Waiter first(DbKey key) {
    ArrayDeque<Waiter> q = byKey.get(key);
    return q == null ? null : q.peekFirst();
  }

  /** The waiters on {@code key} in arrival order (a copy). */
  public Waiter[] waiters(DbKey key) {
    ArrayDeque<Waiter> q = byKey.get(key);
    return q == null ? new Waiter[0] : q.toArray(new Waiter[0]);
  }
}

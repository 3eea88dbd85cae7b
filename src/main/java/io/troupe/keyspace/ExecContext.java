package io.troupe.keyspace;

import io.troupe.config.ServerConfig;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What a {@link CommandHandler} sees: the keyspaces of the shards it may touch
 * (one shard for a single-shard command, several when a coordinator holds
 * them), the client's selected database and the command's clock. Keys are
 * routed to their shard by slot, so a handler reads the same whether it runs
 * on a shard or on the coordinator.
 *
 * <p>Lookups apply Redis's lazy expiry: an expired key is deleted when touched
 * and is then absent. Corresponds to the lookupKey / setKey / dbDelete family
 * of Redis's db.c.
 */
public final class ExecContext {
  private final Keyspace[] byShard;
  private final SlotMap slots;
  private final ServerConfig config;
  private int db;
  private long now;
  private boolean blockingAllowed = true;
  private long dirtyTotal;
  private long dirtyAtStart;
  private boolean recordWrites;
  /** The client whose command runs (0: the server itself), for tracking's NOLOOP. */
  private long client;
  private final java.util.List<BlockedClients.DbKey> written = new java.util.ArrayList<>();
  private final MaxMemory maxmemory;
  /** Entries this command looked up or created, and their databases: measured again when it wrote. */
  private final java.util.ArrayList<Entry> seenEntries = new java.util.ArrayList<>();
  private final java.util.ArrayList<Database> seenDbs = new java.util.ArrayList<>();
  /** Propagation (Redis's call() / alsoPropagate): where writes go, and the running command's. */
  private Propagation propagation = Propagation.NONE;
  private byte[][] argv;
  private byte[][] propagateAs;
  private java.util.ArrayList<byte[][]> alsoPropagated;
  private boolean preventPropagation;
  private boolean inTransaction;
  private boolean loading;

  public ExecContext(Keyspace[] byShard, SlotMap slots, ServerConfig config) {
    this.byShard = byShard;
    this.slots = slots;
    this.config = config;
    this.maxmemory = new MaxMemory(config);
  }

  /** The maxmemory settings (policy, LFU parameters). */
  public MaxMemory maxmemory() {
    return maxmemory;
  }

  private void seen(Database d, Entry e) {
    seenEntries.add(e);
    seenDbs.add(d);
  }

  /** Prepares the context for one command: the client's database and the command time (ms). */
  public ExecContext reset(int db, long nowMillis) {
    this.db = db;
    this.now = nowMillis;
    dirtyAtStart = dirtyTotal;
    argv = null;
    propagateAs = null;
    preventPropagation = false;
    if (alsoPropagated != null) {
      alsoPropagated.clear();
    }
    recordWrites = false;
    seenEntries.clear();
    seenDbs.clear();
    for (Keyspace ks : byShard) {
      if (ks != null && !ks.watched().isEmpty()) {
        recordWrites = true;
        break;
      }
    }
    if (recordWrites) {
      written.clear();
    }
    return this;
  }

  /**
   * After a command: when it changed the dataset, every key it looked up for
   * writing (lookupKeyWrite, set, add, delete) may have changed, so WATCHers
   * of those keys are told (Redis's signalModifiedKey). Recorded only while
   * some held shard has watched keys.
   */
  public void endCommand() {
    if (argv != null) {
      propagateCommand();
    }
    if (dirtyTotal != dirtyAtStart) {
      // Values change in place (LPUSH, HSET...): charge their databases the new size.
      for (int i = 0, n = seenEntries.size(); i < n; i++) {
        seenDbs.get(i).remeasure(seenEntries.get(i));
      }
    }
    boolean large = seenEntries.size() > 4096; // KEYS, SCAN...: do not keep their capacity
    seenEntries.clear();
    seenDbs.clear();
    if (large) {
      seenEntries.trimToSize();
      seenDbs.trimToSize();
    }
    if (recordWrites && dirtyTotal != dirtyAtStart) {
      // A key looked up for writing more than once is one change (one invalidation).
      java.util.Set<BlockedClients.DbKey> seen = written.size() > 1 ? new java.util.HashSet<>() : null;
      for (BlockedClients.DbKey k : written) {
        if (seen == null || seen.add(k)) {
          keyspaceOf(KeySlot.slot(k.key())).watched().touch(k.db(), k.key(), client);
        }
      }
    }
    recordWrites = false;
    client = 0;
  }

  // ---- propagation ----------------------------------------------------------------------

  /** Where this context's writes are propagated (the shard's or coordinator's effect log). */
  public void setPropagation(Propagation propagation) {
    this.propagation = propagation;
  }

  public Propagation propagation() {
    return propagation;
  }

  /**
   * The command about to run (after {@link #reset}): when it changes the
   * dataset, {@link #endCommand()} propagates it (or what it was rewritten to).
   */
  public void command(byte[][] argv) {
    this.argv = argv;
  }

  /**
   * rewriteClientCommandVector: propagate {@code rewritten} instead of the
   * command as the client sent it (EXPIRE as PEXPIREAT, INCRBYFLOAT as SET
   * ... KEEPTTL, BLPOP as LPOP...). Applies only if the command changed the dataset.
   */
  public void propagateAs(byte[]... rewritten) {
    this.propagateAs = rewritten;
  }

  /**
   * alsoPropagate: propagate {@code extra} in the selected database, before
   * the command itself (which {@link #preventPropagation()} drops). A command
   * that propagates more than one write outside a transaction is wrapped in
   * MULTI/EXEC, as Redis 7.0 does (SPOP with a count).
   */
  public void alsoPropagate(byte[]... extra) {
    if (alsoPropagated == null) {
      alsoPropagated = new java.util.ArrayList<>(4);
    }
    alsoPropagated.add(extra);
  }

  /** preventCommandPropagation: the command itself is not propagated (what it also propagated is). */
  public void preventPropagation() {
    preventPropagation = true;
  }

  /** Inside EXEC: the coordinator wraps the whole transaction's writes in one MULTI/EXEC. */
  public void setInTransaction(boolean inTransaction) {
    this.inTransaction = inTransaction;
  }

  /**
   * Replaying the AOF at start-up: keys are not expired on lookup (Redis's
   * keyIsExpired answers no while loading); they expire once the server runs.
   */
  public void setLoading(boolean loading) {
    this.loading = loading;
  }

  /**
   * The DEL of a key found expired: part of the running command's
   * propagation (Redis 7.0 wraps it with the command in MULTI/EXEC when the
   * command writes too), or on its own outside a command.
   */
  private void propagateExpired(int dbIndex, byte[] key) {
    if (argv != null && dbIndex == db) {
      alsoPropagate(Propagation.del(key));
    } else {
      propagation.propagate(dbIndex, Propagation.del(key));
    }
  }

  /** call()'s propagation: what the command also propagated, then the command, when it wrote. */
  private void propagateCommand() {
    byte[][] self = dirtyTotal != dirtyAtStart && !preventPropagation
        ? (propagateAs != null ? propagateAs : argv) : null;
    int also = alsoPropagated == null ? 0 : alsoPropagated.size();
    argv = null;
    if (self == null && also == 0) {
      return;
    }
    boolean wrap = !inTransaction && also + (self == null ? 0 : 1) > 1;
    if (wrap) {
      propagation.propagate(db, Propagation.multi());
    }
    for (int i = 0; i < also; i++) {
      propagation.propagate(db, alsoPropagated.get(i));
    }
    if (self != null) {
      propagation.propagate(db, self);
    }
    if (wrap) {
      propagation.propagate(db, Propagation.exec());
    }
    if (also > 0) {
      alsoPropagated.clear();
    }
    propagateAs = null;
  }

  /** The client id of a replica's master link (Redis's server.master client), for {@link #setClient}. */
  public static final long MASTER_CLIENT = -1;

  /** The client running the next command (0 for none); reset by {@link #endCommand()}. */
  public void setClient(long clientId) {
    this.client = clientId;
  }

  /**
   * trackingRememberKeys: client {@code clientId} read {@code key} with
   * tracking on, so a later change to it must invalidate the client's copy.
   */
  public void trackRead(byte[] key, long clientId) {
    TrackingTable t = keyspaceOf(KeySlot.slot(key)).watched().tracking();
    if (t != null) {
      t.remember(key, clientId);
    }
  }

  /**
   * trackingInvalidateKeysOnFlush (FLUSHDB, FLUSHALL): every tracking client
   * drops its whole cache, and the held shards forget what was read.
   */
  public void flushTracking() {
    Tracking tracking = null;
    for (Keyspace ks : byShard) {
      if (ks != null && ks.watched().tracking() != null) {
        ks.watched().tracking().clear();
        tracking = ks.watched().tracking().tracking();
      }
    }
    if (tracking != null) {
      tracking.flushAll();
    }
  }

  public int db() {
    return db;
  }

  public long now() {
    return now;
  }

  /** The slot-to-shard map (for loading keys into the shard that owns them). */
  public SlotMap slots() {
    return slots;
  }

  public ServerConfig config() {
    return config;
  }

  public int databases() {
    return config.databases();
  }

  public RandomGenerator random() {
    return ThreadLocalRandom.current();
  }

  /** False inside MULTI/EXEC or scripts: a blocking command then acts as its non-blocking form. */
  public boolean blockingAllowed() {
    return blockingAllowed;
  }

  public void setBlockingAllowed(boolean allowed) {
    this.blockingAllowed = allowed;
  }

  /**
   * The reply a blocking command returns when it found nothing to serve: block
   * the client on {@code keys} until one of them gets data (the command is
   * then run again with the same arguments), or until {@code timeoutMillis}
   * (0 = forever) passes, when the client gets {@code onTimeout}.
   */
  public Reply block(byte[][] keys, long timeoutMillis, Reply onTimeout) {
    return new Reply.Blocked(keys, timeoutMillis, onTimeout);
  }

  /**
   * signalKeyAsReady: a key was created with a value that may serve blocked
   * clients (Redis signals lists, sorted sets and streams on dbAdd).
   */
  private void signalIfServes(Keyspace ks, int dbIndex, byte[] key, Object value) {
    if (value instanceof TypedValue t && !ks.blocked().isEmpty()) {
      String type = t.typeName();
      if (type.equals("list") || type.equals("zset") || type.equals("stream")) {
        ks.blocked().signal(dbIndex, key);
      }
    }
  }


  /** The keyspaces of every shard this context holds. */
  public void forEachKeyspace(Consumer<Keyspace> action) {
    for (Keyspace ks : byShard) {
      if (ks != null) {
        action.accept(ks);
      }
    }
  }

  private Keyspace keyspaceOf(int slot) {
    Keyspace ks = byShard[slots.shardOf(slot)];
    if (ks == null) {
      throw new IllegalStateException("slot " + slot + " is not held by this context");
    }
    return ks;
  }

  public Database database(int dbIndex, byte[] key) {
    return keyspaceOf(KeySlot.slot(key)).db(dbIndex);
  }

  // ---- lookups --------------------------------------------------------------------------

  /**
   * lookupKeyRead: the live entry in the selected db, counting a hit or miss;
   * a miss is notified as "keymiss".
   */
  public Entry lookupRead(byte[] key) {
    return lookup(db, key, true);
  }

  /** lookupKeyWrite: the live entry in the selected db, without hit/miss stats. */
  public Entry lookupWrite(byte[] key) {
    return lookup(db, key, false);
  }

  /**
   * lookupKeyReadWithFlags(LOOKUP_NOTOUCH): like {@link #lookupRead}, but the
   * key's access time is left alone (TYPE, EXISTS, TTL...).
   */
  public Entry lookupReadNoTouch(byte[] key) {
    return lookup(db, key, true, false);
  }

  /**
   * The live entry for {@code key} in {@code dbIndex}, expiring it lazily;
   * null when absent. {@code countStats} marks a read lookup (lookupKeyRead):
   * it counts a hit or miss and notifies a miss as "keymiss".
   */
  public Entry lookup(int dbIndex, byte[] key, boolean countStats) {
    return lookup(dbIndex, key, countStats, true);
  }

  /**
   * lookupKeyReadWithFlags(LOOKUP_NOTOUCH | LOOKUP_NONOTIFY): like
   * {@link #lookupReadNoTouch}, but a miss is not notified (OBJECT).
   */
  public Entry lookupReadNoTouchNoNotify(byte[] key) {
    return lookup(db, key, true, false, false);
  }

  /** As {@link #lookup(int, byte[], boolean)}; {@code touch} updates the key's access time. */
  public Entry lookup(int dbIndex, byte[] key, boolean countStats, boolean touch) {
    return lookup(dbIndex, key, countStats, touch, countStats);
  }

  private Entry lookup(int dbIndex, byte[] key, boolean countStats, boolean touch,
      boolean notifyMiss) {
    int slot = KeySlot.slot(key);
    Keyspace ks = keyspaceOf(slot);
    Database d = ks.db(dbIndex);
    Entry e = d.get(key, slot);
    if (e != null && e.expireAt != Entry.NO_EXPIRY && e.expireAt <= now && !loading && ks.replica()) {
      // expireIfNeeded on a replica: the master's commands still see the key
      // (its DEL is coming); clients see it as absent; nothing is deleted.
      if (client != MASTER_CLIENT) {
        e = null;
      }
    } else if (e != null && e.expireAt != Entry.NO_EXPIRY && e.expireAt <= now && !loading) {
      d.remove(key, slot);
      propagateExpired(dbIndex, key);
      ks.stats().expiredKeys++;
      ks.watched().touch(dbIndex, key);
      ks.events().notify(KeyspaceEvents.EXPIRED, "expired", key, dbIndex);
      e = null;
    }
    if (!countStats && recordWrites) {
      written.add(new BlockedClients.DbKey(dbIndex, key));
    }
    if (countStats) {
      if (e == null) {
        ks.stats().keyspaceMisses++;
        if (notifyMiss) {
          ks.events().notify(KeyspaceEvents.KEY_MISS, "keymiss", key, dbIndex);
        }
      } else {
        ks.stats().keyspaceHits++;
      }
    }
    if (e != null) {
      seen(d, e);
      if (touch) {
        e.lru = maxmemory.touchedClock(e.lru, now, random());
      }
    }
    return e;
  }

  /** The value of a string key, null when absent; WRONGTYPE when another type. */
  public byte[] getString(byte[] key) {
    Entry e = lookupRead(key);
    if (e == null) {
      return null;
    }
    if (!(e.value instanceof byte[] s)) {
      throw new CommandException(RespErrors.WRONGTYPE);
    }
    return s;
  }

  /** The value of {@code e} as {@code type}; WRONGTYPE when it is another type. */
  public static <T> T valueAs(Entry e, Class<T> type) {
    if (!type.isInstance(e.value)) {
      throw new CommandException(RespErrors.WRONGTYPE);
    }
    return type.cast(e.value);
  }

  // ---- writes ---------------------------------------------------------------------------

  /**
   * setKey: stores {@code value} under {@code key} in the selected db, dropping
   * any TTL; a key that did not exist is notified as "new".
   */
  public Entry set(byte[] key, Object value) {
    return set(db, key, value, false);
  }

  /** Stores a value; with {@code keepTtl} an existing key keeps its expiry (SET KEEPTTL). */
  public Entry set(int dbIndex, byte[] key, Object value, boolean keepTtl) {
    int slot = KeySlot.slot(key);
    Keyspace ks = keyspaceOf(slot);
    Database d = ks.db(dbIndex);
    Entry e = lookup(dbIndex, key, false);
    if (e == null) {
      e = d.insert(key, slot, value);
      e.lru = maxmemory.newClock(now);
      seen(d, e);
      signalIfServes(ks, dbIndex, key, value);
      ks.events().notify(KeyspaceEvents.NEW, "new", key, dbIndex);
    } else {
      e.value = value;
      if (!keepTtl && e.expireAt != Entry.NO_EXPIRY) {
        d.setExpire(e, Entry.NO_EXPIRY);
      }
      // Overwriting is an access (the lookup above already counted it under LFU).
      d.remeasure(e);
    }
    return e;
  }

  /** dbAdd: inserts a key the caller knows is absent, notifying "new". */
  public Entry add(int dbIndex, byte[] key, Object value) {
    int slot = KeySlot.slot(key);
    Keyspace ks = keyspaceOf(slot);
    Database d = ks.db(dbIndex);
    Entry e = d.insert(key, slot, value);
    e.lru = maxmemory.newClock(now);
    seen(d, e);
    if (recordWrites) {
      written.add(new BlockedClients.DbKey(dbIndex, key));
    }
    signalIfServes(ks, dbIndex, key, value);
    ks.events().notify(KeyspaceEvents.NEW, "new", key, dbIndex);
    return e;
  }

  /** dbDelete in the selected db; true when a live key was removed. */
  public boolean delete(byte[] key) {
    return delete(db, key);
  }

  public boolean delete(int dbIndex, byte[] key) {
    if (lookup(dbIndex, key, false) == null) {
      return false;
    }
    int slot = KeySlot.slot(key);
    keyspaceOf(slot).db(dbIndex).remove(key, slot);
    return true;
  }

  /** Sets (or with {@link Entry#NO_EXPIRY} clears) the expiry of a live key. */
  public void setExpire(int dbIndex, Entry e, long at) {
    database(dbIndex, e.key).setExpire(e, at);
  }

  public void setExpire(Entry e, long at) {
    setExpire(db, e, at);
  }

  /**
   * notifyKeyspaceEvent: tells keyspace-notification subscribers that
   * {@code event} (e.g. "set", "lpush", "del") happened to {@code key} in the
   * selected database; {@code type} is its class ({@link KeyspaceEvents#STRING}...).
   */
  public void notify(int type, String event, byte[] key) {
    notify(type, event, key, db);
  }

  public void notify(int type, String event, byte[] key, int dbIndex) {
    keyspaceOf(KeySlot.slot(key)).events().notify(type, event, key, dbIndex);
  }

  /**
   * For a command that removed elements from a collection: notifies
   * {@code event} for {@code key}, then, when the collection is now
   * {@code empty}, deletes the key and notifies "del" (Redis never keeps an
   * empty collection). Used by the pop, remove and trim handlers of lists,
   * hashes, sets and sorted sets.
   */
  public void notifyAndDelIfEmpty(int type, String event, byte[] key, boolean empty) {
    notify(type, event, key);
    if (empty) {
      delete(key);
      notify(KeyspaceEvents.GENERIC, "del", key);
    }
  }

  /** Counts {@code n} changes to the dataset (Redis's server.dirty). */
  public void dirty(long n) {
    dirtyTotal += n;
    // Charged to the first held shard: only the total is ever reported.
    for (Keyspace ks : byShard) {
      if (ks != null) {
        ks.stats().dirty += n;
        return;
      }
    }
  }
}

package io.troupe.keyspace;

import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * The type-agnostic key commands (Redis's db.c and expire.c): DEL, EXISTS,
 * EXPIRE and friends, KEYS, SCAN, RENAME, MOVE, COPY, FLUSHDB, SWAPDB...
 *
 * <p>Keyed commands see the shards owning their keys (a command whose keys
 * span shards runs on the coordinator, atomically); KEYS, SCAN, RANDOMKEY,
 * DBSIZE, FLUSHDB, FLUSHALL and SWAPDB see every shard.
 *
 * <p>SCAN's cursor is the next hash slot to visit: a call returns whole slots
 * (in every shard) until COUNT keys were visited or the slots run out, and
 * answers cursor 0 at the end. Since a call is atomic and each slot is
 * visited exactly once, every key present for the whole iteration is
 * returned exactly once.
 */
public final class GenericCommands {
  private GenericCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("del", GenericCommands::del);
    b.keyed("unlink", GenericCommands::unlink);
    b.keyed("exists", GenericCommands::exists);
    b.keyed("touch", GenericCommands::touch);
    b.keyed("type", GenericCommands::type);
    b.keyed("expire", GenericCommands::expire);
    b.keyed("pexpire", GenericCommands::pexpire);
    b.keyed("expireat", GenericCommands::expireat);
    b.keyed("pexpireat", GenericCommands::pexpireat);
    b.keyed("ttl", GenericCommands::ttl);
    b.keyed("pttl", GenericCommands::pttl);
    b.keyed("expiretime", GenericCommands::expiretime);
    b.keyed("pexpiretime", GenericCommands::pexpiretime);
    b.keyed("persist", GenericCommands::persist);
    b.keyed("rename", GenericCommands::rename);
    b.keyed("renamenx", GenericCommands::renamenx);
    b.keyed("move", GenericCommands::move);
    b.keyed("copy", GenericCommands::copy);
    b.allShards("keys", GenericCommands::keys);
    b.allShards("scan", GenericCommands::scan);
    b.allShards("randomkey", GenericCommands::randomkey);
    b.allShards("dbsize", GenericCommands::dbsize);
    b.allShards("flushdb", GenericCommands::flushdb);
    b.allShards("flushall", GenericCommands::flushall);
    b.allShards("swapdb", GenericCommands::swapdb);
  }

  // ---- DEL, UNLINK, EXISTS, TOUCH, TYPE --------------------------------------------------

  /** DEL key [key ...] */
  static Reply del(ExecContext ctx, byte[][] argv) {
    return delGeneric(ctx, argv);
  }

  /** UNLINK key [key ...] */
  static Reply unlink(ExecContext ctx, byte[][] argv) {
    // Freeing is the garbage collector's job here, so UNLINK is DEL.
    return delGeneric(ctx, argv);
  }

  /** Deletes every key argument; replies how many existed. Serves DEL and UNLINK. */
  private static Reply delGeneric(ExecContext ctx, byte[][] argv) {
    long deleted = 0;
    for (int i = 1; i < argv.length; i++) {
      if (ctx.delete(argv[i])) {
        ctx.notify(KeyspaceEvents.GENERIC, "del", argv[i]);
        deleted++;
      }
    }
    ctx.dirty(deleted);
    return Reply.integer(deleted);
  }

  /** EXISTS key [key ...] */
  static Reply exists(ExecContext ctx, byte[][] argv) {
    long n = 0;
    for (int i = 1; i < argv.length; i++) {
      if (ctx.lookupReadNoTouch(argv[i]) != null) {
        n++;
      }
    }
    return Reply.integer(n);
  }

  /** TOUCH key [key ...] */
  static Reply touch(ExecContext ctx, byte[][] argv) {
    long n = 0;
    for (int i = 1; i < argv.length; i++) {
      if (ctx.lookupRead(argv[i]) != null) {
        n++;
      }
    }
    return Reply.integer(n);
  }

  /** TYPE key */
  static Reply type(ExecContext ctx, byte[][] argv) {
    Entry e = ctx.lookupReadNoTouch(argv[1]);
    return Reply.status(e == null ? Values.NONE : Values.typeName(e.value()));
  }

  // ---- expiry ------------------------------------------------------------------------------

  /** EXPIRE key seconds [NX | XX | GT | LT] */
  static Reply expire(ExecContext ctx, byte[][] argv) {
    return expireGeneric(ctx, argv, "expire", ctx.now(), true);
  }

  /** PEXPIRE key milliseconds [NX | XX | GT | LT] */
  static Reply pexpire(ExecContext ctx, byte[][] argv) {
    return expireGeneric(ctx, argv, "pexpire", ctx.now(), false);
  }

  /** EXPIREAT key unix-time-seconds [NX | XX | GT | LT] */
  static Reply expireat(ExecContext ctx, byte[][] argv) {
    return expireGeneric(ctx, argv, "expireat", 0, true);
  }

  /** PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT] */
  static Reply pexpireat(ExecContext ctx, byte[][] argv) {
    return expireGeneric(ctx, argv, "pexpireat", 0, false);
  }

  private static final int NX = 1;
  private static final int XX = 2;
  private static final int GT = 4;
  private static final int LT = 8;

  /**
   * Sets a key's expiry to {@code basetime} plus the time argument (seconds
   * when {@code seconds}); a time already past deletes the key. Replies 1 when
   * the expiry was set (or the key deleted), 0 when the key is missing or a
   * condition (NX, XX, GT, LT) failed. Serves EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT.
   */
  private static Reply expireGeneric(ExecContext ctx, byte[][] argv, String name,
      long basetime, boolean seconds) {
    int flags = 0;
    for (int i = 3; i < argv.length; i++) {
      byte[] opt = argv[i];
      if (Args.is(opt, "nx")) {
        flags |= NX;
      } else if (Args.is(opt, "xx")) {
        flags |= XX;
      } else if (Args.is(opt, "gt")) {
        flags |= GT;
      } else if (Args.is(opt, "lt")) {
        flags |= LT;
      } else {
        throw new CommandException(RespErrors.unsupportedOption(opt));
      }
    }
    if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
      throw new CommandException(RespErrors.EXPIRE_NX_AND_XX_GT_LT);
    }
    if ((flags & GT) != 0 && (flags & LT) != 0) {
      throw new CommandException(RespErrors.EXPIRE_GT_AND_LT);
    }
    long when = Args.parseLong(argv[2]);
    if (seconds) {
      if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
        throw new CommandException(String.format(RespErrors.INVALID_EXPIRE, name));
      }
      when *= 1000;
    }
    if (when > Long.MAX_VALUE - basetime) {
      throw new CommandException(String.format(RespErrors.INVALID_EXPIRE, name));
    }
    when += basetime;

    Entry e = ctx.lookupWrite(argv[1]);
    if (e == null) {
      return Reply.ZERO;
    }
    long current = e.expireAt();
    boolean hasTtl = e.hasExpiry();
    if ((flags & NX) != 0 && hasTtl) {
      return Reply.ZERO;
    }
    if ((flags & XX) != 0 && !hasTtl) {
      return Reply.ZERO;
    }
    // No TTL counts as an infinite one: GT never beats it, LT always does.
    if ((flags & GT) != 0 && (!hasTtl || when <= current)) {
      return Reply.ZERO;
    }
    if ((flags & LT) != 0 && hasTtl && when >= current) {
      return Reply.ZERO;
    }
    if (when <= ctx.now()) {
      ctx.delete(argv[1]);
      ctx.notify(KeyspaceEvents.GENERIC, "del", argv[1]);
      ctx.propagateAs(Propagation.argv("DEL", argv[1]));
    } else {
      ctx.setExpire(e, when);
      ctx.notify(KeyspaceEvents.GENERIC, "expire", argv[1]);
      if (basetime != 0 || seconds) {
        // Replayed later, a relative or second-based time must mean the same instant.
        ctx.propagateAs(Propagation.replace(Propagation.replace(argv, 0, "PEXPIREAT"), 2, when));
      }
    }
    ctx.dirty(1);
    return Reply.ONE;
  }

  /** TTL key */
  static Reply ttl(ExecContext ctx, byte[][] argv) {
    return ttlGeneric(ctx, argv[1], false, false);
  }

  /** PTTL key */
  static Reply pttl(ExecContext ctx, byte[][] argv) {
    return ttlGeneric(ctx, argv[1], true, false);
  }

  /** EXPIRETIME key */
  static Reply expiretime(ExecContext ctx, byte[][] argv) {
    return ttlGeneric(ctx, argv[1], false, true);
  }

  /** PEXPIRETIME key */
  static Reply pexpiretime(ExecContext ctx, byte[][] argv) {
    return ttlGeneric(ctx, argv[1], true, true);
  }

  /**
   * The remaining time to live ({@code absolute}: the expiry time), in ms or
   * rounded seconds; -2 when the key is missing, -1 when it has no expiry.
   * Serves TTL, PTTL, EXPIRETIME, PEXPIRETIME.
   */
  private static Reply ttlGeneric(ExecContext ctx, byte[] key, boolean millis, boolean absolute) {
    Entry e = ctx.lookupReadNoTouch(key);
    if (e == null) {
      return Reply.MINUS_TWO;
    }
    if (!e.hasExpiry()) {
      return Reply.MINUS_ONE;
    }
    long t = absolute ? e.expireAt() : e.expireAt() - ctx.now();
    if (t < 0) {
      t = 0;
    }
    // t >= 0, so an unsigned division keeps t + 500 from wrapping near
    // Long.MAX_VALUE (PEXPIREAT key 9223372036854775807), matching Redis's answer.
    return Reply.integer(millis ? t : Long.divideUnsigned(t + 500, 1000));
  }

  /** PERSIST key */
  static Reply persist(ExecContext ctx, byte[][] argv) {
    Entry e = ctx.lookupWrite(argv[1]);
    if (e == null || !e.hasExpiry()) {
      return Reply.ZERO;
    }
    ctx.setExpire(e, Entry.NO_EXPIRY);
    ctx.notify(KeyspaceEvents.GENERIC, "persist", argv[1]);
    ctx.dirty(1);
    return Reply.ONE;
  }

  // ---- RENAME, MOVE, COPY ----------------------------------------------------------------

  /** RENAME key newkey */
  static Reply rename(ExecContext ctx, byte[][] argv) {
    return renameGeneric(ctx, argv[1], argv[2], false);
  }

  /** RENAMENX key newkey */
  static Reply renamenx(ExecContext ctx, byte[][] argv) {
    return renameGeneric(ctx, argv[1], argv[2], true);
  }

  /**
   * Moves a key's value and TTL to a new name in the same db; with {@code nx}
   * only when the new name is free (replies 1/0), otherwise overwriting it
   * (replies OK). Serves RENAME and RENAMENX.
   */
  private static Reply renameGeneric(ExecContext ctx, byte[] key, byte[] newKey, boolean nx) {
    Entry src = ctx.lookupWrite(key);
    if (src == null) {
      throw new CommandException(RespErrors.NO_SUCH_KEY);
    }
    if (java.util.Arrays.equals(key, newKey)) {
      return nx ? Reply.ZERO : Reply.OK;
    }
    if (ctx.lookupWrite(newKey) != null) {
      if (nx) {
        return Reply.ZERO;
      }
      ctx.delete(newKey);
    }
    moveEntry(ctx, src, ctx.db(), newKey, ctx.db(), src.value());
    ctx.notify(KeyspaceEvents.GENERIC, "rename_from", key);
    ctx.notify(KeyspaceEvents.GENERIC, "rename_to", newKey);
    ctx.dirty(1);
    return nx ? Reply.ONE : Reply.OK;
  }

  /**
   * Adds {@code value} as {@code dstKey} in {@code dstDb} with {@code src}'s
   * expiry and access time, then deletes {@code src} from {@code srcDb}.
   */
  private static void moveEntry(ExecContext ctx, Entry src, int srcDb, byte[] dstKey, int dstDb,
      Object value) {
    long expireAt = src.expireAt();
    int lru = src.lru();
    ctx.delete(srcDb, src.key());
    Entry moved = ctx.add(dstDb, dstKey, value);
    moved.lru = lru;
    if (expireAt != Entry.NO_EXPIRY) {
      ctx.setExpire(dstDb, moved, expireAt);
    }
  }

  /** Reads a DB index argument: an int, and one of the configured databases. */
  private static int dbIndex(ExecContext ctx, byte[] arg) {
    int db = Args.parseInt(arg);
    if (db < 0 || db >= ctx.databases()) {
      throw new CommandException(RespErrors.DB_INDEX_OUT_OF_RANGE);
    }
    return db;
  }

  /** MOVE key db */
  static Reply move(ExecContext ctx, byte[][] argv) {
    int dst = dbIndex(ctx, argv[2]);
    if (dst == ctx.db()) {
      throw new CommandException(RespErrors.SAME_OBJECT);
    }
    Entry e = ctx.lookupWrite(argv[1]);
    if (e == null) {
      return Reply.ZERO;
    }
    if (ctx.lookup(dst, argv[1], false) != null) {
      return Reply.ZERO;
    }
    moveEntry(ctx, e, ctx.db(), argv[1], dst, e.value());
    ctx.notify(KeyspaceEvents.GENERIC, "move_from", argv[1], ctx.db());
    ctx.notify(KeyspaceEvents.GENERIC, "move_to", argv[1], dst);
    ctx.dirty(1);
    return Reply.ONE;
  }

  /** COPY source destination [DB destination-db] [REPLACE] */
  static Reply copy(ExecContext ctx, byte[][] argv) {
    int dstDb = ctx.db();
    boolean replace = false;
    for (int i = 3; i < argv.length; i++) {
      if (Args.is(argv[i], "replace")) {
        replace = true;
      } else if (Args.is(argv[i], "db") && i + 1 < argv.length) {
        dstDb = dbIndex(ctx, argv[++i]);
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    byte[] key = argv[1];
    byte[] newKey = argv[2];
    if (dstDb == ctx.db() && java.util.Arrays.equals(key, newKey)) {
      throw new CommandException(RespErrors.SAME_OBJECT);
    }
    Entry src = ctx.lookupRead(key);
    if (src == null) {
      return Reply.ZERO;
    }
    if (ctx.lookup(dstDb, newKey, false) != null) {
      if (!replace) {
        return Reply.ZERO;
      }
      ctx.delete(dstDb, newKey);
    }
    Entry copy = ctx.add(dstDb, newKey, Values.copy(src.value()));
    if (src.hasExpiry()) {
      ctx.setExpire(dstDb, copy, src.expireAt());
    }
    ctx.notify(KeyspaceEvents.GENERIC, "copy_to", newKey, dstDb);
    ctx.dirty(1);
    return Reply.ONE;
  }

  // ---- whole-keyspace commands -----------------------------------------------------------

  /** Every keyspace the context holds (all shards, for the allShards commands). */
  private static List<Keyspace> keyspaces(ExecContext ctx) {
    List<Keyspace> all = new ArrayList<>();
    ctx.forEachKeyspace(all::add);
    return all;
  }

  private static boolean isExpired(Entry e, long now) {
    return e.hasExpiry() && e.expireAt() <= now;
  }

  /** KEYS pattern */
  static Reply keys(ExecContext ctx, byte[][] argv) {
    byte[] pattern = argv[1];
    boolean all = pattern.length == 1 && pattern[0] == '*';
    long now = ctx.now();
    List<Reply> out = new ArrayList<>();
    for (Keyspace ks : keyspaces(ctx)) {
      ks.db(ctx.db()).forEach(e -> {
        if ((all || GlobPattern.matches(pattern, e.key())) && !isExpired(e, now)) {
          out.add(Reply.bulk(e.key()));
        }
      });
    }
    return Reply.array(out);
  }

  /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] */
  static Reply scan(ExecContext ctx, byte[][] argv) {
    long cursor = Args.parseCursor(argv[1]);
    long count = 10;
    byte[] pattern = null;
    String type = null;
    for (int i = 2; i < argv.length; i++) {
      boolean hasValue = i + 1 < argv.length;
      if (Args.is(argv[i], "count") && hasValue) {
        count = Args.parseLong(argv[++i]);
        if (count < 1) {
          throw new CommandException(RespErrors.SYNTAX);
        }
      } else if (Args.is(argv[i], "match") && hasValue) {
        pattern = argv[++i];
        if (pattern.length == 1 && pattern[0] == '*') {
          pattern = null;
        }
      } else if (Args.is(argv[i], "type") && hasValue) {
        type = Args.text(argv[++i]);
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }

    List<Keyspace> shards = keyspaces(ctx);
    List<byte[]> visited = new ArrayList<>();
    long slot = Long.compareUnsigned(cursor, KeySlot.SLOTS) < 0 ? cursor : KeySlot.SLOTS;
    while (slot < KeySlot.SLOTS && visited.size() < count) {
      for (Keyspace ks : shards) {
        SlotTable t = ks.db(ctx.db()).table((int) slot);
        if (t != null) {
          t.forEach(e -> visited.add(e.key()));
        }
      }
      slot++;
    }

    // Filter after the walk: a lazily expired key leaves its table.
    List<Reply> keys = new ArrayList<>(visited.size());
    for (byte[] key : visited) {
      // MATCH * means every key (Redis skips matching then, so "" is kept too)
      boolean all = pattern == null || (pattern.length == 1 && pattern[0] == '*');
      if (!all && !GlobPattern.matches(pattern, key)) {
        continue;
      }
      Entry e = ctx.lookup(ctx.db(), key, type != null, false);
      if (e == null) {
        continue;
      }
      if (type != null && !type.equalsIgnoreCase(Values.typeName(e.value()))) {
        continue;
      }
      keys.add(Reply.bulk(key));
    }
    long next = slot < KeySlot.SLOTS ? slot : 0;
    return Reply.array(Reply.bulk(Long.toString(next)), Reply.array(keys));
  }

  /** RANDOMKEY */
  static Reply randomkey(ExecContext ctx, byte[][] argv) {
    List<Keyspace> shards = keyspaces(ctx);
    while (true) {
      long total = 0;
      for (Keyspace ks : shards) {
        total += ks.db(ctx.db()).size();
      }
      if (total == 0) {
        return Reply.NULL_BULK;
      }
      long pick = ctx.random().nextLong(total);
      Database db = null;
      for (Keyspace ks : shards) {
        db = ks.db(ctx.db());
        if (pick < db.size()) {
          break;
        }
        pick -= db.size();
      }
      Entry e = db.randomEntry(ctx.random());
      // An expired pick is deleted by the lookup and another one drawn.
      if (ctx.lookup(ctx.db(), e.key(), false, false) != null) {
        return Reply.bulk(e.key());
      }
    }
  }

  /** DBSIZE */
  static Reply dbsize(ExecContext ctx, byte[][] argv) {
    long n = 0;
    for (Keyspace ks : keyspaces(ctx)) {
      n += ks.db(ctx.db()).size();
    }
    return Reply.integer(n);
  }

  /** Reads FLUSHDB/FLUSHALL's optional ASYNC | SYNC (both free at once here). */
  private static void flushMode(byte[][] argv) {
    if (argv.length > 2 || (argv.length == 2 && !Args.is(argv[1], "async")
        && !Args.is(argv[1], "sync"))) {
      throw new CommandException(RespErrors.SYNTAX);
    }
  }

  /** Empties database {@code dbIndex} in every held shard; returns how many keys it had. */
  private static long emptyDb(ExecContext ctx, int dbIndex) {
    long removed = 0;
    for (Keyspace ks : keyspaces(ctx)) {
      Database db = ks.db(dbIndex);
      removed += db.size();
      ks.watched().touchDb(dbIndex, key -> db.get(key, KeySlot.slot(key)) != null);
      db.clear();
    }
    return removed;
  }

  /** FLUSHDB [ASYNC | SYNC] */
  static Reply flushdb(ExecContext ctx, byte[][] argv) {
    flushMode(argv);
    ctx.dirty(emptyDb(ctx, ctx.db()));
    ctx.flushTracking();
    return Reply.OK;
  }

  /** FLUSHALL [ASYNC | SYNC] */
  static Reply flushall(ExecContext ctx, byte[][] argv) {
    flushMode(argv);
    long removed = 0;
    for (int d = 0; d < ctx.databases(); d++) {
      removed += emptyDb(ctx, d);
    }
    ctx.dirty(removed + 1);
    ctx.flushTracking();
    return Reply.OK;
  }

  /** SWAPDB index1 index2 */
  static Reply swapdb(ExecContext ctx, byte[][] argv) {
    int a = Args.parseInt(argv[1], RespErrors.INVALID_FIRST_DB_INDEX);
    int b = Args.parseInt(argv[2], RespErrors.INVALID_SECOND_DB_INDEX);
    int n = ctx.databases();
    if (a < 0 || a >= n || b < 0 || b >= n) {
      throw new CommandException(RespErrors.DB_INDEX_OUT_OF_RANGE);
    }
    if (a != b) {
      for (Keyspace ks : keyspaces(ctx)) {
        Database da = ks.db(a);
        Database dbb = ks.db(b);
        // A watched key changes when it exists in either database.
        java.util.function.Predicate<byte[]> inEither =
            key -> da.get(key, KeySlot.slot(key)) != null || dbb.get(key, KeySlot.slot(key)) != null;
        ks.watched().touchDb(a, inEither);
        ks.watched().touchDb(b, inEither);
        ks.swap(a, b);
        // Clients blocked on keys of either database may now be served.
        ks.blocked().signalDb(a);
        ks.blocked().signalDb(b);
      }
    }
    ctx.dirty(1);
    return Reply.OK;
  }
}

package io.troupe.type.string;

import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyspaceEvents;
import io.troupe.keyspace.Propagation;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The string commands (Redis's t_string.c): one handler per command, each
 * headed by its syntax line. The bitmap commands (bitops.c) are in
 * {@link BitCommands} and bound here too. Every handler validates all of its
 * arguments before it changes anything.
 *
 * <p>String values are {@code byte[]} and are never mutated once stored (a
 * reply may still hold them): every write stores a new array.
 */
public final class StringCommands {
  private StringCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("get", StringCommands::get);
    b.keyed("set", StringCommands::set);
    b.keyed("setnx", StringCommands::setnx);
    b.keyed("setex", StringCommands::setex);
    b.keyed("psetex", StringCommands::psetex);
    b.keyed("getset", StringCommands::getset);
    b.keyed("getdel", StringCommands::getdel);
    b.keyed("getex", StringCommands::getex);
    b.keyed("mget", StringCommands::mget);
    b.keyed("mset", StringCommands::mset);
    b.keyed("msetnx", StringCommands::msetnx);
    b.keyed("incr", StringCommands::incr);
    b.keyed("decr", StringCommands::decr);
    b.keyed("incrby", StringCommands::incrby);
    b.keyed("decrby", StringCommands::decrby);
    b.keyed("incrbyfloat", StringCommands::incrbyfloat);
    b.keyed("append", StringCommands::append);
    b.keyed("strlen", StringCommands::strlen);
    b.keyed("getrange", StringCommands::getrange);
    b.keyed("substr", StringCommands::getrange);
    b.keyed("setrange", StringCommands::setrange);
    b.keyed("lcs", StringCommands::lcs);
    BitCommands.bind(b);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The live entry of a string key for writing, null when absent; WRONGTYPE for other types. */
  static Entry lookupStringWrite(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupWrite(key);
    if (e != null) {
      ExecContext.valueAs(e, byte[].class);
    }
    return e;
  }

  static long maxBulkLen(ExecContext ctx) {
    return ctx.config().getLong("proto-max-bulk-len");
  }

  // SET / GETEX option flags (Redis's OBJ_SET_* and OBJ_* flags).
  static final int NX = 1;
  static final int XX = 1 << 1;
  static final int GET = 1 << 2;
  static final int KEEPTTL = 1 << 3;
  static final int PERSIST = 1 << 4;
  static final int EX = 1 << 5;
  static final int PX = 1 << 6;
  static final int EXAT = 1 << 7;
  static final int PXAT = 1 << 8;

  /** The options of SET or GETEX: flags, and the expire argument if one was given. */
  record ExtendedArgs(int flags, byte[] expire) {
    boolean has(int flag) {
      return (flags & flag) != 0;
    }

    /** EX/EXAT take seconds, PX/PXAT (and none) milliseconds. */
    boolean inSeconds() {
      return has(EX) || has(EXAT);
    }
  }

  /**
   * parseExtendedStringArgumentsOrReply: the options from argv[3] (SET) or
   * argv[2] (GETEX), with Redis's rules on which options exclude which;
   * "ERR syntax error" otherwise. Used by SET and GETEX.
   */
  static ExtendedArgs parseExtendedArgs(byte[][] argv, boolean forSet) {
    int flags = 0;
    byte[] expire = null;
    final int anyExpire = EX | PX | EXAT | PXAT;
    for (int j = forSet ? 3 : 2; j < argv.length; j++) {
      byte[] opt = argv[j];
      boolean hasNext = j < argv.length - 1;
      if (forSet && StringType.is(opt, "nx") && (flags & XX) == 0) {
        flags |= NX;
      } else if (forSet && StringType.is(opt, "xx") && (flags & NX) == 0) {
        flags |= XX;
      } else if (forSet && StringType.is(opt, "get")) {
        flags |= GET;
      } else if (forSet && StringType.is(opt, "keepttl") && (flags & (PERSIST | anyExpire)) == 0) {
        flags |= KEEPTTL;
      } else if (!forSet && StringType.is(opt, "persist") && (flags & (KEEPTTL | anyExpire)) == 0) {
        flags |= PERSIST;
      } else if (StringType.is(opt, "ex") && hasNext
          && (flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) == 0) {
        flags |= EX;
        expire = argv[++j];
      } else if (StringType.is(opt, "px") && hasNext
          && (flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) == 0) {
        flags |= PX;
        expire = argv[++j];
      } else if (StringType.is(opt, "exat") && hasNext
          && (flags & (KEEPTTL | PERSIST | EX | PX | PXAT)) == 0) {
        flags |= EXAT;
        expire = argv[++j];
      } else if (StringType.is(opt, "pxat") && hasNext
          && (flags & (KEEPTTL | PERSIST | EX | EXAT | PX)) == 0) {
        flags |= PXAT;
        expire = argv[++j];
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    return new ExtendedArgs(flags, expire);
  }

  /**
   * getExpireMillisecondsOrReply: the absolute expiry (unix ms) an expire
   * argument means; relative ones (EX, PX, SETEX, PSETEX) count from the
   * command's time. "ERR invalid expire time in '<command>' command" when not
   * positive or when it overflows.
   */
  static long expireAt(ExecContext ctx, byte[] arg, boolean seconds, boolean relative,
      String command) {
    long ms = StringType.parseLong(arg);
    if (ms <= 0 || (seconds && ms > Long.MAX_VALUE / 1000)) {
      throw new CommandException(String.format(RespErrors.INVALID_EXPIRE, command));
    }
    if (seconds) {
      ms *= 1000;
    }
    if (relative) {
      ms += ctx.now(); // may wrap negative, as in C, and is then refused
    }
    if (ms <= 0) {
      throw new CommandException(String.format(RespErrors.INVALID_EXPIRE, command));
    }
    return ms;
  }

  /**
   * setGenericCommand: stores {@code value} under {@code key} honouring NX, XX,
   * GET, KEEPTTL and an expiry. Returns {@code okReply} when set, {@code abortReply}
   * when NX/XX stopped it, and with GET the old value either way. Used by SET,
   * SETNX, SETEX and PSETEX.
   */
  static Reply setGeneric(ExecContext ctx, int flags, byte[] key, byte[] value, long expireAt,
      Reply okReply, Reply abortReply) {
    Reply old = null;
    if ((flags & GET) != 0) {
      old = Reply.bulk(ctx.getString(key));
    }
    boolean found = ctx.lookupWrite(key) != null;
    if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
      return old != null ? old : abortReply;
    }
    Entry e = ctx.set(ctx.db(), key, value, (flags & KEEPTTL) != 0);
    ctx.dirty(1);
    ctx.notify(KeyspaceEvents.STRING, "set", key);
    if (expireAt != Entry.NO_EXPIRY) {
      ctx.setExpire(e, expireAt);
      ctx.notify(KeyspaceEvents.GENERIC, "expire", key);
      // Replayed later, the same instant (and no NX, XX or GET: the outcome is known).
      ctx.propagateAs(Propagation.argv("SET", key, value, "PXAT", expireAt));
    }
    return old != null ? old : okReply;
  }

  // ---- SET family ---------------------------------------------------------------------------

  /** SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL] */
  static Reply set(ExecContext ctx, byte[][] argv) {
    ExtendedArgs args = parseExtendedArgs(argv, true);
    long at = Entry.NO_EXPIRY;
    if (args.expire() != null) {
      at = expireAt(ctx, args.expire(), args.inSeconds(), args.has(EX) || args.has(PX), "set");
    }
    if (args.has(GET) && at == Entry.NO_EXPIRY) {
      // Propagated without GET (a reply option).
      List<byte[]> kept = new ArrayList<>();
      for (int i = 0; i < argv.length; i++) {
        if (i < 3 || !StringType.is(argv[i], "get")) {
          kept.add(argv[i]);
        }
      }
      ctx.propagateAs(kept.toArray(new byte[0][]));
    }
    return setGeneric(ctx, args.flags(), argv[1], argv[2], at, Reply.OK, Reply.NULL_BULK);
  }

  /** SETNX key value */
  static Reply setnx(ExecContext ctx, byte[][] argv) {
    return setGeneric(ctx, NX, argv[1], argv[2], Entry.NO_EXPIRY, Reply.ONE, Reply.ZERO);
  }

  /** SETEX key seconds value */
  static Reply setex(ExecContext ctx, byte[][] argv) {
    long at = expireAt(ctx, argv[2], true, true, "setex");
    return setGeneric(ctx, 0, argv[1], argv[3], at, Reply.OK, Reply.NULL_BULK);
  }

  /** PSETEX key milliseconds value */
  static Reply psetex(ExecContext ctx, byte[][] argv) {
    long at = expireAt(ctx, argv[2], false, true, "psetex");
    return setGeneric(ctx, 0, argv[1], argv[3], at, Reply.OK, Reply.NULL_BULK);
  }

  // ---- GET family ---------------------------------------------------------------------------

  /** GET key */
  static Reply get(ExecContext ctx, byte[][] argv) {
    return Reply.bulk(ctx.getString(argv[1]));
  }

  /** GETSET key value */
  static Reply getset(ExecContext ctx, byte[][] argv) {
    byte[] old = ctx.getString(argv[1]);
    ctx.set(argv[1], argv[2]);
    ctx.notify(KeyspaceEvents.STRING, "set", argv[1]);
    ctx.dirty(1);
    ctx.propagateAs(Propagation.argv("SET", argv[1], argv[2]));
    return Reply.bulk(old);
  }

  /** GETDEL key */
  static Reply getdel(ExecContext ctx, byte[][] argv) {
    byte[] old = ctx.getString(argv[1]);
    if (old != null) {
      ctx.delete(argv[1]);
      ctx.notify(KeyspaceEvents.GENERIC, "del", argv[1]);
      ctx.dirty(1);
      ctx.propagateAs(Propagation.argv("DEL", argv[1]));
    }
    return Reply.bulk(old);
  }

  /** GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST] */
  static Reply getex(ExecContext ctx, byte[][] argv) {
    ExtendedArgs args = parseExtendedArgs(argv, false);
    Entry e = ctx.lookupRead(argv[1]);
    if (e == null) {
      return Reply.NULL_BULK;
    }
    byte[] value = ExecContext.valueAs(e, byte[].class);
    long at = Entry.NO_EXPIRY;
    if (args.expire() != null) {
      at = expireAt(ctx, args.expire(), args.inSeconds(), args.has(EX) || args.has(PX), "getex");
    }
    if ((args.has(EXAT) || args.has(PXAT)) && at <= ctx.now()) {
      ctx.delete(argv[1]);
      ctx.notify(KeyspaceEvents.GENERIC, "del", argv[1]);
      ctx.dirty(1);
      ctx.propagateAs(Propagation.argv("DEL", argv[1]));
    } else if (args.expire() != null) {
      ctx.setExpire(e, at);
      ctx.notify(KeyspaceEvents.GENERIC, "expire", argv[1]);
      ctx.dirty(1);
      ctx.propagateAs(Propagation.argv("PEXPIREAT", argv[1], at));
    } else if (args.has(PERSIST) && e.hasExpiry()) {
      ctx.setExpire(e, Entry.NO_EXPIRY);
      ctx.notify(KeyspaceEvents.GENERIC, "persist", argv[1]);
      ctx.dirty(1);
      ctx.propagateAs(Propagation.argv("PERSIST", argv[1]));
    }
    return Reply.bulk(value);
  }

  /** MGET key [key ...] */
  static Reply mget(ExecContext ctx, byte[][] argv) {
    List<Reply> out = new ArrayList<>(argv.length - 1);
    for (int i = 1; i < argv.length; i++) {
      Entry e = ctx.lookupRead(argv[i]);
      out.add(e != null && e.value() instanceof byte[] v ? Reply.bulk(v) : Reply.NULL_BULK);
    }
    return Reply.array(out);
  }

  /** MSET key value [key value ...] */
  static Reply mset(ExecContext ctx, byte[][] argv) {
    msetGeneric(ctx, argv, false);
    return Reply.OK;
  }

  /** MSETNX key value [key value ...] */
  static Reply msetnx(ExecContext ctx, byte[][] argv) {
    return msetGeneric(ctx, argv, true) ? Reply.ONE : Reply.ZERO;
  }

  /**
   * msetGenericCommand: sets every pair, or with {@code nx} none when any key
   * exists; returns whether it set them. Used by MSET and MSETNX.
   */
  static boolean msetGeneric(ExecContext ctx, byte[][] argv, boolean nx) {
    if (argv.length % 2 == 0) {
      throw new CommandException(RespErrors.wrongArgs(nx ? "msetnx" : "mset"));
    }
    if (nx) {
      for (int i = 1; i < argv.length; i += 2) {
        if (ctx.lookupWrite(argv[i]) != null) {
          return false;
        }
      }
    }
    for (int i = 1; i < argv.length; i += 2) {
      ctx.set(argv[i], argv[i + 1]);
      ctx.notify(KeyspaceEvents.STRING, "set", argv[i]);
    }
    ctx.dirty((argv.length - 1) / 2);
    return true;
  }

  // ---- counters -----------------------------------------------------------------------------

  /** INCR key */
  static Reply incr(ExecContext ctx, byte[][] argv) {
    return incrDecr(ctx, argv[1], 1);
  }

  /** DECR key */
  static Reply decr(ExecContext ctx, byte[][] argv) {
    return incrDecr(ctx, argv[1], -1);
  }

  /** INCRBY key increment */
  static Reply incrby(ExecContext ctx, byte[][] argv) {
    return incrDecr(ctx, argv[1], StringType.parseLong(argv[2]));
  }

  /** DECRBY key decrement */
  static Reply decrby(ExecContext ctx, byte[][] argv) {
    long decrement = StringType.parseLong(argv[2]);
    if (decrement == Long.MIN_VALUE) {
      throw new CommandException(RespErrors.DECREMENT_OVERFLOW);
    }
    return incrDecr(ctx, argv[1], -decrement);
  }

  /**
   * incrDecrCommand: adds {@code incr} to the integer at {@code key} (0 when
   * absent), keeping its TTL; returns the new value. Used by INCR, DECR,
   * INCRBY and DECRBY.
   */
  static Reply incrDecr(ExecContext ctx, byte[] key, long incr) {
    Entry e = lookupStringWrite(ctx, key);
    long old = e == null ? 0 : StringType.parseLong((byte[]) e.value());
    if ((incr < 0 && old < 0 && incr < Long.MIN_VALUE - old)
        || (incr > 0 && old > 0 && incr > Long.MAX_VALUE - old)) {
      throw new CommandException(RespErrors.OVERFLOW);
    }
    long value = old + incr;
    store(ctx, key, e, StringType.format(value));
    ctx.notify(KeyspaceEvents.STRING, "incrby", key);
    ctx.dirty(1);
    return Reply.integer(value);
  }

  /** Replaces the value of {@code e} (keeping its TTL), or adds {@code key} when e is null. */
  private static void store(ExecContext ctx, byte[] key, Entry e, byte[] value) {
    if (e == null) {
      ctx.add(ctx.db(), key, value);
    } else {
      e.setValue(value);
    }
  }

  /** INCRBYFLOAT key increment */
  static Reply incrbyfloat(ExecContext ctx, byte[][] argv) {
    Entry e = lookupStringWrite(ctx, argv[1]);
    LongDouble value = e == null ? LongDouble.ZERO : LongDouble.parse((byte[]) e.value());
    LongDouble incr = LongDouble.parse(argv[2]);
    if (value == null || incr == null) {
      throw new CommandException(RespErrors.NOT_FLOAT);
    }
    LongDouble sum = value.add(incr);
    if (sum.isInfinite()) {
      throw new CommandException(RespErrors.INCRBYFLOAT_NAN);
    }
    byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
    store(ctx, argv[1], e, text);
    ctx.notify(KeyspaceEvents.STRING, "incrbyfloat", argv[1]);
    ctx.dirty(1);
    // Float formatting may differ between replays: propagate the result.
    ctx.propagateAs(Propagation.argv("SET", argv[1], text, "KEEPTTL"));
    return Reply.bulk(text);
  }

  // ---- ranges -------------------------------------------------------------------------------

  /** APPEND key value */
  static Reply append(ExecContext ctx, byte[][] argv) {
    Entry e = lookupStringWrite(ctx, argv[1]);
    byte[] add = argv[2];
    byte[] result;
    if (e == null) {
      result = add;
      ctx.add(ctx.db(), argv[1], result);
    } else {
      byte[] old = (byte[]) e.value();
      StringType.checkLength(old.length, add.length, maxBulkLen(ctx));
      result = Arrays.copyOf(old, old.length + add.length);
      System.arraycopy(add, 0, result, old.length, add.length);
      e.setValue(result);
    }
    ctx.notify(KeyspaceEvents.STRING, "append", argv[1]);
    ctx.dirty(1);
    return Reply.integer(result.length);
  }

  /** STRLEN key */
  static Reply strlen(ExecContext ctx, byte[][] argv) {
    byte[] v = ctx.getString(argv[1]);
    return Reply.integer(v == null ? 0 : v.length);
  }

  /** GETRANGE key start end (and SUBSTR key start end) */
  static Reply getrange(ExecContext ctx, byte[][] argv) {
    long start = StringType.parseLong(argv[2]);
    long end = StringType.parseLong(argv[3]);
    byte[] v = ctx.getString(argv[1]);
    if (v == null) {
      return Reply.EMPTY_BULK;
    }
    long len = v.length;
    if (start < 0 && end < 0 && start > end) {
      return Reply.EMPTY_BULK;
    }
    if (start < 0) {
      start += len;
    }
    if (end < 0) {
      end += len;
    }
    start = Math.max(start, 0);
    end = Math.max(end, 0);
    if (end >= len) {
      end = len - 1;
    }
    if (start > end || len == 0) {
      return Reply.EMPTY_BULK;
    }
    return Reply.bulk(Arrays.copyOfRange(v, (int) start, (int) end + 1));
  }

  /** SETRANGE key offset value */
  static Reply setrange(ExecContext ctx, byte[][] argv) {
    long offset = StringType.parseLong(argv[2]);
    if (offset < 0) {
      throw new CommandException(RespErrors.OFFSET_OUT_OF_RANGE);
    }
    byte[] add = argv[3];
    Entry e = lookupStringWrite(ctx, argv[1]);
    byte[] old = e == null ? null : (byte[]) e.value();
    if (add.length == 0) {
      return Reply.integer(old == null ? 0 : old.length);
    }
    StringType.checkLength(offset, add.length, maxBulkLen(ctx));
    int needed = (int) (offset + add.length);
    byte[] result = old == null ? new byte[needed] : old.length >= needed ? old.clone()
        : Arrays.copyOf(old, needed);
    System.arraycopy(add, 0, result, (int) offset, add.length);
    store(ctx, argv[1], e, result);
    ctx.notify(KeyspaceEvents.STRING, "setrange", argv[1]);
    ctx.dirty(1);
    return Reply.integer(result.length);
  }

  // ---- LCS ----------------------------------------------------------------------------------

  /** LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN] */
  static Reply lcs(ExecContext ctx, byte[][] argv) {
    Entry ea = ctx.lookupRead(argv[1]);
    Entry eb = ctx.lookupRead(argv[2]);
    if ((ea != null && !(ea.value() instanceof byte[]))
        || (eb != null && !(eb.value() instanceof byte[]))) {
      throw new CommandException(RespErrors.LCS_NOT_STRINGS);
    }
    byte[] a = ea == null ? new byte[0] : (byte[]) ea.value();
    byte[] b = eb == null ? new byte[0] : (byte[]) eb.value();
    boolean getLen = false;
    boolean getIdx = false;
    boolean withMatchLen = false;
    long minMatchLen = 0;
    for (int j = 3; j < argv.length; j++) {
      byte[] opt = argv[j];
      boolean more = j < argv.length - 1;
      if (StringType.is(opt, "idx")) {
        getIdx = true;
      } else if (StringType.is(opt, "len")) {
        getLen = true;
      } else if (StringType.is(opt, "withmatchlen")) {
        withMatchLen = true;
      } else if (StringType.is(opt, "minmatchlen") && more) {
        minMatchLen = Math.max(0, StringType.parseLong(argv[++j]));
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    if (getIdx && getLen) {
      throw new CommandException(RespErrors.LCS_LEN_AND_IDX);
    }
    Lcs lcs = Lcs.of(a, b);
    if (getLen) {
      return Reply.integer(lcs.length());
    }
    if (!getIdx) {
      return Reply.bulk(lcs.subsequence());
    }
    List<Reply> matches = new ArrayList<>();
    for (Lcs.Match m : lcs.matches(minMatchLen)) {
      Reply ra = Reply.array(Reply.integer(m.aStart()), Reply.integer(m.aEnd()));
      Reply rb = Reply.array(Reply.integer(m.bStart()), Reply.integer(m.bEnd()));
      matches.add(withMatchLen ? Reply.array(ra, rb, Reply.integer(m.length())) : Reply.array(ra, rb));
    }
    return Reply.map(List.of(Reply.bulk("matches"), Reply.array(matches),
        Reply.bulk("len"), Reply.integer(lcs.length())));
  }
}

package io.troupe.type.hash;

import io.troupe.keyspace.Args;
import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyspaceEvents;
import io.troupe.keyspace.Propagation;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import io.troupe.type.Sampling;
import io.troupe.type.ScanOptions;
import io.troupe.type.string.LongDouble;
import io.troupe.type.string.StringType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hash commands (Redis's t_hash.c command half). */
public final class HashCommands {
  private HashCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("hset", HashCommands::hset);
    b.keyed("hmset", HashCommands::hmset);
    b.keyed("hsetnx", HashCommands::hsetnx);
    b.keyed("hget", HashCommands::hget);
    b.keyed("hmget", HashCommands::hmget);
    b.keyed("hdel", HashCommands::hdel);
    b.keyed("hlen", HashCommands::hlen);
    b.keyed("hstrlen", HashCommands::hstrlen);
    b.keyed("hexists", HashCommands::hexists);
    b.keyed("hkeys", HashCommands::hkeys);
    b.keyed("hvals", HashCommands::hvals);
    b.keyed("hgetall", HashCommands::hgetall);
    b.keyed("hincrby", HashCommands::hincrby);
    b.keyed("hincrbyfloat", HashCommands::hincrbyfloat);
    b.keyed("hrandfield", HashCommands::hrandfield);
    b.keyed("hscan", HashCommands::hscan);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The hash at {@code key} for reading, null when absent; WRONGTYPE for another type. */
  static HashType lookupRead(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupRead(key);
    return e == null ? null : ExecContext.valueAs(e, HashType.class);
  }

  /** The hash at {@code key} for writing, null when absent; WRONGTYPE for another type. */
  static HashType lookupWrite(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupWrite(key);
    return e == null ? null : ExecContext.valueAs(e, HashType.class);
  }

  /** hashTypeSet with the thresholds of the moment; true when the field is new. */
  static boolean set(ExecContext ctx, HashType h, byte[] field, byte[] value) {
    return h.set(field, value, ctx.config().getLong("hash-max-listpack-entries"),
        ctx.config().getLong("hash-max-listpack-value"));
  }

  /** Stores {@code h} under {@code key} when it is new (the caller made it non-empty). */
  static void addIfNew(ExecContext ctx, byte[] key, HashType h, boolean isNew) {
    if (isNew) {
      ctx.add(ctx.db(), key, h);
    }
  }

  /**
   * Sets every field/value pair of argv[2..] and returns how many fields were
   * new. Used by HSET and HMSET.
   */
  static long setPairs(ExecContext ctx, byte[][] argv) {
    if (argv.length % 2 != 0) {
      throw new CommandException(RespErrors.wrongArgs(Args.text(argv[0]).toLowerCase(java.util.Locale.ROOT)));
    }
    HashType h = lookupWrite(ctx, argv[1]);
    boolean isNew = h == null;
    if (isNew) {
      h = new HashType();
    }
    long created = 0;
    for (int i = 2; i < argv.length; i += 2) {
      if (set(ctx, h, argv[i], argv[i + 1])) {
        created++;
      }
    }
    addIfNew(ctx, argv[1], h, isNew);
    ctx.notify(KeyspaceEvents.HASH, "hset", argv[1]);
    ctx.dirty((argv.length - 2) / 2);
    return created;
  }

  // ---- commands -----------------------------------------------------------------------------

  /** HSET key field value [field value ...] */
  static Reply hset(ExecContext ctx, byte[][] argv) {
    return Reply.integer(setPairs(ctx, argv));
  }

  /** HMSET key field value [field value ...] */
  static Reply hmset(ExecContext ctx, byte[][] argv) {
    setPairs(ctx, argv);
    return Reply.OK;
  }

  /** HSETNX key field value */
  static Reply hsetnx(ExecContext ctx, byte[][] argv) {
    HashType h = lookupWrite(ctx, argv[1]);
    if (h != null && h.exists(argv[2])) {
      return Reply.ZERO;
    }
    boolean isNew = h == null;
    if (isNew) {
      h = new HashType();
    }
    set(ctx, h, argv[2], argv[3]);
    addIfNew(ctx, argv[1], h, isNew);
    ctx.notify(KeyspaceEvents.HASH, "hset", argv[1]);
    ctx.dirty(1);
    return Reply.ONE;
  }

  /** HGET key field */
  static Reply hget(ExecContext ctx, byte[][] argv) {
    HashType h = lookupRead(ctx, argv[1]);
    return h == null ? Reply.NULL_BULK : Reply.bulk(h.get(argv[2]));
  }

  /** HMGET key field [field ...] */
  static Reply hmget(ExecContext ctx, byte[][] argv) {
    HashType h = lookupRead(ctx, argv[1]);
    List<Reply> out = new ArrayList<>(argv.length - 2);
    for (int i = 2; i < argv.length; i++) {
      out.add(h == null ? Reply.NULL_BULK : Reply.bulk(h.get(argv[i])));
    }
    return Reply.array(out);
  }

  /** HDEL key field [field ...] */
  static Reply hdel(ExecContext ctx, byte[][] argv) {
    HashType h = lookupWrite(ctx, argv[1]);
    if (h == null) {
      return Reply.ZERO;
    }
    long deleted = 0;
    for (int i = 2; i < argv.length; i++) {
      if (h.delete(argv[i])) {
        deleted++;
        if (h.isEmpty()) {
          break;
        }
      }
    }
    if (deleted > 0) {
      ctx.notifyAndDelIfEmpty(KeyspaceEvents.HASH, "hdel", argv[1], h.isEmpty());
    }
    ctx.dirty(deleted);
    return Reply.integer(deleted);
  }

  /** HLEN key */
  static Reply hlen(ExecContext ctx, byte[][] argv) {
    HashType h = lookupRead(ctx, argv[1]);
    return Reply.integer(h == null ? 0 : h.size());
  }

  /** HSTRLEN key field */
  static Reply hstrlen(ExecContext ctx, byte[][] argv) {
    HashType h = lookupRead(ctx, argv[1]);
    byte[] v = h == null ? null : h.get(argv[2]);
    return Reply.integer(v == null ? 0 : v.length);
  }

  /** HEXISTS key field */
  static Reply hexists(ExecContext ctx, byte[][] argv) {
    HashType h = lookupRead(ctx, argv[1]);
    return Reply.integer(h != null && h.exists(argv[2]) ? 1 : 0);
  }

  /** HKEYS key */
  static Reply hkeys(ExecContext ctx, byte[][] argv) {
    return getAll(ctx, argv[1], true, false);
  }

  /** HVALS key */
  static Reply hvals(ExecContext ctx, byte[][] argv) {
    return getAll(ctx, argv[1], false, true);
  }

  /** HGETALL key */
  static Reply hgetall(ExecContext ctx, byte[][] argv) {
    return getAll(ctx, argv[1], true, true);
  }

  /**
   * The fields, the values or both of a hash (genericHgetallCommand): an array
   * for HKEYS and HVALS, a map (flat array in RESP2) for HGETALL.
   */
  static Reply getAll(ExecContext ctx, byte[] key, boolean fields, boolean values) {
    HashType h = lookupRead(ctx, key);
    boolean both = fields && values;
    if (h == null) {
      return both ? Reply.map(List.of()) : Reply.EMPTY_ARRAY;
    }
    List<Reply> out = new ArrayList<>(both ? 2 * h.size() : h.size());
    h.forEach((f, v) -> {
      if (fields) {
        out.add(Reply.bulk(f));
      }
      if (values) {
        out.add(Reply.bulk(v));
      }
    });
    return both ? Reply.map(out) : Reply.array(out);
  }

  /** HINCRBY key field increment */
  static Reply hincrby(ExecContext ctx, byte[][] argv) {
    long incr = Args.parseLong(argv[3]);
    HashType h = lookupWrite(ctx, argv[1]);
    byte[] old = h == null ? null : h.get(argv[2]);
    long value = old == null ? 0 : StringType.parseLong(old, RespErrors.HASH_VALUE_NOT_INTEGER);
    if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
        || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
      throw new CommandException(RespErrors.OVERFLOW);
    }
    value += incr;
    boolean isNew = h == null;
    if (isNew) {
      h = new HashType();
    }
    set(ctx, h, argv[2], StringType.format(value));
    addIfNew(ctx, argv[1], h, isNew);
    ctx.notify(KeyspaceEvents.HASH, "hincrby", argv[1]);
    ctx.dirty(1);
    return Reply.integer(value);
  }

  /** HINCRBYFLOAT key field increment */
  static Reply hincrbyfloat(ExecContext ctx, byte[][] argv) {
    LongDouble incr = LongDouble.parse(argv[3]);
    if (incr == null) {
      throw new CommandException(RespErrors.NOT_FLOAT);
    }
    if (incr.isInfinite()) {
      throw new CommandException(RespErrors.VALUE_NAN_OR_INFINITY);
    }
    HashType h = lookupWrite(ctx, argv[1]);
    byte[] old = h == null ? null : h.get(argv[2]);
    LongDouble value = LongDouble.ZERO;
    if (old != null) {
      value = LongDouble.parse(old);
      if (value == null) {
        throw new CommandException(RespErrors.HASH_VALUE_NOT_FLOAT);
      }
    }
    LongDouble sum = value.add(incr);
    if (sum.isInfinite()) {
      throw new CommandException(RespErrors.INCRBYFLOAT_NAN);
    }
    byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
    boolean isNew = h == null;
    if (isNew) {
      h = new HashType();
    }
    set(ctx, h, argv[2], text);
    addIfNew(ctx, argv[1], h, isNew);
    ctx.notify(KeyspaceEvents.HASH, "hincrbyfloat", argv[1]);
    ctx.dirty(1);
    ctx.propagateAs(Propagation.argv("HSET", argv[1], argv[2], text));
    return Reply.bulk(text);
  }

  /** HRANDFIELD key [count [WITHVALUES]] */
  static Reply hrandfield(ExecContext ctx, byte[][] argv) {
    if (argv.length == 2) {
      HashType h = lookupRead(ctx, argv[1]);
      if (h == null) {
        return Reply.NULL_BULK;
      }
      Reply[] one = new Reply[1];
      h.randomWithRepeats(1, ctx.random(), (f, v) -> one[0] = Reply.bulk(f));
      return one[0];
    }
    long count = Sampling.randomCount(argv[2]);
    boolean withValues = false;
    if (argv.length > 4 || (argv.length == 4 && !Args.is(argv[3], "withvalues"))) {
      throw new CommandException(RespErrors.SYNTAX);
    } else if (argv.length == 4) {
      withValues = true;
      if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
        throw new CommandException(RespErrors.VALUE_OUT_OF_RANGE);
      }
    }
    HashType h = lookupRead(ctx, argv[1]);
    if (h == null || count == 0) {
      return Reply.EMPTY_ARRAY;
    }
    boolean values = withValues;
    List<Reply> out = new ArrayList<>();
    java.util.function.BiConsumer<byte[], byte[]> emit = (f, v) -> {
      out.add(Reply.bulk(f));
      if (values) {
        out.add(Reply.bulk(v));
      }
    };
    if (count < 0) {
      if (-count > Sampling.MAX_RANDOM_REPLY) {
        throw new CommandException(RespErrors.VALUE_OUT_OF_RANGE);
      }
      h.randomWithRepeats(-count, ctx.random(), emit);
    } else if (count >= h.size()) {
      h.forEach(emit);
    } else {
      h.randomDistinct((int) count, ctx.random(), emit);
    }
    return withValues ? Reply.pairs(out) : Reply.array(out);
  }

  /** HSCAN key cursor [MATCH pattern] [COUNT count] */
  static Reply hscan(ExecContext ctx, byte[][] argv) {
    long cursor = Args.parseCursor(argv[2]);
    HashType h = lookupRead(ctx, argv[1]);
    if (h == null) {
      return Reply.array(Reply.bulk("0"), Reply.EMPTY_ARRAY);
    }
    ScanOptions opts = ScanOptions.parse(argv, 3);
    List<Reply> out = new ArrayList<>();
    long next = h.scan(cursor, opts.count(), (f, v) -> {
      if (opts.matches(f)) {
        out.add(Reply.bulk(f));
        out.add(Reply.bulk(v));
      }
    });
    return Reply.array(Reply.bulk(Long.toUnsignedString(next)), Reply.array(out));
  }
}

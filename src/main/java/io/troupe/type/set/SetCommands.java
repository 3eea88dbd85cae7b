package io.troupe.type.set;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The set commands (Redis's t_set.c command half). */
public final class SetCommands {
  private SetCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("sadd", SetCommands::sadd);
    b.keyed("srem", SetCommands::srem);
    b.keyed("sismember", SetCommands::sismember);
    b.keyed("smismember", SetCommands::smismember);
    b.keyed("scard", SetCommands::scard);
    b.keyed("smembers", SetCommands::smembers);
    b.keyed("spop", SetCommands::spop);
    b.keyed("srandmember", SetCommands::srandmember);
    b.keyed("smove", SetCommands::smove);
    b.keyed("sinter", SetCommands::sinter);
    b.keyed("sintercard", SetCommands::sintercardKeys, SetCommands::sintercard);
    b.keyed("sinterstore", SetCommands::sinterstore);
    b.keyed("sunion", SetCommands::sunion);
    b.keyed("sunionstore", SetCommands::sunionstore);
    b.keyed("sdiff", SetCommands::sdiff);
    b.keyed("sdiffstore", SetCommands::sdiffstore);
    b.keyed("sscan", SetCommands::sscan);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The set at {@code key} for reading, null when absent; WRONGTYPE for another type. */
  static SetType lookupRead(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupRead(key);
    return e == null ? null : ExecContext.valueAs(e, SetType.class);
  }

  /** The set at {@code key} for writing, null when absent; WRONGTYPE for another type. */
  static SetType lookupWrite(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupWrite(key);
    return e == null ? null : ExecContext.valueAs(e, SetType.class);
  }

  static long maxIntset(ExecContext ctx) {
    return ctx.config().getLong("set-max-intset-entries");
  }

  static Reply members(SetType s) {
    List<Reply> out = new ArrayList<>(s.size());
    s.forEach(m -> out.add(Reply.bulk(m)));
    return Reply.set(out);
  }

  /**
   * The sets named by {@code argv[from, to)} for reading, type-checked all
   * before any work; null for a missing key (an empty set).
   */
  static SetType[] lookupAll(ExecContext ctx, byte[][] argv, int from, int to, boolean write) {
    SetType[] sets = new SetType[to - from];
    for (int i = from; i < to; i++) {
      sets[i - from] = write ? lookupWrite(ctx, argv[i]) : lookupRead(ctx, argv[i]);
    }
    return sets;
  }

  /**
   * Stores {@code result} at {@code dst} (overwriting any type, dropping its TTL)
   * and notifies {@code event}, or deletes {@code dst} when the result is empty
   * (notifying "del" if it existed); replies with the size. The tail of
   * SINTERSTORE, SUNIONSTORE and SDIFFSTORE.
   */
  static Reply store(ExecContext ctx, byte[] dst, SetType result, String event) {
    if (result.isEmpty()) {
      if (ctx.delete(dst)) {
        ctx.notify(KeyspaceEvents.GENERIC, "del", dst);
      }
    } else {
      ctx.set(dst, result);
      ctx.notify(KeyspaceEvents.SET, event, dst);
    }
    ctx.dirty(1);
    return Reply.integer(result.size());
  }

  // ---- single-key commands ------------------------------------------------------------------

  /** SADD key member [member ...] */
  static Reply sadd(ExecContext ctx, byte[][] argv) {
    SetType s = lookupWrite(ctx, argv[1]);
    boolean isNew = s == null;
    if (isNew) {
      s = new SetType();
    }
    long max = maxIntset(ctx);
    long added = 0;
    for (int i = 2; i < argv.length; i++) {
      if (s.add(argv[i], max)) {
        added++;
      }
    }
    if (isNew) {
      ctx.add(ctx.db(), argv[1], s);
    }
    if (added > 0) {
      ctx.notify(KeyspaceEvents.SET, "sadd", argv[1]);
    }
    ctx.dirty(added);
    return Reply.integer(added);
  }

  /** SREM key member [member ...] */
  static Reply srem(ExecContext ctx, byte[][] argv) {
    SetType s = lookupWrite(ctx, argv[1]);
    if (s == null) {
      return Reply.ZERO;
    }
    long removed = 0;
    for (int i = 2; i < argv.length; i++) {
      if (s.remove(argv[i])) {
        removed++;
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (removed > 0) {
      ctx.notifyAndDelIfEmpty(KeyspaceEvents.SET, "srem", argv[1], s.isEmpty());
    }
    ctx.dirty(removed);
    return Reply.integer(removed);
  }

  /** SISMEMBER key member */
  static Reply sismember(ExecContext ctx, byte[][] argv) {
    SetType s = lookupRead(ctx, argv[1]);
    return Reply.integer(s != null && s.contains(argv[2]) ? 1 : 0);
  }

  /** SMISMEMBER key member [member ...] */
  static Reply smismember(ExecContext ctx, byte[][] argv) {
    SetType s = lookupRead(ctx, argv[1]);
    List<Reply> out = new ArrayList<>(argv.length - 2);
    for (int i = 2; i < argv.length; i++) {
      out.add(Reply.integer(s != null && s.contains(argv[i]) ? 1 : 0));
    }
    return Reply.array(out);
  }

  /** SCARD key */
  static Reply scard(ExecContext ctx, byte[][] argv) {
    SetType s = lookupRead(ctx, argv[1]);
    return Reply.integer(s == null ? 0 : s.size());
  }

  /** SMEMBERS key */
  static Reply smembers(ExecContext ctx, byte[][] argv) {
    SetType s = lookupRead(ctx, argv[1]);
    return s == null ? Reply.set(List.of()) : members(s);
  }

  /** SPOP key [count] */
  static Reply spop(ExecContext ctx, byte[][] argv) {
    if (argv.length > 3) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    if (argv.length == 2) {
      SetType s = lookupWrite(ctx, argv[1]);
      if (s == null) {
        return Reply.NULL_BULK;
      }
      byte[] m = s.popRandom(ctx.random());
      ctx.notifyAndDelIfEmpty(KeyspaceEvents.SET, "spop", argv[1], s.isEmpty());
      ctx.dirty(1);
      ctx.propagateAs(Propagation.argv("SREM", argv[1], m));
      return Reply.bulk(m);
    }
    Long parsed = Args.toLong(argv[2]);
    if (parsed == null || parsed < 0) {
      throw new CommandException(RespErrors.OUT_OF_RANGE);
    }
    long count = parsed;
    SetType s = lookupWrite(ctx, argv[1]);
    if (s == null || count == 0) {
      return Reply.set(List.of());
    }
    if (count >= s.size()) {
      // Redis answers with the union of the one set: ascending when all integers.
      Reply all = members(unionOrDiff(new SetType[] {s}, false, maxIntset(ctx)));
      ctx.notifyAndDelIfEmpty(KeyspaceEvents.SET, "spop", argv[1], true);
      ctx.dirty(1);
      ctx.propagateAs(Propagation.argv("DEL", argv[1]));
      return all;
    }
    List<Reply> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      byte[] m = s.popRandom(ctx.random());
      out.add(Reply.bulk(m));
      ctx.alsoPropagate(Propagation.argv("SREM", argv[1], m)); // one SREM each, as Redis 7.0
    }
    ctx.preventPropagation();
    ctx.notify(KeyspaceEvents.SET, "spop", argv[1]);
    ctx.dirty(count);
    return Reply.set(out);
  }

  /** SRANDMEMBER key [count] */
  static Reply srandmember(ExecContext ctx, byte[][] argv) {
    if (argv.length > 3) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    if (argv.length == 2) {
      SetType s = lookupRead(ctx, argv[1]);
      if (s == null) {
        return Reply.NULL_BULK;
      }
      return Reply.bulk(s.memberAt(ctx.random().nextInt(s.size())));
    }
    long count = Sampling.randomCount(argv[2]);
    SetType s = lookupRead(ctx, argv[1]);
    if (s == null || count == 0) {
      return Reply.EMPTY_ARRAY;
    }
    List<Reply> out = new ArrayList<>();
    if (count < 0) {
      if (-count > Sampling.MAX_RANDOM_REPLY) {
        throw new CommandException(RespErrors.VALUE_OUT_OF_RANGE);
      }
      s.randomWithRepeats(-count, ctx.random(), m -> out.add(Reply.bulk(m)));
    } else if (count >= s.size()) {
      s.forEach(m -> out.add(Reply.bulk(m)));
    } else {
      s.randomDistinct((int) count, ctx.random(), m -> out.add(Reply.bulk(m)));
    }
    return Reply.array(out);
  }

  /** SMOVE source destination member */
  static Reply smove(ExecContext ctx, byte[][] argv) {
    SetType src = lookupWrite(ctx, argv[1]);
    Entry dstEntry = ctx.lookupWrite(argv[2]);
    if (src == null) {
      return Reply.ZERO;
    }
    SetType dst = dstEntry == null ? null : ExecContext.valueAs(dstEntry, SetType.class);
    if (src == dst) {
      return Reply.integer(src.contains(argv[3]) ? 1 : 0);
    }
    if (!src.remove(argv[3])) {
      return Reply.ZERO;
    }
    ctx.notifyAndDelIfEmpty(KeyspaceEvents.SET, "srem", argv[1], src.isEmpty());
    if (dst == null) {
      dst = new SetType();
      ctx.add(ctx.db(), argv[2], dst);
    }
    if (dst.add(argv[3], maxIntset(ctx))) {
      ctx.notify(KeyspaceEvents.SET, "sadd", argv[2]);
    }
    ctx.dirty(1);
    return Reply.ONE;
  }

  // ---- multi-key commands -------------------------------------------------------------------

  /**
   * The intersection of {@code sets} (sinterGenericCommand): walks the smallest
   * set and keeps the members all others hold, stopping after {@code limit}
   * members when limit > 0. Empty when any set is missing.
   */
  static List<byte[]> intersect(SetType[] sets, long limit) {
    List<byte[]> out = new ArrayList<>();
    for (SetType s : sets) {
      if (s == null) {
        return out;
      }
    }
    SetType[] bySize = sets.clone();
    Arrays.sort(bySize, Comparator.comparingInt(SetType::size));
    int n = bySize[0].size();
    for (int i = 0; i < n; i++) {
      byte[] m = bySize[0].memberAt(i);
      boolean all = true;
      for (int j = 1; j < bySize.length && all; j++) {
        // The same set named twice holds every member of itself.
        all = bySize[j] == bySize[0] || bySize[j].contains(m);
      }
      if (all) {
        out.add(m);
        if (limit > 0 && out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }

  /** SINTER key [key ...] */
  static Reply sinter(ExecContext ctx, byte[][] argv) {
    SetType[] sets = lookupAll(ctx, argv, 1, argv.length, false);
    List<Reply> out = new ArrayList<>();
    for (byte[] m : intersect(sets, 0)) {
      out.add(Reply.bulk(m));
    }
    return Reply.set(out);
  }

  /** SINTERSTORE destination key [key ...] */
  static Reply sinterstore(ExecContext ctx, byte[][] argv) {
    SetType[] sets = lookupAll(ctx, argv, 2, argv.length, false);
    SetType result = new SetType();
    long max = maxIntset(ctx);
    for (byte[] m : intersect(sets, 0)) {
      result.add(m, max);
    }
    return store(ctx, argv[1], result, "sinterstore");
  }

  /** SINTERCARD's keys: argv[2 .. 2 + numkeys), with its numkeys errors. */
  static int[] sintercardKeys(byte[][] argv) {
    int numkeys = numkeys(argv);
    int[] idx = new int[numkeys];
    for (int i = 0; i < numkeys; i++) {
      idx[i] = 2 + i;
    }
    return idx;
  }

  private static int numkeys(byte[][] argv) {
    Long n = Args.toLong(argv[1]);
    if (n == null || n <= 0) {
      throw new CommandException(RespErrors.NUMKEYS_NOT_POSITIVE);
    }
    if (n > argv.length - 2) {
      throw new CommandException(RespErrors.NUMKEYS_MORE_THAN_ARGS);
    }
    return (int) (long) n;
  }

  /** SINTERCARD numkeys key [key ...] [LIMIT limit] */
  static Reply sintercard(ExecContext ctx, byte[][] argv) {
    int numkeys = numkeys(argv);
    long limit = 0;
    for (int i = 2 + numkeys; i < argv.length; i++) {
      if (Args.is(argv[i], "limit") && i + 1 < argv.length) {
        Long l = Args.toLong(argv[++i]);
        if (l == null || l < 0) {
          throw new CommandException(RespErrors.LIMIT_NEGATIVE);
        }
        limit = l;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    SetType[] sets = lookupAll(ctx, argv, 2, 2 + numkeys, false);
    return Reply.integer(intersect(sets, limit).size());
  }

  /**
   * The union (or, with {@code diff}, the first set minus all others) of
   * {@code sets}, built as a set the way Redis's sunionDiffGenericCommand
   * builds it (so an all-integer result is an ascending intset).
   */
  static SetType unionOrDiff(SetType[] sets, boolean diff, long maxIntset) {
    SetType result = new SetType();
    if (!diff) {
      for (SetType s : sets) {
        if (s != null) {
          s.forEach(m -> result.add(m, maxIntset));
        }
      }
      return result;
    }
    SetType first = sets[0];
    if (first == null) {
      return result;
    }
    first.forEach(m -> {
      for (int j = 1; j < sets.length; j++) {
        if (sets[j] == first || (sets[j] != null && sets[j].contains(m))) {
          return;
        }
      }
      result.add(m, maxIntset);
    });
    return result;
  }

  /** SUNION key [key ...] */
  static Reply sunion(ExecContext ctx, byte[][] argv) {
    SetType[] sets = lookupAll(ctx, argv, 1, argv.length, false);
    return members(unionOrDiff(sets, false, maxIntset(ctx)));
  }

  /** SUNIONSTORE destination key [key ...] */
  static Reply sunionstore(ExecContext ctx, byte[][] argv) {
    SetType[] sets = lookupAll(ctx, argv, 2, argv.length, false);
    return store(ctx, argv[1], unionOrDiff(sets, false, maxIntset(ctx)), "sunionstore");
  }

  /** SDIFF key [key ...] */
  static Reply sdiff(ExecContext ctx, byte[][] argv) {
    SetType[] sets = lookupAll(ctx, argv, 1, argv.length, false);
    return members(unionOrDiff(sets, true, maxIntset(ctx)));
  }

  /** SDIFFSTORE destination key [key ...] */
  static Reply sdiffstore(ExecContext ctx, byte[][] argv) {
    SetType[] sets = lookupAll(ctx, argv, 2, argv.length, false);
    return store(ctx, argv[1], unionOrDiff(sets, true, maxIntset(ctx)), "sdiffstore");
  }

  /** SSCAN key cursor [MATCH pattern] [COUNT count] */
  static Reply sscan(ExecContext ctx, byte[][] argv) {
    long cursor = Args.parseCursor(argv[2]);
    SetType s = lookupRead(ctx, argv[1]);
    if (s == null) {
      return Reply.array(Reply.bulk("0"), Reply.EMPTY_ARRAY);
    }
    ScanOptions opts = ScanOptions.parse(argv, 3);
    List<Reply> out = new ArrayList<>();
    long next = s.scan(cursor, opts.count(), m -> {
      if (opts.matches(m)) {
        out.add(Reply.bulk(m));
      }
    });
    return Reply.array(Reply.bulk(Long.toUnsignedString(next)), Reply.array(out));
  }
}

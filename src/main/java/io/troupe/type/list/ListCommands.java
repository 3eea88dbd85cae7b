package io.troupe.type.list;

import io.troupe.keyspace.Args;
import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyspaceEvents;
import io.troupe.keyspace.Propagation;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import io.troupe.resp.Reply;
import io.troupe.type.string.LongDouble;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The list commands (Redis's t_list.c): one handler per command, each headed
 * by its syntax line. Every handler parses and validates all of its arguments
 * in Redis's order before it changes anything; a list emptied by a command is
 * deleted, as Redis never keeps an empty list.
 *
 * <p>The blocking commands try their non-blocking action first and otherwise
 * return {@link ExecContext#block}; when a key they wait on gets data, the
 * same handler runs again with the same arguments.
 */
public final class ListCommands {
  private ListCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("lpush", ListCommands::lpush);
    b.keyed("rpush", ListCommands::rpush);
    b.keyed("lpushx", ListCommands::lpushx);
    b.keyed("rpushx", ListCommands::rpushx);
    b.keyed("lpop", ListCommands::lpop);
    b.keyed("rpop", ListCommands::rpop);
    b.keyed("llen", ListCommands::llen);
    b.keyed("lrange", ListCommands::lrange);
    b.keyed("lindex", ListCommands::lindex);
    b.keyed("lset", ListCommands::lset);
    b.keyed("linsert", ListCommands::linsert);
    b.keyed("lrem", ListCommands::lrem);
    b.keyed("ltrim", ListCommands::ltrim);
    b.keyed("lpos", ListCommands::lpos);
    b.keyed("lmove", ListCommands::lmove);
    b.keyed("rpoplpush", ListCommands::rpoplpush);
    b.keyed("lmpop", argv -> numkeysKeys(argv, 1), ListCommands::lmpop);
    b.keyed("blpop", ListCommands::blpop);
    b.keyed("brpop", ListCommands::brpop);
    b.keyed("blmove", ListCommands::blmove);
    b.keyed("brpoplpush", ListCommands::brpoplpush);
    b.keyed("blmpop", argv -> numkeysKeys(argv, 2), ListCommands::blmpop);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The list stored at {@code key} for writing, null when absent; WRONGTYPE for other types. */
  static ListType lookupWrite(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupWrite(key);
    return e == null ? null : ExecContext.valueAs(e, ListType.class);
  }

  /** The list stored at {@code key} for reading, null when absent; WRONGTYPE for other types. */
  static ListType lookupRead(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupRead(key);
    return e == null ? null : ExecContext.valueAs(e, ListType.class);
  }

  /** A new empty list with the node fill configured now (list-max-listpack-size). */
  static ListType newList(ExecContext ctx) {
    return new ListType((int) ctx.config().getLong("list-max-listpack-size"));
  }

  /**
   * listElementsRemoved: notifies {@code event} for {@code key}, then deletes
   * the list and notifies "del" when it was emptied (Redis never keeps an
   * empty list). Used by every handler that pops, removes or trims.
   */
  private static void elementsRemoved(ExecContext ctx, String event, byte[] key, ListType list) {
    ctx.notifyAndDelIfEmpty(KeyspaceEvents.LIST, event, key, list.isEmpty());
  }

  /** The event of a pop at the head ("lpop") or tail ("rpop"). */
  private static String popEvent(boolean atHead) {
    return atHead ? "lpop" : "rpop";
  }

  /** The event of a push at the head ("lpush") or tail ("rpush"). */
  private static String pushEvent(boolean atHead) {
    return atHead ? "lpush" : "rpush";
  }

  /** LEFT / RIGHT as "at the head" (true) or "at the tail"; ERR syntax error otherwise. */
  private static boolean parseWhere(byte[] arg) {
    if (Args.is(arg, "left")) {
      return true;
    }
    if (Args.is(arg, "right")) {
      return false;
    }
    throw new CommandException(RespErrors.SYNTAX);
  }

  private static List<Reply> bulks(List<byte[]> values) {
    List<Reply> out = new ArrayList<>(values.size());
    for (byte[] v : values) {
      out.add(Reply.bulk(v));
    }
    return out;
  }

  /**
   * The keys of LMPOP / BLMPOP: numkeys at {@code numkeysIdx}, the keys right
   * after it. Malformed arguments give no keys; the handler then answers
   * with Redis's error.
   */
  static int[] numkeysKeys(byte[][] argv, int numkeysIdx) {
    Long n = Args.toLong(argv[numkeysIdx]);
    if (n == null || n < 1 || n > argv.length - numkeysIdx - 2) {
      return new int[0];
    }
    int[] keys = new int[(int) (long) n];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = numkeysIdx + 1 + i;
    }
    return keys;
  }

  /**
   * getTimeoutFromObjectOrReply in seconds as Redis 7.0 computes it: the
   * argument read as a long double, times 1000 (rounded to long double), then
   * ceil and cast to a 64-bit integer; a value the cast cannot hold becomes
   * LLONG_MIN on x86, hence "timeout is negative". Returns milliseconds, 0
   * meaning forever. Used by every blocking list command.
   */
  static long parseTimeout(byte[] arg) {
    LongDouble v = LongDouble.parse(arg);
    if (v == null) {
      throw new CommandException(RespErrors.TIMEOUT_NOT_FLOAT);
    }
    if (v.isInfinite()) {
      throw new CommandException(RespErrors.TIMEOUT_NEGATIVE);
    }
    BigDecimal ms = v.toBigDecimal().multiply(THOUSAND);
    if (ms.abs().compareTo(TWO_POW_64) >= 0) {
      throw new CommandException(RespErrors.TIMEOUT_NEGATIVE);
    }
    BigInteger t = roundToLongDouble(ms).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    if (t.bitLength() > 63 || t.signum() < 0) {
      throw new CommandException(RespErrors.TIMEOUT_NEGATIVE);
    }
    return t.longValue();
  }

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final BigDecimal TWO_POW_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

  /**
   * {@code x} rounded to a 64-bit significand, ties to even (x87 long double),
   * for |x| &lt; 2^64. Values under 0.5 in magnitude are returned as they are:
   * rounding cannot move their ceiling.
   */
  static BigDecimal roundToLongDouble(BigDecimal x) {
    BigDecimal ax = x.abs();
    if (ax.compareTo(HALF) < 0) {
      return x;
    }
    int top = ax.compareTo(BigDecimal.ONE) < 0 ? -1 : ax.toBigInteger().bitLength() - 1;
    int quantum = top - 63;
    BigDecimal scale = new BigDecimal(BigInteger.ONE.shiftLeft(Math.abs(quantum)));
    BigDecimal units = quantum >= 0 ? ax.divide(scale) : ax.multiply(scale);
    BigDecimal q = units.setScale(0, RoundingMode.HALF_EVEN);
    BigDecimal r = quantum >= 0 ? q.multiply(scale) : q.divide(scale);
    return x.signum() < 0 ? r.negate() : r;
  }

  // ---- push / pop ---------------------------------------------------------------------------

  /**
   * LPUSH, RPUSH, LPUSHX, RPUSHX: pushes every element in order at the head
   * or tail; with {@code onlyIfExists} a missing key is left alone (0).
   * Returns the new length.
   */
  static Reply pushGeneric(ExecContext ctx, byte[][] argv, boolean atHead, boolean onlyIfExists) {
    byte[] key = argv[1];
    ListType list = lookupWrite(ctx, key);
    boolean created = false;
    if (list == null) {
      if (onlyIfExists) {
        return Reply.ZERO;
      }
      list = newList(ctx);
      created = true;
    }
    for (int i = 2; i < argv.length; i++) {
      list.push(argv[i], atHead);
    }
    if (created) {
      ctx.add(ctx.db(), key, list);
    }
    ctx.notify(KeyspaceEvents.LIST, pushEvent(atHead), key);
    ctx.dirty(argv.length - 2);
    return Reply.integer(list.size());
  }

  /** LPUSH key element [element ...] */
  static Reply lpush(ExecContext ctx, byte[][] argv) {
    return pushGeneric(ctx, argv, true, false);
  }

  /** RPUSH key element [element ...] */
  static Reply rpush(ExecContext ctx, byte[][] argv) {
    return pushGeneric(ctx, argv, false, false);
  }

  /** LPUSHX key element [element ...] */
  static Reply lpushx(ExecContext ctx, byte[][] argv) {
    return pushGeneric(ctx, argv, true, true);
  }

  /** RPUSHX key element [element ...] */
  static Reply rpushx(ExecContext ctx, byte[][] argv) {
    return pushGeneric(ctx, argv, false, true);
  }

  /**
   * LPOP / RPOP: one element as a bulk, or with a count an array of up to
   * count elements. A missing key answers nil (a null array with a count).
   */
  static Reply popGeneric(ExecContext ctx, byte[][] argv, boolean atHead) {
    if (argv.length > 3) {
      throw new CommandException(RespErrors.wrongArgs(atHead ? "lpop" : "rpop"));
    }
    boolean hasCount = argv.length == 3;
    long count = 1;
    if (hasCount) {
      Long c = Args.toLong(argv[2]);
      if (c == null || c < 0) {
        throw new CommandException(RespErrors.OUT_OF_RANGE);
      }
      count = c;
    }
    byte[] key = argv[1];
    ListType list = lookupWrite(ctx, key);
    if (list == null) {
      return hasCount ? Reply.NULL_ARRAY : Reply.NULL_BULK;
    }
    if (!hasCount) {
      byte[] v = list.pop(atHead);
      elementsRemoved(ctx, popEvent(atHead), key, list);
      ctx.dirty(1);
      return Reply.bulk(v);
    }
    if (count == 0) {
      return Reply.EMPTY_ARRAY;
    }
    List<Reply> out = popRange(list, atHead, count);
    elementsRemoved(ctx, popEvent(atHead), key, list);
    ctx.dirty(out.size());
    return Reply.array(out);
  }

  /** LPOP key [count] */
  static Reply lpop(ExecContext ctx, byte[][] argv) {
    return popGeneric(ctx, argv, true);
  }

  /** RPOP key [count] */
  static Reply rpop(ExecContext ctx, byte[][] argv) {
    return popGeneric(ctx, argv, false);
  }

  /** Pops up to {@code count} elements from one end, as replies (LPOP/RPOP count, LMPOP). */
  private static List<Reply> popRange(ListType list, boolean atHead, long count) {
    int n = (int) Math.min(count, list.size());
    List<Reply> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Reply.bulk(list.pop(atHead)));
    }
    return out;
  }

  /** LLEN key */
  static Reply llen(ExecContext ctx, byte[][] argv) {
    ListType list = lookupRead(ctx, argv[1]);
    return Reply.integer(list == null ? 0 : list.size());
  }

  /** LRANGE key start stop */
  static Reply lrange(ExecContext ctx, byte[][] argv) {
    long start = Args.parseLong(argv[2]);
    long end = Args.parseLong(argv[3]);
    ListType list = lookupRead(ctx, argv[1]);
    if (list == null) {
      return Reply.EMPTY_ARRAY;
    }
    long len = list.size();
    if (start < 0) {
      start = len + start;
    }
    if (end < 0) {
      end = len + end;
    }
    if (start < 0) {
      start = 0;
    }
    if (start > end || start >= len) {
      return Reply.EMPTY_ARRAY;
    }
    if (end >= len) {
      end = len - 1;
    }
    return Reply.array(bulks(list.range(start, end)));
  }

  /** LINDEX key index */
  static Reply lindex(ExecContext ctx, byte[][] argv) {
    ListType list = lookupRead(ctx, argv[1]);
    if (list == null) {
      return Reply.NULL_BULK;
    }
    long index = Args.parseLong(argv[2]);
    if (index < 0) {
      index = list.size() + index;
    }
    if (index < 0 || index >= list.size()) {
      return Reply.NULL_BULK;
    }
    return Reply.bulk(list.get(index));
  }

  /** LSET key index element */
  static Reply lset(ExecContext ctx, byte[][] argv) {
    ListType list = lookupWrite(ctx, argv[1]);
    if (list == null) {
      throw new CommandException(RespErrors.NO_SUCH_KEY);
    }
    long index = Args.parseLong(argv[2]);
    if (index < 0) {
      index = list.size() + index;
    }
    if (index < 0 || index >= list.size()) {
      throw new CommandException(RespErrors.INDEX_OUT_OF_RANGE);
    }
    list.set(index, argv[3]);
    ctx.notify(KeyspaceEvents.LIST, "lset", argv[1]);
    ctx.dirty(1);
    return Reply.OK;
  }

  /** LINSERT key BEFORE|AFTER pivot element */
  static Reply linsert(ExecContext ctx, byte[][] argv) {
    boolean after;
    if (Args.is(argv[2], "after")) {
      after = true;
    } else if (Args.is(argv[2], "before")) {
      after = false;
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    ListType list = lookupWrite(ctx, argv[1]);
    if (list == null) {
      return Reply.ZERO;
    }
    if (!list.insert(argv[3], argv[4], after)) {
      return Reply.MINUS_ONE;
    }
    ctx.notify(KeyspaceEvents.LIST, "linsert", argv[1]);
    ctx.dirty(1);
    return Reply.integer(list.size());
  }

  /** LREM key count element */
  static Reply lrem(ExecContext ctx, byte[][] argv) {
    long count = Args.parseLong(argv[2]);
    ListType list = lookupWrite(ctx, argv[1]);
    if (list == null) {
      return Reply.ZERO;
    }
    long removed = list.remove(argv[3], count);
    if (removed > 0) {
      elementsRemoved(ctx, "lrem", argv[1], list);
      ctx.dirty(removed);
    }
    return Reply.integer(removed);
  }

  /** LTRIM key start stop */
  static Reply ltrim(ExecContext ctx, byte[][] argv) {
    long start = Args.parseLong(argv[2]);
    long end = Args.parseLong(argv[3]);
    ListType list = lookupWrite(ctx, argv[1]);
    if (list == null) {
      return Reply.OK;
    }
    long len = list.size();
    if (start < 0) {
      start = len + start;
    }
    if (end < 0) {
      end = len + end;
    }
    if (start < 0) {
      start = 0;
    }
    long fromHead;
    long fromTail;
    if (start > end || start >= len) {
      fromHead = len;
      fromTail = 0;
    } else {
      if (end >= len) {
        end = len - 1;
      }
      fromHead = start;
      fromTail = len - end - 1;
    }
    list.trimEnds(fromHead, fromTail);
    elementsRemoved(ctx, "ltrim", argv[1], list);
    ctx.dirty(fromHead + fromTail);
    return Reply.OK;
  }

  /** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] */
  static Reply lpos(ExecContext ctx, byte[][] argv) {
    long rank = 1;
    long count = -1;
    long maxlen = 0;
    for (int j = 3; j < argv.length; j++) {
      boolean more = j + 1 < argv.length;
      if (Args.is(argv[j], "rank") && more) {
        rank = Args.parseLong(argv[++j]);
        if (rank == 0) {
          throw new CommandException(RespErrors.LPOS_RANK_ZERO);
        }
      } else if (Args.is(argv[j], "count") && more) {
        Long c = Args.toLong(argv[++j]);
        if (c == null || c < 0) {
          throw new CommandException(RespErrors.LPOS_COUNT_NEGATIVE);
        }
        count = c;
      } else if (Args.is(argv[j], "maxlen") && more) {
        Long m = Args.toLong(argv[++j]);
        if (m == null || m < 0) {
          throw new CommandException(RespErrors.LPOS_MAXLEN_NEGATIVE);
        }
        maxlen = m;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    ListType list = lookupRead(ctx, argv[1]);
    if (list == null) {
      return count >= 0 ? Reply.EMPTY_ARRAY : Reply.NULL_BULK;
    }
    List<Long> found = list.positions(argv[2], rank, count < 0 ? 1 : count, maxlen);
    if (count < 0) {
      return found.isEmpty() ? Reply.NULL_BULK : Reply.integer(found.get(0));
    }
    List<Reply> out = new ArrayList<>(found.size());
    for (long i : found) {
      out.add(Reply.integer(i));
    }
    return Reply.array(out);
  }

  // ---- moves ---------------------------------------------------------------------------------

  /**
   * LMOVE / RPOPLPUSH / BLMOVE's immediate path: pops from {@code source}
   * and pushes onto {@code destination} (which may be the same key: a
   * rotation). The destination's type is checked before anything is popped.
   * Returns the moved element, or null when the source is missing.
   */
  static byte[] moveGeneric(ExecContext ctx, byte[] source, byte[] destination, boolean fromHead,
      boolean toHead) {
    ListType src = lookupWrite(ctx, source);
    if (src == null) {
      return null;
    }
    ListType dst = lookupWrite(ctx, destination);
    byte[] v = src.pop(fromHead);
    if (dst == null) {
      dst = newList(ctx);
      dst.push(v, toHead);
      ctx.add(ctx.db(), destination, dst);
    } else {
      dst.push(v, toHead);
    }
    // As Redis: the push on the destination is notified before the pop.
    ctx.notify(KeyspaceEvents.LIST, pushEvent(toHead), destination);
    elementsRemoved(ctx, popEvent(fromHead), source, src);
    ctx.dirty(2);
    return v;
  }

  /** LMOVE source destination LEFT|RIGHT LEFT|RIGHT */
  static Reply lmove(ExecContext ctx, byte[][] argv) {
    boolean fromHead = parseWhere(argv[3]);
    boolean toHead = parseWhere(argv[4]);
    return Reply.bulk(moveGeneric(ctx, argv[1], argv[2], fromHead, toHead));
  }

  /** RPOPLPUSH source destination */
  static Reply rpoplpush(ExecContext ctx, byte[][] argv) {
    return Reply.bulk(moveGeneric(ctx, argv[1], argv[2], false, true));
  }

  /** The parsed tail of LMPOP / BLMPOP: keys, direction and count. */
  private record MpopArgs(byte[][] keys, boolean atHead, long count) {}

  /**
   * Parses "numkeys key [key ...] LEFT|RIGHT [COUNT count]" starting at
   * {@code numkeysIdx} with Redis's errors, in Redis's order.
   */
  private static MpopArgs parseMpop(byte[][] argv, int numkeysIdx) {
    Long n = Args.toLong(argv[numkeysIdx]);
    if (n == null || n < 1) {
      throw new CommandException(RespErrors.NUMKEYS_NOT_POSITIVE);
    }
    int whereIdx = numkeysIdx + 1;
    if (n > argv.length - whereIdx - 1) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    whereIdx += (int) (long) n;
    byte[][] keys = Arrays.copyOfRange(argv, numkeysIdx + 1, whereIdx);
    boolean atHead = parseWhere(argv[whereIdx]);
    long count = -1;
    for (int j = whereIdx + 1; j < argv.length; j++) {
      if (count == -1 && Args.is(argv[j], "count") && j + 1 < argv.length) {
        Long c = Args.toLong(argv[++j]);
        if (c == null || c < 1) {
          throw new CommandException(RespErrors.COUNT_NOT_POSITIVE);
        }
        count = c;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    return new MpopArgs(keys, atHead, count == -1 ? 1 : count);
  }

  /**
   * LMPOP / BLMPOP's immediate path: pops from the first non-empty list of
   * {@code a.keys} and answers [key, [elements]]; null when every key is
   * missing. WRONGTYPE for the first key of another type met on the way.
   */
  private static Reply mpopGeneric(ExecContext ctx, MpopArgs a) {
    for (byte[] key : a.keys()) {
      ListType list = lookupWrite(ctx, key);
      if (list == null) {
        continue;
      }
      List<Reply> popped = popRange(list, a.atHead(), a.count());
      elementsRemoved(ctx, popEvent(a.atHead()), key, list);
      ctx.dirty(popped.size());
      ctx.propagateAs(Propagation.argv(a.atHead() ? "LPOP" : "RPOP", key, popped.size()));
      return Reply.array(Reply.bulk(key), Reply.array(popped));
    }
    return null;
  }

  /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] */
  static Reply lmpop(ExecContext ctx, byte[][] argv) {
    Reply r = mpopGeneric(ctx, parseMpop(argv, 1));
    return r == null ? Reply.NULL_ARRAY : r;
  }

  // ---- blocking ------------------------------------------------------------------------------

  /**
   * BLPOP / BRPOP: pops from the first non-empty list among the keys and
   * answers [key, element]; otherwise blocks on all of them (a null array on
   * timeout, or at once when blocking is not allowed).
   */
  static Reply blockingPopGeneric(ExecContext ctx, byte[][] argv, boolean atHead) {
    long timeout = parseTimeout(argv[argv.length - 1]);
    byte[][] keys = Arrays.copyOfRange(argv, 1, argv.length - 1);
    for (byte[] key : keys) {
      ListType list = lookupWrite(ctx, key);
      if (list == null) {
        continue;
      }
      byte[] v = list.pop(atHead);
      elementsRemoved(ctx, popEvent(atHead), key, list);
      ctx.dirty(1);
      ctx.propagateAs(Propagation.argv(atHead ? "LPOP" : "RPOP", key));
      return Reply.array(Reply.bulk(key), Reply.bulk(v));
    }
    if (!ctx.blockingAllowed()) {
      return Reply.NULL_ARRAY;
    }
    return ctx.block(keys, timeout, Reply.NULL_ARRAY);
  }

  /** BLPOP key [key ...] timeout */
  static Reply blpop(ExecContext ctx, byte[][] argv) {
    return blockingPopGeneric(ctx, argv, true);
  }

  /** BRPOP key [key ...] timeout */
  static Reply brpop(ExecContext ctx, byte[][] argv) {
    return blockingPopGeneric(ctx, argv, false);
  }

  /**
   * BLMOVE / BRPOPLPUSH: LMOVE when the source has data, else blocks on the
   * source. Redis answers a timeout with a null array but a refused block
   * (MULTI, scripts) with a null bulk.
   */
  private static Reply blockingMoveGeneric(ExecContext ctx, byte[][] argv, boolean fromHead,
      boolean toHead, long timeout) {
    byte[] v = moveGeneric(ctx, argv[1], argv[2], fromHead, toHead);
    if (v != null) {
      ctx.propagateAs(argv.length == 4 ? Propagation.argv("RPOPLPUSH", argv[1], argv[2])
          : Propagation.argv("LMOVE", argv[1], argv[2], argv[3], argv[4]));
      return Reply.bulk(v);
    }
    if (!ctx.blockingAllowed()) {
      return Reply.NULL_BULK;
    }
    return ctx.block(new byte[][] {argv[1]}, timeout, Reply.NULL_ARRAY);
  }

  /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout */
  static Reply blmove(ExecContext ctx, byte[][] argv) {
    boolean fromHead = parseWhere(argv[3]);
    boolean toHead = parseWhere(argv[4]);
    long timeout = parseTimeout(argv[5]);
    return blockingMoveGeneric(ctx, argv, fromHead, toHead, timeout);
  }

  /** BRPOPLPUSH source destination timeout */
  static Reply brpoplpush(ExecContext ctx, byte[][] argv) {
    long timeout = parseTimeout(argv[3]);
    return blockingMoveGeneric(ctx, argv, false, true, timeout);
  }

  /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count] */
  static Reply blmpop(ExecContext ctx, byte[][] argv) {
    MpopArgs a = parseMpop(argv, 2);
    long timeout = parseTimeout(argv[1]);
    Reply r = mpopGeneric(ctx, a);
    if (r != null) {
      return r;
    }
    if (!ctx.blockingAllowed()) {
      return Reply.NULL_ARRAY;
    }
    return ctx.block(a.keys(), timeout, Reply.NULL_ARRAY);
  }
}

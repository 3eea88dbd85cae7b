package io.troupe.type.zset;

import io.troupe.keyspace.Args;
import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyspaceEvents;
import io.troupe.keyspace.Propagation;
import io.troupe.keyspace.GlobPattern;
import io.troupe.keyspace.KeyFinder;
import io.troupe.resp.CommandException;
import io.troupe.resp.Doubles;
import io.troupe.resp.RespErrors;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The sorted-set commands (the command half of Redis's t_zset.c), one
 * handler per command, each headed by its syntax line. Shared logic sits in
 * generic helpers as in Redis: {@link #zaddGeneric} (ZADD, ZINCRBY),
 * {@link #zrangeGeneric} (ZRANGE and its seven older forms, ZRANGESTORE),
 * {@link #zremrangeGeneric}, {@link #zpopGeneric} (ZPOPMIN/MAX, ZMPOP and the
 * blocking forms), {@link #setOpGeneric} (ZUNION/ZINTER/ZDIFF[STORE], ZINTERCARD).
 * Every handler validates all its arguments before it changes anything.
 */
public final class ZSetCommands {
  private ZSetCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("zadd", ZSetCommands::zadd);
    b.keyed("zincrby", ZSetCommands::zincrby);
    b.keyed("zrem", ZSetCommands::zrem);
    b.keyed("zscore", ZSetCommands::zscore);
    b.keyed("zmscore", ZSetCommands::zmscore);
    b.keyed("zcard", ZSetCommands::zcard);
    b.keyed("zcount", ZSetCommands::zcount);
    b.keyed("zlexcount", ZSetCommands::zlexcount);
    b.keyed("zrange", ZSetCommands::zrange);
    b.keyed("zrangestore", ZSetCommands::zrangestore);
    b.keyed("zrevrange", ZSetCommands::zrevrange);
    b.keyed("zrangebyscore", ZSetCommands::zrangebyscore);
    b.keyed("zrevrangebyscore", ZSetCommands::zrevrangebyscore);
    b.keyed("zrangebylex", ZSetCommands::zrangebylex);
    b.keyed("zrevrangebylex", ZSetCommands::zrevrangebylex);
    b.keyed("zrank", ZSetCommands::zrank);
    b.keyed("zrevrank", ZSetCommands::zrevrank);
    b.keyed("zremrangebyrank", ZSetCommands::zremrangebyrank);
    b.keyed("zremrangebyscore", ZSetCommands::zremrangebyscore);
    b.keyed("zremrangebylex", ZSetCommands::zremrangebylex);
    b.keyed("zpopmin", ZSetCommands::zpopmin);
    b.keyed("zpopmax", ZSetCommands::zpopmax);
    b.keyed("bzpopmin", ZSetCommands::bzpopmin);
    b.keyed("bzpopmax", ZSetCommands::bzpopmax);
    b.keyed("zmpop", numkeysAt(1, false), ZSetCommands::zmpop);
    b.keyed("bzmpop", numkeysAt(2, false), ZSetCommands::bzmpop);
    b.keyed("zunion", numkeysAt(1, false), ZSetCommands::zunion);
    b.keyed("zinter", numkeysAt(1, false), ZSetCommands::zinter);
    b.keyed("zdiff", numkeysAt(1, false), ZSetCommands::zdiff);
    b.keyed("zunionstore", numkeysAt(2, true), ZSetCommands::zunionstore);
    b.keyed("zinterstore", numkeysAt(2, true), ZSetCommands::zinterstore);
    b.keyed("zdiffstore", numkeysAt(2, true), ZSetCommands::zdiffstore);
    b.keyed("zintercard", numkeysAt(1, false), ZSetCommands::zintercard);
    b.keyed("zrandmember", ZSetCommands::zrandmember);
    b.keyed("zscan", ZSetCommands::zscan);
  }

  /**
   * Keys of a numkeys command: {@code numkeys} at argv[idx], the keys after
   * it, and with {@code destAt1} also argv[1] (the STORE destination). A bad
   * numkeys yields no source keys; the handler then answers with the error.
   */
  static KeyFinder numkeysAt(int idx, boolean destAt1) {
    return argv -> {
      Long n = idx < argv.length ? Args.toLong(argv[idx]) : null;
      int count = n == null || n < 1 || n > argv.length - idx - 1 ? 0 : (int) (long) n;
      int extra = destAt1 ? 1 : 0;
      int[] keys = new int[count + extra];
      if (destAt1) {
        keys[0] = 1;
      }
      for (int i = 0; i < count; i++) {
        keys[extra + i] = idx + 1 + i;
      }
      return keys;
    };
  }

  // ---- helpers ------------------------------------------------------------------------------

  static ZSetType.Limits limits(ExecContext ctx) {
    return new ZSetType.Limits(ctx.config().getLong("zset-max-listpack-entries"),
        ctx.config().getLong("zset-max-listpack-value"));
  }

  /** The sorted set at {@code key} for reading, null when absent; WRONGTYPE for other types. */
  static ZSetType readZset(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupRead(key);
    return e == null ? null : ExecContext.valueAs(e, ZSetType.class);
  }

  /** The sorted set at {@code key} for writing, null when absent; WRONGTYPE for other types. */
  static ZSetType writeZset(ExecContext ctx, byte[] key) {
    Entry e = ctx.lookupWrite(key);
    return e == null ? null : ExecContext.valueAs(e, ZSetType.class);
  }

  static boolean is(byte[] arg, String word) {
    return Args.is(arg, word);
  }

  /** A score as a reply: RESP3 double, RESP2 bulk of %.17g. */
  static Reply score(double d) {
    return Reply.dbl(d);
  }

  /** zslParseRange: "(x" exclusive, "-inf"/"+inf"; "ERR min or max is not a float". */
  static Ranges.ScoreRange parseScoreRange(byte[] min, byte[] max) {
    boolean minex = min.length > 0 && min[0] == '(';
    boolean maxex = max.length > 0 && max[0] == '(';
    Double lo = Scores.parseLoose(min, minex ? 1 : 0);
    Double hi = Scores.parseLoose(max, maxex ? 1 : 0);
    if (lo == null || hi == null) {
      throw new CommandException(RespErrors.MIN_MAX_NOT_FLOAT);
    }
    return new Ranges.ScoreRange(lo, hi, minex, maxex);
  }

  /** zslParseLexRange: "[x" / "(x", "-" and "+"; "ERR min or max not valid string range item". */
  static Ranges.LexRange parseLexRange(byte[] min, byte[] max) {
    byte[] lo = lexItem(min);
    byte[] hi = lexItem(max);
    if (lo == null || hi == null) {
      throw new CommandException(RespErrors.MIN_MAX_NOT_LEX);
    }
    return new Ranges.LexRange(lo, hi, min[0] == '(', max[0] == '(');
  }

  private static byte[] lexItem(byte[] s) {
    if (s.length == 0) {
      return null;
    }
    switch (s[0]) {
      case '+':
        return s.length == 1 ? Ranges.MAX_STRING : null;
      case '-':
        return s.length == 1 ? Ranges.MIN_STRING : null;
      case '(':
      case '[':
        return Arrays.copyOfRange(s, 1, s.length);
      default:
        return null;
    }
  }

  /**
   * getTimeoutFromObjectOrReply in seconds: the timeout in ms (0 = forever);
   * as in Redis, an out-of-range value converts to a negative one.
   */
  static long parseTimeout(byte[] arg) {
    double secs = Scores.parseStrict(arg, RespErrors.TIMEOUT_NOT_FLOAT);
    double ms = secs * 1000.0;
    if (ms >= 9.223372036854775807e18 || ms < -9.223372036854775808e18) {
      throw new CommandException(RespErrors.TIMEOUT_NEGATIVE); // (long long) overflow in C
    }
    long t = (long) ms;
    if (t < 0) {
      throw new CommandException(RespErrors.TIMEOUT_NEGATIVE);
    }
    return t;
  }

  /**
   * Stores {@code z} at {@code key} (overwriting, dropping any TTL) and
   * notifies {@code event}, or deletes the key when {@code z} is empty
   * (notifying "del" if it existed). The tail of ZRANGESTORE and
   * ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE.
   */
  static void storeOrDelete(ExecContext ctx, byte[] key, ZSetType z, String event) {
    if (z.size() > 0) {
      ctx.set(key, z);
      ctx.notify(KeyspaceEvents.ZSET, event, key);
    } else if (ctx.delete(key)) {
      ctx.notify(KeyspaceEvents.GENERIC, "del", key);
    }
  }

  // ---- ZADD / ZINCRBY -----------------------------------------------------------------------

  private static final int NX = 1;
  private static final int XX = 2;
  private static final int GT = 4;
  private static final int LT = 8;
  private static final int CH = 16;
  private static final int INCR = 32;

  /** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...] */
  static Reply zadd(ExecContext ctx, byte[][] argv) {
    return zaddGeneric(ctx, argv, 0);
  }

  /** ZINCRBY key increment member */
  static Reply zincrby(ExecContext ctx, byte[][] argv) {
    return zaddGeneric(ctx, argv, INCR);
  }

  /**
   * zaddGenericCommand: options, then score/member pairs; replies the number
   * added (or added+changed with CH), or with INCR the new score (null when
   * the options prevented it). Used by ZADD and ZINCRBY.
   */
  static Reply zaddGeneric(ExecContext ctx, byte[][] argv, int flags) {
    int scoreIdx = 2;
    while (scoreIdx < argv.length) {
      byte[] opt = argv[scoreIdx];
      if (is(opt, "nx")) {
        flags |= NX;
      } else if (is(opt, "xx")) {
        flags |= XX;
      } else if (is(opt, "ch")) {
        flags |= CH;
      } else if (is(opt, "incr")) {
        flags |= INCR;
      } else if (is(opt, "gt")) {
        flags |= GT;
      } else if (is(opt, "lt")) {
        flags |= LT;
      } else {
        break;
      }
      scoreIdx++;
    }
    boolean nx = (flags & NX) != 0;
    boolean xx = (flags & XX) != 0;
    boolean gt = (flags & GT) != 0;
    boolean lt = (flags & LT) != 0;
    boolean incr = (flags & INCR) != 0;
    int elements = argv.length - scoreIdx;
    if (elements % 2 != 0 || elements == 0) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    elements /= 2;
    if (nx && xx) {
      throw new CommandException(RespErrors.ZADD_XX_AND_NX);
    }
    if ((gt && nx) || (lt && nx) || (gt && lt)) {
      throw new CommandException(RespErrors.ZADD_GT_LT_NX);
    }
    if (incr && elements > 1) {
      throw new CommandException(RespErrors.ZADD_INCR_PAIR);
    }
    double[] scores = new double[elements];
    for (int j = 0; j < elements; j++) {
      scores[j] = Scores.parseStrict(argv[scoreIdx + j * 2], RespErrors.NOT_FLOAT);
    }
    byte[] key = argv[1];
    ZSetType z = writeZset(ctx, key);
    boolean created = false;
    if (z == null) {
      if (xx) {
        return incr ? Reply.NULL_BULK : Reply.ZERO;
      }
      z = ZSetType.create(limits(ctx), argv[scoreIdx + 1].length);
      created = true;
    }
    ZSetType.Limits lim = limits(ctx);
    long added = 0;
    long updated = 0;
    long processed = 0;
    double newScore = 0;
    for (int j = 0; j < elements; j++) {
      byte[] member = argv[scoreIdx + j * 2 + 1];
      double score = scores[j];
      Double cur = z.score(member);
      if (cur != null) {
        if (nx) {
          continue;
        }
        if (incr) {
          score += cur;
          if (Double.isNaN(score)) {
            throw new CommandException(RespErrors.SCORE_NAN);
          }
        }
        if ((lt && score >= cur) || (gt && score <= cur)) {
          continue;
        }
        processed++;
        newScore = score;
        if (score != cur) {
          z.updateScore(member, score);
          updated++;
        }
      } else if (!xx) {
        z.insert(member, score, lim);
        added++;
        processed++;
        newScore = score;
      }
    }
    if (created && z.size() > 0) {
      ctx.add(ctx.db(), key, z);
    }
    if (added + updated > 0) {
      ctx.notify(KeyspaceEvents.ZSET, incr ? "zincr" : "zadd", key);
    }
    ctx.dirty(added + updated);
    if (incr) {
      return processed > 0 ? score(newScore) : Reply.NULL_BULK;
    }
    return Reply.integer((flags & CH) != 0 ? added + updated : added);
  }

  // ---- simple reads and ZREM ------------------------------------------------------------------

  /** ZREM key member [member ...] */
  static Reply zrem(ExecContext ctx, byte[][] argv) {
    ZSetType z = writeZset(ctx, argv[1]);
    if (z == null) {
      return Reply.ZERO;
    }
    long deleted = 0;
    for (int j = 2; j < argv.length; j++) {
      if (z.remove(argv[j])) {
        deleted++;
        if (z.size() == 0) {
          break;
        }
      }
    }
    if (deleted > 0) {
      ctx.notifyAndDelIfEmpty(KeyspaceEvents.ZSET, "zrem", argv[1], z.size() == 0);
    }
    ctx.dirty(deleted);
    return Reply.integer(deleted);
  }

  /** ZSCORE key member */
  static Reply zscore(ExecContext ctx, byte[][] argv) {
    ZSetType z = readZset(ctx, argv[1]);
    Double s = z == null ? null : z.score(argv[2]);
    return s == null ? Reply.NULL_BULK : score(s);
  }

  /** ZMSCORE key member [member ...] */
  static Reply zmscore(ExecContext ctx, byte[][] argv) {
    ZSetType z = readZset(ctx, argv[1]);
    List<Reply> out = new ArrayList<>(argv.length - 2);
    for (int j = 2; j < argv.length; j++) {
      Double s = z == null ? null : z.score(argv[j]);
      out.add(s == null ? Reply.NULL_BULK : score(s));
    }
    return Reply.array(out);
  }

  /** ZCARD key */
  static Reply zcard(ExecContext ctx, byte[][] argv) {
    ZSetType z = readZset(ctx, argv[1]);
    return Reply.integer(z == null ? 0 : z.size());
  }

  /** ZCOUNT key min max */
  static Reply zcount(ExecContext ctx, byte[][] argv) {
    Ranges.ScoreRange r = parseScoreRange(argv[2], argv[3]);
    ZSetType z = readZset(ctx, argv[1]);
    if (z == null) {
      return Reply.ZERO;
    }
    long first = z.firstInRange(r);
    return Reply.integer(first < 0 ? 0 : z.lastInRange(r) - first + 1);
  }

  /** ZLEXCOUNT key min max */
  static Reply zlexcount(ExecContext ctx, byte[][] argv) {
    Ranges.LexRange r = parseLexRange(argv[2], argv[3]);
    ZSetType z = readZset(ctx, argv[1]);
    if (z == null) {
      return Reply.ZERO;
    }
    long first = z.firstInLex(r);
    return Reply.integer(first < 0 ? 0 : z.lastInLex(r) - first + 1);
  }

  /** ZRANK key member */
  static Reply zrank(ExecContext ctx, byte[][] argv) {
    return rankGeneric(ctx, argv, false);
  }

  /** ZREVRANK key member */
  static Reply zrevrank(ExecContext ctx, byte[][] argv) {
    return rankGeneric(ctx, argv, true);
  }

  /** zrankGenericCommand: the member's 0-based rank, or null. Used by ZRANK and ZREVRANK. */
  static Reply rankGeneric(ExecContext ctx, byte[][] argv, boolean reverse) {
    ZSetType z = readZset(ctx, argv[1]);
    long r = z == null ? -1 : z.rank(argv[2], reverse);
    return r < 0 ? Reply.NULL_BULK : Reply.integer(r);
  }

  // ---- ZRANGE family ------------------------------------------------------------------------

  enum RangeType { AUTO, RANK, SCORE, LEX }

  enum Direction { AUTO, FORWARD, REVERSE }

  /** Where the elements of a range go: a reply (with or without scores) or a destination set. */
  private static final class RangeResult {
    final List<Reply> items = new ArrayList<>();
    final boolean withScores;
    final ZSetType store;
    final ZSetType.Limits lim;

    RangeResult(boolean withScores, ZSetType store, ZSetType.Limits lim) {
      this.withScores = withScores;
      this.store = store;
      this.lim = lim;
    }

    void emit(byte[] member, double s) {
      if (store != null) {
        store.insert(member, s, lim);
        return;
      }
      items.add(Reply.bulk(member));
      if (withScores) {
        items.add(score(s));
      }
    }

    Reply finish(ExecContext ctx, byte[] dst) {
      if (store != null) {
        store.compact(lim);
        storeOrDelete(ctx, dst, store, "zrangestore");
        ctx.dirty(1);
        return Reply.integer(store.size());
      }
      return withScores ? Reply.pairs(items) : Reply.array(items);
    }
  }

  /** ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES] */
  static Reply zrange(ExecContext ctx, byte[][] argv) {
    return zrangeGeneric(ctx, argv, 1, null, RangeType.AUTO, Direction.AUTO);
  }

  /** ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] */
  static Reply zrangestore(ExecContext ctx, byte[][] argv) {
    return zrangeGeneric(ctx, argv, 2, argv[1], RangeType.AUTO, Direction.AUTO);
  }

  /** ZREVRANGE key start stop [WITHSCORES] */
  static Reply zrevrange(ExecContext ctx, byte[][] argv) {
    return zrangeGeneric(ctx, argv, 1, null, RangeType.RANK, Direction.REVERSE);
  }

  /** ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count] */
  static Reply zrangebyscore(ExecContext ctx, byte[][] argv) {
    return zrangeGeneric(ctx, argv, 1, null, RangeType.SCORE, Direction.FORWARD);
  }

  /** ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count] */
  static Reply zrevrangebyscore(ExecContext ctx, byte[][] argv) {
    return zrangeGeneric(ctx, argv, 1, null, RangeType.SCORE, Direction.REVERSE);
  }

  /** ZRANGEBYLEX key min max [LIMIT offset count] */
  static Reply zrangebylex(ExecContext ctx, byte[][] argv) {
    return zrangeGeneric(ctx, argv, 1, null, RangeType.LEX, Direction.FORWARD);
  }

  /** ZREVRANGEBYLEX key max min [LIMIT offset count] */
  static Reply zrevrangebylex(ExecContext ctx, byte[][] argv) {
    return zrangeGeneric(ctx, argv, 1, null, RangeType.LEX, Direction.REVERSE);
  }

  /**
   * zrangeGenericCommand: parses the options Redis's way (a fixed range type
   * or direction makes BYSCORE/BYLEX/REV a syntax error), then emits the
   * range to a reply or, with {@code dst}, into a new set stored there. Used
   * by ZRANGE, ZRANGESTORE and the six older range commands.
   */
  static Reply zrangeGeneric(ExecContext ctx, byte[][] argv, int argvStart, byte[] dst,
      RangeType type, Direction dir) {
    byte[] key = argv[argvStart];
    int minIdx = argvStart + 1;
    int maxIdx = argvStart + 2;
    boolean withScores = false;
    long offset = 0;
    long limit = -1;
    for (int j = argvStart + 3; j < argv.length; j++) {
      int left = argv.length - j - 1;
      byte[] opt = argv[j];
      if (dst == null && is(opt, "withscores")) {
        withScores = true;
      } else if (is(opt, "limit") && left >= 2) {
        offset = Args.parseLong(argv[j + 1]);
        limit = Args.parseLong(argv[j + 2]);
        j += 2;
      } else if (dir == Direction.AUTO && is(opt, "rev")) {
        dir = Direction.REVERSE;
      } else if (type == RangeType.AUTO && is(opt, "bylex")) {
        type = RangeType.LEX;
      } else if (type == RangeType.AUTO && is(opt, "byscore")) {
        type = RangeType.SCORE;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    if (dir == Direction.AUTO) {
      dir = Direction.FORWARD;
    }
    if (type == RangeType.AUTO) {
      type = RangeType.RANK;
    }
    if (limit != -1 && type == RangeType.RANK) {
      throw new CommandException(RespErrors.ZRANGE_LIMIT_NEEDS_BY);
    }
    if (withScores && type == RangeType.LEX) {
      throw new CommandException(RespErrors.ZRANGE_WITHSCORES_BYLEX);
    }
    boolean reverse = dir == Direction.REVERSE;
    if (reverse && type != RangeType.RANK) {
      int t = minIdx;
      minIdx = maxIdx;
      maxIdx = t;
    }
    long start = 0;
    long end = 0;
    Ranges.ScoreRange scoreRange = null;
    Ranges.LexRange lexRange = null;
    switch (type) {
      case SCORE -> scoreRange = parseScoreRange(argv[minIdx], argv[maxIdx]);
      case LEX -> lexRange = parseLexRange(argv[minIdx], argv[maxIdx]);
      default -> {
        start = Args.parseLong(argv[minIdx]);
        end = Args.parseLong(argv[maxIdx]);
      }
    }
    ZSetType.Limits lim = limits(ctx);
    RangeResult out = new RangeResult(withScores, dst == null ? null : ZSetType.createSkiplist(), lim);
    ZSetType z = readZset(ctx, key);
    if (z == null) {
      return dst == null ? Reply.EMPTY_ARRAY : out.finish(ctx, dst);
    }
    switch (type) {
      case SCORE -> emitScoreRange(z, scoreRange, reverse, offset, limit, out);
      case LEX -> emitLexRange(z, lexRange, reverse, offset, limit, out);
      default -> emitRankRange(z, start, end, reverse, out);
    }
    return out.finish(ctx, dst);
  }

  private static void emitRankRange(ZSetType z, long start, long end, boolean reverse,
      RangeResult out) {
    long llen = z.size();
    if (start < 0) {
      start = llen + start;
    }
    if (end < 0) {
      end = llen + end;
    }
    if (start < 0) {
      start = 0;
    }
    if (start > end || start >= llen) {
      return;
    }
    if (end >= llen) {
      end = llen - 1;
    }
    long[] left = {end - start + 1};
    z.walk(reverse ? llen - 1 - start : start, reverse, (m, s) -> {
      out.emit(m, s);
      return --left[0] > 0;
    });
  }

  private static void emitScoreRange(ZSetType z, Ranges.ScoreRange r, boolean reverse,
      long offset, long limit, RangeResult out) {
    long first = reverse ? z.lastInRange(r) : z.firstInRange(r);
    emitWhile(z, first, reverse, offset, limit, (m, s) -> reverse ? r.gteMin(s) : r.lteMax(s), out);
  }

  private static void emitLexRange(ZSetType z, Ranges.LexRange r, boolean reverse,
      long offset, long limit, RangeResult out) {
    long first = reverse ? z.lastInLex(r) : z.firstInLex(r);
    emitWhile(z, first, reverse, offset, limit, (m, s) -> reverse ? r.gteMin(m) : r.lteMax(m), out);
  }

  /**
   * Walks from rank {@code first} (none when negative) in the given
   * direction, skipping {@code offset} elements, emitting at most
   * {@code limit} (negative: no limit) while {@code inRange} holds; the range
   * commands' shared loop (BYSCORE and BYLEX).
   */
  private static void emitWhile(ZSetType z, long first, boolean reverse, long offset, long limit,
      ZSetType.Visitor inRange, RangeResult out) {
    if ((offset > 0 && offset >= z.size()) || first < 0) {
      return;
    }
    long[] skip = {offset};
    long[] left = {limit};
    z.walk(first, reverse, (m, s) -> {
      if (skip[0] != 0) {
        skip[0]--;
        return true;
      }
      if (left[0] == 0 || !inRange.visit(m, s)) {
        return false;
      }
      left[0]--;
      out.emit(m, s);
      return true;
    });
  }

  // ---- ZREMRANGEBY* -------------------------------------------------------------------------

  /** ZREMRANGEBYRANK key start stop */
  static Reply zremrangebyrank(ExecContext ctx, byte[][] argv) {
    return zremrangeGeneric(ctx, argv, RangeType.RANK);
  }

  /** ZREMRANGEBYSCORE key min max */
  static Reply zremrangebyscore(ExecContext ctx, byte[][] argv) {
    return zremrangeGeneric(ctx, argv, RangeType.SCORE);
  }

  /** ZREMRANGEBYLEX key min max */
  static Reply zremrangebylex(ExecContext ctx, byte[][] argv) {
    return zremrangeGeneric(ctx, argv, RangeType.LEX);
  }

  /** zremrangeGenericCommand: removes a rank, score or lex range; replies how many went. */
  static Reply zremrangeGeneric(ExecContext ctx, byte[][] argv, RangeType type) {
    long start = 0;
    long end = 0;
    Ranges.ScoreRange sr = null;
    Ranges.LexRange lr = null;
    switch (type) {
      case SCORE -> sr = parseScoreRange(argv[2], argv[3]);
      case LEX -> lr = parseLexRange(argv[2], argv[3]);
      default -> {
        start = Args.parseLong(argv[2]);
        end = Args.parseLong(argv[3]);
      }
    }
    ZSetType z = writeZset(ctx, argv[1]);
    if (z == null) {
      return Reply.ZERO;
    }
    long llen = z.size();
    switch (type) {
      case SCORE -> {
        start = z.firstInRange(sr);
        end = start < 0 ? -1 : z.lastInRange(sr);
      }
      case LEX -> {
        start = z.firstInLex(lr);
        end = start < 0 ? -1 : z.lastInLex(lr);
      }
      default -> {
        if (start < 0) {
          start = llen + start;
        }
        if (end < 0) {
          end = llen + end;
        }
        if (start < 0) {
          start = 0;
        }
        if (start > end || start >= llen) {
          return Reply.ZERO;
        }
        if (end >= llen) {
          end = llen - 1;
        }
      }
    }
    if (start < 0) {
      return Reply.ZERO;
    }
    long removed = z.removeRange(start, end);
    if (removed > 0) {
      String event = switch (type) {
        case SCORE -> "zremrangebyscore";
        case LEX -> "zremrangebylex";
        default -> "zremrangebyrank";
      };
      ctx.notifyAndDelIfEmpty(KeyspaceEvents.ZSET, event, argv[1], z.size() == 0);
    }
    ctx.dirty(removed);
    return Reply.integer(removed);
  }

  // ---- pops ---------------------------------------------------------------------------------

  /** ZPOPMIN key [count] */
  static Reply zpopmin(ExecContext ctx, byte[][] argv) {
    return zpopCommand(ctx, argv, false);
  }

  /** ZPOPMAX key [count] */
  static Reply zpopmax(ExecContext ctx, byte[][] argv) {
    return zpopCommand(ctx, argv, true);
  }

  private static Reply zpopCommand(ExecContext ctx, byte[][] argv, boolean max) {
    if (argv.length > 3) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    long count = -1;
    if (argv.length == 3) {
      Long c = Args.toLong(argv[2]);
      if (c == null || c < 0) {
        throw new CommandException(RespErrors.OUT_OF_RANGE);
      }
      count = c;
    }
    byte[][] keys = {argv[1]};
    Popped p = zpopGeneric(ctx, keys, max, count == -1 ? 1 : count);
    if (p == null || p.items.isEmpty()) {
      return Reply.EMPTY_ARRAY;
    }
    return count == -1 ? Reply.array(p.items) : Reply.pairs(p.items);
  }

  /** What a pop took: the key, and member, score, member, score... */
  private record Popped(byte[] key, List<Reply> items) {}

  /**
   * genericZpopCommand: pops up to {@code count} elements from the lowest
   * (or highest) end of the first non-empty sorted set among {@code keys};
   * null when every key is absent. WRONGTYPE when a key before it holds
   * another type. Used by ZPOPMIN/MAX, ZMPOP and the blocking pops.
   */
  static Popped zpopGeneric(ExecContext ctx, byte[][] keys, boolean max, long count) {
    for (byte[] key : keys) {
      ZSetType z = writeZset(ctx, key);
      if (z == null) {
        continue;
      }
      List<Reply> items = new ArrayList<>();
      long n = Math.min(count, z.size());
      if (n == 0) {
        return new Popped(key, items);
      }
      long start = max ? z.size() - n : 0;
      long[] left = {n};
      z.walk(max ? z.size() - 1 : 0, max, (m, s) -> {
        items.add(Reply.bulk(m));
        items.add(score(s));
        return --left[0] > 0;
      });
      z.removeRange(start, start + n - 1);
      ctx.notifyAndDelIfEmpty(KeyspaceEvents.ZSET, max ? "zpopmax" : "zpopmin", key, z.size() == 0);
      ctx.dirty(n);
      return new Popped(key, items);
    }
    return null;
  }

  /** BZPOPMIN key [key ...] timeout */
  static Reply bzpopmin(ExecContext ctx, byte[][] argv) {
    return bzpopGeneric(ctx, argv, false);
  }

  /** BZPOPMAX key [key ...] timeout */
  static Reply bzpopmax(ExecContext ctx, byte[][] argv) {
    return bzpopGeneric(ctx, argv, true);
  }

  private static Reply bzpopGeneric(ExecContext ctx, byte[][] argv, boolean max) {
    long timeout = parseTimeout(argv[argv.length - 1]);
    byte[][] keys = Arrays.copyOfRange(argv, 1, argv.length - 1);
    Popped p = zpopGeneric(ctx, keys, max, 1);
    if (p != null) {
      ctx.propagateAs(Propagation.argv(max ? "ZPOPMAX" : "ZPOPMIN", p.key));
      return Reply.array(Reply.bulk(p.key), p.items.get(0), p.items.get(1));
    }
    if (!ctx.blockingAllowed()) {
      return Reply.NULL_ARRAY;
    }
    return ctx.block(keys, timeout, Reply.NULL_ARRAY);
  }

  /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count] */
  static Reply zmpop(ExecContext ctx, byte[][] argv) {
    return zmpopGeneric(ctx, argv, 1, -1);
  }

  /** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count] */
  static Reply bzmpop(ExecContext ctx, byte[][] argv) {
    long timeout = parseTimeout(argv[1]);
    return zmpopGeneric(ctx, argv, 2, timeout);
  }

  /**
   * zmpopGenericCommand: [key, [[member, score], ...]] from the first
   * non-empty key, or a null array; with {@code timeout >= 0} (BZMPOP) blocks
   * instead of answering null. Used by ZMPOP and BZMPOP.
   */
  static Reply zmpopGeneric(ExecContext ctx, byte[][] argv, int numkeysIdx, long timeout) {
    Long nk = Args.toLong(argv[numkeysIdx]);
    if (nk == null || nk < 1) {
      throw new CommandException(RespErrors.NUMKEYS_NOT_POSITIVE);
    }
    long whereIdx = numkeysIdx + nk + 1;
    if (whereIdx >= argv.length) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    boolean max;
    if (is(argv[(int) whereIdx], "min")) {
      max = false;
    } else if (is(argv[(int) whereIdx], "max")) {
      max = true;
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    long count = -1;
    for (int j = (int) whereIdx + 1; j < argv.length; j++) {
      boolean moreArgs = argv.length - 1 - j > 0;
      if (count == -1 && is(argv[j], "count") && moreArgs) {
        Long c = Args.toLong(argv[j + 1]);
        if (c == null || c < 1) {
          throw new CommandException(RespErrors.COUNT_NOT_POSITIVE);
        }
        count = c;
        j++;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    if (count == -1) {
      count = 1;
    }
    byte[][] keys = Arrays.copyOfRange(argv, numkeysIdx + 1, (int) whereIdx);
    Popped p = zpopGeneric(ctx, keys, max, count);
    if (p != null) {
      ctx.propagateAs(Propagation.argv(max ? "ZPOPMAX" : "ZPOPMIN", p.key, p.items.size() / 2));
      List<Reply> pairs = new ArrayList<>(p.items.size() / 2);
      for (int i = 0; i < p.items.size(); i += 2) {
        pairs.add(Reply.array(p.items.get(i), p.items.get(i + 1)));
      }
      return Reply.array(Reply.bulk(p.key), Reply.array(pairs));
    }
    if (timeout < 0 || !ctx.blockingAllowed()) {
      return Reply.NULL_ARRAY;
    }
    return ctx.block(keys, timeout, Reply.NULL_ARRAY);
  }

  // ---- ZUNION / ZINTER / ZDIFF ----------------------------------------------------------------

  enum SetOp { UNION, INTER, DIFF }

  enum Aggregate { SUM, MIN, MAX }

  /** One input of the set algebra: a sorted set, a plain set (scores 1), or absent. */
  private static final class Source {
    final ZSetType zset;
    final ZSetInputs.SetView set;
    double weight = 1;

    Source(ZSetType zset, ZSetInputs.SetView set) {
      this.zset = zset;
      this.set = set;
    }

    long size() {
      return zset != null ? zset.size() : set != null ? set.size() : 0;
    }

    Double scoreOf(byte[] member) {
      if (zset != null) {
        return zset.score(member);
      }
      if (set != null) {
        return set.contains(member) ? 1.0 : null;
      }
      return null;
    }

    void forEach(ZSetType.Visitor v) {
      if (zset != null) {
        zset.forEach(v);
      } else if (set != null) {
        for (byte[] m : set.members()) {
          if (!v.visit(m, 1.0)) {
            return;
          }
        }
      }
    }
  }

  /** A member as a hash key. */
  private record Member(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Member m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES] */
  static Reply zunion(ExecContext ctx, byte[][] argv) {
    return setOpGeneric(ctx, argv, 1, null, SetOp.UNION, false, "zunion");
  }

  /** ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES] */
  static Reply zinter(ExecContext ctx, byte[][] argv) {
    return setOpGeneric(ctx, argv, 1, null, SetOp.INTER, false, "zinter");
  }

  /** ZDIFF numkeys key [key ...] [WITHSCORES] */
  static Reply zdiff(ExecContext ctx, byte[][] argv) {
    return setOpGeneric(ctx, argv, 1, null, SetOp.DIFF, false, "zdiff");
  }

  /** ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] */
  static Reply zunionstore(ExecContext ctx, byte[][] argv) {
    return setOpGeneric(ctx, argv, 2, argv[1], SetOp.UNION, false, "zunionstore");
  }

  /** ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] */
  static Reply zinterstore(ExecContext ctx, byte[][] argv) {
    return setOpGeneric(ctx, argv, 2, argv[1], SetOp.INTER, false, "zinterstore");
  }

  /** ZDIFFSTORE destination numkeys key [key ...] */
  static Reply zdiffstore(ExecContext ctx, byte[][] argv) {
    return setOpGeneric(ctx, argv, 2, argv[1], SetOp.DIFF, false, "zdiffstore");
  }

  /** ZINTERCARD numkeys key [key ...] [LIMIT limit] */
  static Reply zintercard(ExecContext ctx, byte[][] argv) {
    return setOpGeneric(ctx, argv, 1, null, SetOp.INTER, true, "zintercard");
  }

  private static double aggregate(double target, double val, Aggregate agg) {
    switch (agg) {
      case SUM: {
        double t = target + val;
        return Double.isNaN(t) ? 0.0 : t;
      }
      case MIN:
        return val < target ? val : target;
      default:
        return val > target ? val : target;
    }
  }

  /**
   * zunionInterDiffGenericCommand: sources (sorted sets or sets) combined by
   * union, intersection or difference with WEIGHTS and AGGREGATE; the result
   * goes to {@code dst} (STORE forms: replies its size), to the client
   * (WITHSCORES optional), or only its size is counted (ZINTERCARD, LIMIT).
   */
  static Reply setOpGeneric(ExecContext ctx, byte[][] argv, int numkeysIdx, byte[] dst,
      SetOp op, boolean cardinalityOnly, String command) {
    long numkeys = Args.parseLong(argv[numkeysIdx]);
    if (numkeys < 1) {
      throw new CommandException(RespErrors.atLeastOneInputKey(command));
    }
    if (numkeys > argv.length - numkeysIdx - 1) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    int n = (int) numkeys;
    Source[] src = new Source[n];
    for (int i = 0; i < n; i++) {
      byte[] key = argv[numkeysIdx + 1 + i];
      // Redis 7.0 reads the sources with lookupKeyRead even for the STORE forms.
      Entry e = ctx.lookupRead(key);
      if (e == null) {
        src[i] = new Source(null, null);
      } else if (e.value() instanceof ZSetType z) {
        src[i] = new Source(z, null);
      } else {
        ZSetInputs.SetView view = ZSetInputs.viewOf(e.value());
        if (view == null) {
          throw new CommandException(RespErrors.WRONGTYPE);
        }
        src[i] = new Source(null, view);
      }
    }
    Aggregate agg = Aggregate.SUM;
    boolean withScores = false;
    long limit = 0;
    int j = numkeysIdx + n + 1;
    int remaining = argv.length - j;
    while (remaining > 0) {
      if (op != SetOp.DIFF && !cardinalityOnly && remaining >= n + 1 && is(argv[j], "weights")) {
        j++;
        remaining--;
        for (int i = 0; i < n; i++, j++, remaining--) {
          src[i].weight = Scores.parseStrict(argv[j], RespErrors.WEIGHT_NOT_FLOAT);
        }
      } else if (op != SetOp.DIFF && !cardinalityOnly && remaining >= 2 && is(argv[j], "aggregate")) {
        j++;
        remaining--;
        if (is(argv[j], "sum")) {
          agg = Aggregate.SUM;
        } else if (is(argv[j], "min")) {
          agg = Aggregate.MIN;
        } else if (is(argv[j], "max")) {
          agg = Aggregate.MAX;
        } else {
          throw new CommandException(RespErrors.SYNTAX);
        }
        j++;
        remaining--;
      } else if (remaining >= 1 && dst == null && !cardinalityOnly && is(argv[j], "withscores")) {
        j++;
        remaining--;
        withScores = true;
      } else if (cardinalityOnly && remaining >= 2 && is(argv[j], "limit")) {
        j++;
        remaining--;
        Long l = Args.toLong(argv[j]);
        if (l == null || l < 0) {
          throw new CommandException(RespErrors.LIMIT_NEGATIVE);
        }
        limit = l;
        j++;
        remaining--;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    if (op != SetOp.DIFF) {
      // Smallest first (a stable sort, as glibc's qsort behaves for these sizes).
      Arrays.sort(src, Comparator.comparingLong(Source::size));
    }
    ZSetType result = ZSetType.createSkiplist();
    ZSetType.Limits lim = limits(ctx);
    if (op == SetOp.INTER) {
      if (cardinalityOnly) {
        return Reply.integer(interCard(src, limit));
      }
      inter(src, agg, result, lim);
    } else if (op == SetOp.UNION) {
      union(src, agg, result, lim);
    } else {
      diff(src, result, lim);
    }
    if (dst != null) {
      result.compact(lim);
      storeOrDelete(ctx, dst, result, switch (op) {
        case UNION -> "zunionstore";
        case INTER -> "zinterstore";
        case DIFF -> "zdiffstore";
      });
      ctx.dirty(1);
      return Reply.integer(result.size());
    }
    List<Reply> items = new ArrayList<>(result.size() * (withScores ? 2 : 1));
    boolean ws = withScores;
    result.forEach((m, s) -> {
      items.add(Reply.bulk(m));
      if (ws) {
        items.add(score(s));
      }
      return true;
    });
    return ws ? Reply.pairs(items) : Reply.array(items);
  }

  private static void inter(Source[] src, Aggregate agg, ZSetType result, ZSetType.Limits lim) {
    for (Source s : src) {
      if (s.size() == 0) {
        return;
      }
    }
    src[0].forEach((m, s0) -> {
      double score = src[0].weight * s0;
      if (Double.isNaN(score)) {
        score = 0;
      }
      for (int i = 1; i < src.length; i++) {
        Double other = src[i].scoreOf(m);
        if (other == null) {
          return true;
        }
        score = aggregate(score, src[i].weight * other, agg);
      }
      result.insert(m, score, lim);
      return true;
    });
  }

  private static long interCard(Source[] src, long limit) {
    for (Source s : src) {
      if (s.size() == 0) {
        return 0;
      }
    }
    long[] count = {0};
    src[0].forEach((m, s0) -> {
      for (int i = 1; i < src.length; i++) {
        if (src[i].scoreOf(m) == null) {
          return true;
        }
      }
      count[0]++;
      return limit == 0 || count[0] < limit;
    });
    return count[0];
  }

  private static void union(Source[] src, Aggregate agg, ZSetType result, ZSetType.Limits lim) {
    Map<Member, double[]> acc = new HashMap<>();
    List<Member> order = new ArrayList<>();
    for (Source s : src) {
      s.forEach((m, sc) -> {
        double score = s.weight * sc;
        if (Double.isNaN(score)) {
          score = 0;
        }
        Member key = new Member(m);
        double[] cur = acc.get(key);
        if (cur == null) {
          acc.put(key, new double[] {score});
          order.add(key);
        } else {
          cur[0] = aggregate(cur[0], score, agg);
        }
        return true;
      });
    }
    for (Member m : order) {
      result.insert(m.bytes(), acc.get(m)[0], lim);
    }
  }

  private static void diff(Source[] src, ZSetType result, ZSetType.Limits lim) {
    if (src[0].size() == 0) {
      return;
    }
    src[0].forEach((m, s0) -> {
      for (int i = 1; i < src.length; i++) {
        if (src[i].scoreOf(m) != null) {
          return true;
        }
      }
      result.insert(m, s0, lim);
      return true;
    });
  }

  // ---- ZRANDMEMBER, ZSCAN -------------------------------------------------------------------

  /** ZRANDMEMBER key [count [WITHSCORES]] */
  static Reply zrandmember(ExecContext ctx, byte[][] argv) {
    if (argv.length == 2) {
      ZSetType z = readZset(ctx, argv[1]);
      if (z == null) {
        return Reply.NULL_BULK;
      }
      long r = ctx.random().nextLong(z.size());
      byte[][] m = new byte[1][];
      z.walk(r, false, (mm, s) -> {
        m[0] = mm;
        return false;
      });
      return Reply.bulk(m[0]);
    }
    Long c = Args.toLong(argv[2]);
    if (c == null) {
      throw new CommandException(RespErrors.NOT_INTEGER);
    }
    if (c == Long.MIN_VALUE) {
      throw new CommandException(RespErrors.LONG_OUT_OF_RANGE);
    }
    long count = c;
    boolean withScores = false;
    if (argv.length == 4 && is(argv[3], "withscores")) {
      withScores = true;
      if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
        throw new CommandException(RespErrors.VALUE_OUT_OF_RANGE);
      }
    } else if (argv.length >= 4) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    ZSetType z = readZset(ctx, argv[1]);
    if (z == null || count == 0) {
      return Reply.EMPTY_ARRAY;
    }
    RandomGenerator rnd = ctx.random();
    int size = z.size();
    List<Reply> items = new ArrayList<>();
    boolean ws = withScores;
    ZSetType.Visitor add = (m, s) -> {
      items.add(Reply.bulk(m));
      if (ws) {
        items.add(score(s));
      }
      return false;
    };
    if (count < 0) {
      long n = -count;
      for (long i = 0; i < n; i++) {
        z.walk(rnd.nextInt(size), false, add);
      }
    } else if (count >= size) {
      // The whole set, highest score first (as Redis 7.0 answers it).
      z.walk(size - 1, true, (m, s) -> {
        add.visit(m, s);
        return true;
      });
    } else {
      // Floyd's sampling of distinct ranks, answered in a random order.
      int k = (int) count;
      java.util.LinkedHashSet<Integer> picked = new java.util.LinkedHashSet<>();
      for (int i = size - k; i < size; i++) {
        int t = rnd.nextInt(i + 1);
        if (!picked.add(t)) {
          picked.add(i);
        }
      }
      List<Integer> ranks = new ArrayList<>(picked);
      java.util.Collections.shuffle(ranks, new java.util.Random(rnd.nextLong()));
      for (int r : ranks) {
        z.walk(r, false, add);
      }
    }
    return ws ? Reply.pairs(items) : Reply.array(items);
  }

  /** ZSCAN key cursor [MATCH pattern] [COUNT count] */
  static Reply zscan(ExecContext ctx, byte[][] argv) {
    long cursor = Args.parseCursor(argv[2]);
    ZSetType z = readZset(ctx, argv[1]);
    if (z == null) {
      return Reply.array(Reply.bulk("0"), Reply.EMPTY_ARRAY);
    }
    long count = 10;
    byte[] pattern = null;
    for (int i = 3; i < argv.length; ) {
      int left = argv.length - i;
      if (is(argv[i], "count") && left >= 2) {
        count = Args.parseLong(argv[i + 1]);
        if (count < 1) {
          throw new CommandException(RespErrors.SYNTAX);
        }
        i += 2;
      } else if (is(argv[i], "match") && left >= 2) {
        pattern = argv[i + 1];
        i += 2;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    boolean all = pattern == null || (pattern.length == 1 && pattern[0] == '*');
    byte[] pat = pattern;
    List<Reply> items = new ArrayList<>();
    ZSetType.Visitor collect = (m, s) -> {
      if (all || GlobPattern.matches(pat, m)) {
        items.add(Reply.bulk(m));
        items.add(Reply.bulk(Doubles.format17g(s)));
      }
      return true;
    };
    if (z.encoding().equals(ZSetType.LISTPACK)) {
      cursor = z.scanStep(0, collect);
    } else {
      // As Redis: at most count*10 buckets, and stop once count reply entries
      // (a member and its score are two) were collected before filtering.
      long maxIterations = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
      long[] seen = {0};
      ZSetType.Visitor counting = (m, s) -> {
        seen[0] += 2;
        return collect.visit(m, s);
      };
      do {
        cursor = z.scanStep(cursor, counting);
      } while (cursor != 0 && maxIterations-- > 0 && seen[0] < count);
    }
    return Reply.array(Reply.bulk(Long.toUnsignedString(cursor)), Reply.array(items));
  }
}

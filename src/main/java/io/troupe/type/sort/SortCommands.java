package io.troupe.type.sort;

import io.troupe.keyspace.Args;
import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyspaceEvents;
import io.troupe.keyspace.KeyFinder;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import io.troupe.resp.Reply;
import io.troupe.type.list.ListType;
import io.troupe.type.sort.SortType.Item;
import io.troupe.type.sort.SortType.PatternRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SORT and SORT_RO (Redis's sort.c). Sorts any value implementing
 * {@link SortSource} (lists, sets, sorted sets); BY and GET patterns read
 * string keys and, with {@code ->field}, hash fields ({@link SortHash}).
 *
 * <p>Routing: the key finder names the sorted key and the STORE destination
 * (Redis's sortGetKeys), so a plain SORT runs on one shard (or through the
 * coordinator when the destination lives on another). Keys built from a BY or
 * GET pattern can be on any shard, so such a SORT asks for every shard
 * ({@link KeyFinder#touchesUndeclaredKeys}) and reads them atomically, as
 * Redis's single thread does.
 *
 * <p>STORE writes a list ({@link ListType}).
 */
public final class SortCommands {
  private SortCommands() {}

  /** Binds SORT and SORT_RO. */
  public static void bind(CommandBinder b) {
    b.keyed("sort", new SortKeys(false), (ctx, argv) -> sortGeneric(ctx, argv, false));
    b.keyed("sort_ro", new SortKeys(true), (ctx, argv) -> sortGeneric(ctx, argv, true));
  }

  /**
   * sortGetKeys / sortROGetKeys: the sorted key, plus the last STORE
   * destination for SORT. Invocations with a BY or GET pattern containing
   * '*' read undeclared keys.
   */
  record SortKeys(boolean readonly) implements KeyFinder {
    @Override
    public int[] keyIndexes(byte[][] argv) {
      if (readonly) {
        return new int[] {1};
      }
      int store = -1;
      for (int i = 2; i < argv.length; i++) {
        if (Args.is(argv[i], "limit")) {
          i += 2;
        } else if (Args.is(argv[i], "get") || Args.is(argv[i], "by")) {
          i += 1;
        } else if (Args.is(argv[i], "store") && i + 1 < argv.length) {
          store = i + 1;
        }
      }
      return store < 0 ? new int[] {1} : new int[] {1, store};
    }

    @Override
    public boolean touchesUndeclaredKeys(byte[][] argv) {
      for (int i = 2; i + 1 < argv.length; i++) {
        if ((Args.is(argv[i], "by") || Args.is(argv[i], "get")) && SortType.hasStar(argv[i + 1])) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * sortCommandGeneric: SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]]
   * [ASC|DESC] [ALPHA] [STORE destination], and SORT_RO without STORE.
   */
  static Reply sortGeneric(ExecContext ctx, byte[][] argv, boolean readonly) {
    boolean desc = false;
    boolean alpha = false;
    boolean dontSort = false;
    long limitStart = 0;
    long limitCount = -1;
    byte[] sortBy = null;
    byte[] storeKey = null;
    List<byte[]> gets = new ArrayList<>();
    for (int j = 2; j < argv.length; j++) {
      int left = argv.length - j - 1;
      byte[] a = argv[j];
      if (Args.is(a, "asc")) {
        desc = false;
      } else if (Args.is(a, "desc")) {
        desc = true;
      } else if (Args.is(a, "alpha")) {
        alpha = true;
      } else if (Args.is(a, "limit") && left >= 2) {
        limitStart = Args.parseLong(argv[j + 1]);
        limitCount = Args.parseLong(argv[j + 2]);
        j += 2;
      } else if (!readonly && Args.is(a, "store") && left >= 1) {
        storeKey = argv[++j];
      } else if (Args.is(a, "by") && left >= 1) {
        sortBy = argv[++j];
        if (!SortType.hasStar(sortBy)) {
          dontSort = true;
        }
      } else if (Args.is(a, "get") && left >= 1) {
        gets.add(argv[++j]);
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }

    Entry e = ctx.lookupRead(argv[1]);
    SortSource.Kind kind = SortSource.Kind.LIST;
    List<byte[]> all = List.of();
    if (e != null) {
      if (!(e.value() instanceof SortSource source)) {
        throw new CommandException(RespErrors.WRONGTYPE);
      }
      kind = source.sortKind();
      all = new ArrayList<>(source.sortSize());
      for (byte[] element : source.elements()) {
        all.add(element);
      }
    }
    if (dontSort && kind == SortSource.Kind.SET && storeKey != null) {
      // A set has no order of its own: what is stored must not depend on it.
      dontSort = false;
      alpha = true;
      sortBy = null;
    }

    int size = all.size();
    long start = Math.min(Math.max(limitStart, 0), size);
    long count = Math.min(Math.max(limitCount, -1), size);
    long end = count < 0 ? size - 1 : start + count - 1;
    if (start >= size) {
      start = size - 1;
      end = size - 2;
    }
    if (end >= size) {
      end = size - 1;
    }

    Item[] vector;
    if (dontSort && kind != SortSource.Kind.SET) {
      // Native order (reversed by DESC): only the LIMIT range is loaded.
      int n = (int) Math.max(0, end - start + 1);
      vector = new Item[n];
      for (int j = 0; j < n; j++) {
        int index = (int) (desc ? size - 1 - start - j : start + j);
        vector[j] = new Item(all.get(index));
      }
      end -= start;
      start = 0;
    } else {
      vector = new Item[size];
      for (int j = 0; j < size; j++) {
        vector[j] = new Item(all.get(j));
      }
    }

    if (!dontSort) {
      boolean conversionError = false;
      for (Item item : vector) {
        byte[] by;
        if (sortBy != null) {
          by = lookupByPattern(ctx, sortBy, item.element());
          if (by == null) {
            continue;
          }
        } else {
          by = item.element();
        }
        if (alpha) {
          if (sortBy != null) {
            item.cmp = by;
          }
        } else {
          Double score = SortType.parseScore(by);
          if (score == null) {
            conversionError = true;
          } else {
            item.score = score;
          }
        }
      }
      if (conversionError) {
        throw new CommandException(RespErrors.SORT_NOT_DOUBLE);
      }
      Arrays.sort(vector, SortType.comparator(alpha, sortBy != null, desc));
    }

    int rows = (int) Math.max(0, end - start + 1);
    int outputLen = gets.isEmpty() ? rows : gets.size() * rows;
    if (storeKey == null) {
      List<Reply> out = new ArrayList<>(outputLen);
      for (long j = start; j <= end; j++) {
        byte[] element = vector[(int) j].element();
        if (gets.isEmpty()) {
          out.add(Reply.bulk(element));
        }
        for (byte[] pattern : gets) {
          out.add(Reply.bulk(lookupByPattern(ctx, pattern, element)));
        }
      }
      return Reply.array(out);
    }
    List<byte[]> stored = new ArrayList<>(outputLen);
    for (long j = start; j <= end; j++) {
      byte[] element = vector[(int) j].element();
      if (gets.isEmpty()) {
        stored.add(element);
      }
      for (byte[] pattern : gets) {
        byte[] v = lookupByPattern(ctx, pattern, element);
        stored.add(v == null ? new byte[0] : v);
      }
    }
    if (outputLen > 0) {
      // Redis 7.0 stores the result as a quicklist, whatever its size.
      ListType list = new ListType((int) ctx.config().getLong("list-max-listpack-size"));
      for (byte[] v : stored) {
        list.push(v, false);
      }
      ctx.set(storeKey, list);
      ctx.notify(KeyspaceEvents.LIST, "sortstore", storeKey);
      ctx.dirty(outputLen);
    } else if (ctx.delete(storeKey)) {
      ctx.notify(KeyspaceEvents.GENERIC, "del", storeKey);
      ctx.dirty(1);
    }
    return Reply.integer(outputLen);
  }

  /**
   * lookupKeyByPattern: "#" is the element itself; otherwise the string key
   * (or the hash field with "->") the pattern names for the element. Null
   * when the pattern has no '*', the key is missing or of another type, or
   * the hash has no such field.
   */
  static byte[] lookupByPattern(ExecContext ctx, byte[] pattern, byte[] element) {
    if (SortType.isHash(pattern)) {
      return element;
    }
    PatternRef ref = SortType.substitute(pattern, element);
    if (ref == null) {
      return null;
    }
    Entry e = ctx.lookupRead(ref.key());
    if (e == null) {
      return null;
    }
    if (ref.field() != null) {
      return e.value() instanceof SortHash h ? h.sortField(ref.field()) : null;
    }
    return e.value() instanceof byte[] s ? s : null;
  }
}

package io.troupe.type.hll;

import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyspaceEvents;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import io.troupe.resp.Reply;

/**
 * PFADD, PFCOUNT, PFMERGE (the command half of Redis's hyperloglog.c). An HLL
 * is a string value ({@code byte[]}) in {@link HyperLogLog}'s layout; TYPE
 * says "string". A command edits a private copy and stores the result, as
 * stored strings are never mutated; an existing key keeps its TTL, as Redis
 * edits the string in place.
 */
public final class HyperLogLogCommands {
  private HyperLogLogCommands() {}

  public static void bind(CommandBinder b) {
    b.keyed("pfadd", HyperLogLogCommands::pfadd);
    b.keyed("pfcount", HyperLogLogCommands::pfcount);
    b.keyed("pfmerge", HyperLogLogCommands::pfmerge);
  }

  static long sparseMaxBytes(ExecContext ctx) {
    return ctx.config().getLong("hll-sparse-max-bytes");
  }

  /**
   * isHLLObjectOrReply: the value of a live entry as an HLL string; WRONGTYPE
   * for other types, "WRONGTYPE Key is not a valid HyperLogLog string value."
   * for strings that are not HLLs. Used by every HLL command.
   */
  static byte[] hllValue(Entry e) {
    byte[] v = ExecContext.valueAs(e, byte[].class);
    if (!HyperLogLog.isValid(v)) {
      throw new CommandException(RespErrors.HLL_WRONGTYPE);
    }
    return v;
  }

  /** PFADD key [element [element ...]] */
  static Reply pfadd(ExecContext ctx, byte[][] argv) {
    Entry e = ctx.lookupWrite(argv[1]);
    HyperLogLog hll;
    int updated = 0;
    if (e == null) {
      hll = HyperLogLog.create();
      updated++;
    } else {
      hll = HyperLogLog.copyOf(hllValue(e));
    }
    long max = sparseMaxBytes(ctx);
    boolean corrupted = false;
    for (int j = 2; j < argv.length; j++) {
      int r = hll.add(argv[j], max);
      if (r == 1) {
        updated++;
      } else if (r < 0) {
        corrupted = true;
        break;
      }
    }
    if (updated > 0 && !corrupted) {
      hll.invalidateCache();
    }
    if (updated > 0 || corrupted) {
      // On a corrupted HLL Redis keeps what it changed before it noticed.
      if (e == null) {
        ctx.add(ctx.db(), argv[1], hll.toBytes());
      } else {
        e.setValue(hll.toBytes());
      }
    }
    if (corrupted) {
      throw new CommandException(RespErrors.HLL_INVALIDOBJ);
    }
    if (updated > 0) {
      ctx.notify(KeyspaceEvents.STRING, "pfadd", argv[1]);
    }
    ctx.dirty(updated);
    return Reply.integer(updated > 0 ? 1 : 0);
  }

  /** PFCOUNT key [key ...] */
  static Reply pfcount(ExecContext ctx, byte[][] argv) {
    if (argv.length > 2) {
      byte[] max = new byte[HyperLogLog.REGISTERS];
      for (int j = 1; j < argv.length; j++) {
        Entry e = ctx.lookupRead(argv[j]);
        if (e == null) {
          continue;
        }
        if (!HyperLogLog.mergeInto(max, hllValue(e))) {
          throw new CommandException(RespErrors.HLL_INVALIDOBJ);
        }
      }
      return Reply.integer(HyperLogLog.countRaw(max));
    }
    Entry e = ctx.lookupRead(argv[1]);
    if (e == null) {
      return Reply.integer(0);
    }
    byte[] v = hllValue(e);
    HyperLogLog hll = HyperLogLog.copyOf(v);
    if (hll.cacheValid()) {
      return Reply.integer(hll.cachedCardinality());
    }
    long card = hll.count();
    if (card < 0) {
      throw new CommandException(RespErrors.HLL_INVALIDOBJ);
    }
    // Redis caches the estimate in the string itself (and counts it as a change).
    hll.setCachedCardinality(card);
    ctx.willChange(argv[1]);
    e.setValue(hll.toBytes());
    ctx.dirty(1);
    return Reply.integer(card);
  }

  /** PFMERGE destkey [sourcekey [sourcekey ...]] */
  static Reply pfmerge(ExecContext ctx, byte[][] argv) {
    byte[] max = new byte[HyperLogLog.REGISTERS];
    boolean useDense = false;
    for (int j = 1; j < argv.length; j++) {
      Entry e = ctx.lookupRead(argv[j]);
      if (e == null) {
        continue;
      }
      byte[] v = hllValue(e);
      if (v[4] == HyperLogLog.DENSE) {
        useDense = true;
      }
      if (!HyperLogLog.mergeInto(max, v)) {
        throw new CommandException(RespErrors.HLL_INVALIDOBJ);
      }
    }
    Entry dest = ctx.lookupWrite(argv[1]);
    // The destination, when it exists, was validated as a source above.
    HyperLogLog hll = dest == null ? HyperLogLog.create() : HyperLogLog.copyOf((byte[]) dest.value());
    if (useDense && !hll.toDense()) {
      throw new CommandException(RespErrors.HLL_INVALIDOBJ);
    }
    long sparseMax = sparseMaxBytes(ctx);
    for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
      if (max[j] != 0) {
        hll.set(j, max[j], sparseMax);
      }
    }
    hll.invalidateCache();
    if (dest == null) {
      ctx.add(ctx.db(), argv[1], hll.toBytes());
    } else {
      dest.setValue(hll.toBytes());
    }
    // PFMERGE notifies as PFADD does.
    ctx.notify(KeyspaceEvents.STRING, "pfadd", argv[1]);
    ctx.dirty(1);
    return Reply.OK;
  }
}

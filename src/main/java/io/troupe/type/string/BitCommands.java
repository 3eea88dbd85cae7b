package io.troupe.type.string;

import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyspaceEvents;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import io.troupe.resp.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bitmap commands on string values (Redis's bitops.c): SETBIT, GETBIT,
 * BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO. Like every string write,
 * a change stores a new array rather than mutating the stored one.
 */
final class BitCommands {
  private BitCommands() {}

  static void bind(CommandBinder b) {
    b.keyed("setbit", BitCommands::setbit);
    b.keyed("getbit", BitCommands::getbit);
    b.keyed("bitcount", BitCommands::bitcount);
    b.keyed("bitpos", BitCommands::bitpos);
    b.keyed("bitop", BitCommands::bitop);
    b.keyed("bitfield", BitCommands::bitfield);
    b.keyed("bitfield_ro", BitCommands::bitfieldRo);
  }

  /**
   * lookupStringForBitCommand: a copy of the string at {@code key} grown with
   * zeros to hold bit {@code maxBit} (a zeroed array when absent);
   * WRONGTYPE for other types. The caller stores it back with {@link #store}.
   */
  private static byte[] growForBits(Entry e, long maxBit) {
    int needed = (int) ((maxBit >>> 3) + 1);
    if (e == null) {
      return new byte[needed];
    }
    byte[] old = (byte[]) e.value();
    return Arrays.copyOf(old, Math.max(old.length, needed));
  }

  private static void store(ExecContext ctx, byte[] key, Entry e, byte[] value) {
    if (e == null) {
      ctx.add(ctx.db(), key, value);
    } else {
      e.setValue(value);
    }
  }

  /** SETBIT key offset value */
  static Reply setbit(ExecContext ctx, byte[][] argv) {
    long offset = BitOps.parseBitOffset(argv[2], false, 0, StringCommands.maxBulkLen(ctx));
    long on = StringType.parseLong(argv[3], RespErrors.BIT_VALUE);
    if ((on & ~1L) != 0) {
      throw new CommandException(RespErrors.BIT_VALUE);
    }
    Entry e = StringCommands.lookupStringWrite(ctx, argv[1]);
    byte[] old = e == null ? null : (byte[]) e.value();
    int previous = old == null ? 0 : BitOps.getBit(old, offset);
    boolean grows = old == null || (offset >>> 3) >= old.length;
    if (grows || previous != on) {
      byte[] value = growForBits(e, offset);
      BitOps.setBit(value, offset, (int) on);
      store(ctx, argv[1], e, value);
      ctx.notify(KeyspaceEvents.STRING, "setbit", argv[1]);
      ctx.dirty(1);
    }
    return Reply.integer(previous);
  }

  /** GETBIT key offset */
  static Reply getbit(ExecContext ctx, byte[][] argv) {
    long offset = BitOps.parseBitOffset(argv[2], false, 0, StringCommands.maxBulkLen(ctx));
    byte[] v = ctx.getString(argv[1]);
    return Reply.integer(v == null ? 0 : BitOps.getBit(v, offset));
  }

  /** BITCOUNT key [start end [BYTE | BIT]] */
  static Reply bitcount(ExecContext ctx, byte[][] argv) {
    byte[] v = ctx.getString(argv[1]);
    if (v == null) {
      return Reply.ZERO;
    }
    long firstBit;
    long lastBit;
    if (argv.length == 4 || argv.length == 5) {
      long start = StringType.parseLong(argv[2]);
      long end = StringType.parseLong(argv[3]);
      boolean isBit = argv.length == 5 && parseUnit(argv[4]);
      long total = isBit ? (long) v.length << 3 : v.length;
      if (start < 0 && end < 0 && start > end) {
        return Reply.ZERO;
      }
      long[] range = clampRange(start, end, total);
      if (range == null) {
        return Reply.ZERO;
      }
      firstBit = isBit ? range[0] : range[0] << 3;
      lastBit = isBit ? range[1] : (range[1] << 3) + 7;
    } else if (argv.length == 2) {
      firstBit = 0;
      lastBit = ((long) v.length << 3) - 1;
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    return Reply.integer(BitOps.popcount(v, firstBit, lastBit));
  }

  /** BYTE or BIT (true); "ERR syntax error" otherwise. */
  private static boolean parseUnit(byte[] arg) {
    if (StringType.is(arg, "bit")) {
      return true;
    }
    if (StringType.is(arg, "byte")) {
      return false;
    }
    throw new CommandException(RespErrors.SYNTAX);
  }

  /**
   * Redis's range normalisation for BITCOUNT/BITPOS: negative indexes count
   * from {@code total}, then both are clamped into [0, total-1]. Returns
   * {start, end}, or null when the range is empty.
   */
  private static long[] clampRange(long start, long end, long total) {
    if (start < 0) {
      start += total;
    }
    if (end < 0) {
      end += total;
    }
    start = Math.max(start, 0);
    end = Math.max(end, 0);
    if (end >= total) {
      end = total - 1;
    }
    return start > end ? null : new long[] {start, end};
  }

  /** BITPOS key bit [start [end [BYTE | BIT]]] */
  static Reply bitpos(ExecContext ctx, byte[][] argv) {
    long bit = StringType.parseLong(argv[2]);
    if (bit != 0 && bit != 1) {
      throw new CommandException(RespErrors.BIT_ARGUMENT);
    }
    byte[] v = ctx.getString(argv[1]);
    if (v == null) {
      return Reply.integer(bit == 1 ? -1 : 0);
    }
    boolean endGiven = false;
    long firstBit;
    long lastBit;
    if (argv.length >= 4 && argv.length <= 6) {
      long start = StringType.parseLong(argv[3]);
      boolean isBit = argv.length == 6 && parseUnit(argv[5]);
      long total = isBit ? (long) v.length << 3 : v.length;
      long end = total - 1;
      if (argv.length >= 5) {
        end = StringType.parseLong(argv[4]);
        endGiven = true;
      }
      long[] range = clampRange(start, end, total);
      if (range == null) {
        return Reply.MINUS_ONE;
      }
      firstBit = isBit ? range[0] : range[0] << 3;
      lastBit = isBit ? range[1] : (range[1] << 3) + 7;
    } else if (argv.length == 3) {
      firstBit = 0;
      lastBit = ((long) v.length << 3) - 1;
      if (lastBit < firstBit) {
        return Reply.MINUS_ONE;
      }
    } else {
      throw new CommandException(RespErrors.SYNTAX);
    }
    long pos = BitOps.firstBit(v, firstBit, lastBit, (int) bit);
    if (pos < 0 && bit == 0 && !endGiven) {
      // Looking for a clear bit with no explicit end: the string continues
      // with zeros, so the answer is the first bit after the searched bytes.
      pos = ((lastBit >>> 3) + 1) << 3;
    }
    return Reply.integer(pos);
  }

  /** BITOP AND | OR | XOR | NOT destkey key [key ...] */
  static Reply bitop(ExecContext ctx, byte[][] argv) {
    byte[] op = argv[1];
    boolean and = StringType.is(op, "and");
    boolean or = StringType.is(op, "or");
    boolean xor = StringType.is(op, "xor");
    boolean not = StringType.is(op, "not");
    if (!(and || or || xor || not)) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    if (not && argv.length != 4) {
      throw new CommandException(RespErrors.BITOP_NOT_ONE_KEY);
    }
    int n = argv.length - 3;
    byte[][] src = new byte[n][];
    int maxLen = 0;
    for (int i = 0; i < n; i++) {
      Entry e = ctx.lookupRead(argv[i + 3]);
      src[i] = e == null ? new byte[0] : ExecContext.valueAs(e, byte[].class);
      maxLen = Math.max(maxLen, src[i].length);
    }
    byte[] dest = argv[2];
    if (maxLen == 0) {
      if (ctx.delete(dest)) {
        ctx.notify(KeyspaceEvents.GENERIC, "del", dest);
        ctx.dirty(1);
      }
      return Reply.ZERO;
    }
    byte[] res = new byte[maxLen];
    for (int j = 0; j < maxLen; j++) {
      int acc = byteAt(src[0], j);
      if (not) {
        acc = ~acc;
      }
      for (int i = 1; i < n; i++) {
        int x = byteAt(src[i], j);
        acc = and ? acc & x : or ? acc | x : acc ^ x;
      }
      res[j] = (byte) acc;
    }
    ctx.set(dest, res);
    ctx.notify(KeyspaceEvents.STRING, "set", dest);
    ctx.dirty(1);
    return Reply.integer(maxLen);
  }

  private static int byteAt(byte[] s, int i) {
    return i < s.length ? s[i] & 0xFF : 0;
  }

  /** BITFIELD key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] SET encoding offset value | INCRBY encoding offset increment ...] */
  static Reply bitfield(ExecContext ctx, byte[][] argv) {
    return bitfieldGeneric(ctx, argv, false);
  }

  /** BITFIELD_RO key [GET encoding offset ...] */
  static Reply bitfieldRo(ExecContext ctx, byte[][] argv) {
    return bitfieldGeneric(ctx, argv, true);
  }

  /** bitfieldGeneric: parses every operation, then runs them in order. Used by BITFIELD and BITFIELD_RO. */
  private static Reply bitfieldGeneric(ExecContext ctx, byte[][] argv, boolean readOnlyCommand) {
    BitField.Ops ops = BitField.parse(argv, StringCommands.maxBulkLen(ctx));
    Entry e;
    byte[] value;
    if (ops.readOnly()) {
      e = null;
      value = ctx.getString(argv[1]);
    } else {
      if (readOnlyCommand) {
        throw new CommandException(RespErrors.BITFIELD_RO_GET_ONLY);
      }
      e = StringCommands.lookupStringWrite(ctx, argv[1]);
      value = growForBits(e, ops.highestWriteBit());
    }
    List<Reply> out = new ArrayList<>(ops.ops().size());
    int changes = 0;
    for (BitField.Op op : ops.ops()) {
      if (op.kind() == BitField.Kind.GET) {
        out.add(Reply.integer(BitField.read(value, op)));
      } else {
        Long r = BitField.write(value, op);
        out.add(r == null ? Reply.NULL_BULK : Reply.integer(r));
        changes++;
      }
    }
    if (!ops.readOnly()) {
      store(ctx, argv[1], e, value);
      ctx.notify(KeyspaceEvents.STRING, "setbit", argv[1]);
      ctx.dirty(changes);
    }
    return Reply.array(out);
  }
}

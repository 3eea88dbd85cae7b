package io.troupe.type.string;

import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * BITFIELD's operations: parsing of the GET/SET/INCRBY/OVERFLOW list, and the
 * integer-field arithmetic with WRAP, SAT and FAIL overflow (bitfieldGeneric
 * and its helpers in Redis's bitops.c). The arithmetic follows Redis's 64-bit
 * two's complement expressions, wrap-arounds included.
 */
public final class BitField {
  private BitField() {}

  public enum Overflow { WRAP, SAT, FAIL }

  public enum Kind { GET, SET, INCRBY }

  /** One operation; {@code value} is SET's value or INCRBY's increment. */
  public record Op(Kind kind, boolean signed, int bits, long offset, long value, Overflow overflow) {}

  /** The parsed operation list; {@code highestWriteBit} is -1 when there are only GETs. */
  public record Ops(List<Op> ops, long highestWriteBit) {
    public boolean readOnly() {
      return highestWriteBit < 0;
    }
  }

  /** Parses argv[2..]; throws Redis's error for the first bad argument. */
  public static Ops parse(byte[][] argv, long maxBulkLen) {
    List<Op> ops = new ArrayList<>();
    Overflow overflow = Overflow.WRAP;
    long highest = -1;
    for (int j = 2; j < argv.length; j++) {
      int remaining = argv.length - j - 1;
      byte[] sub = argv[j];
      Kind kind;
      if (StringType.is(sub, "get") && remaining >= 2) {
        kind = Kind.GET;
      } else if (StringType.is(sub, "set") && remaining >= 3) {
        kind = Kind.SET;
      } else if (StringType.is(sub, "incrby") && remaining >= 3) {
        kind = Kind.INCRBY;
      } else if (StringType.is(sub, "overflow") && remaining >= 1) {
        byte[] type = argv[++j];
        if (StringType.is(type, "wrap")) {
          overflow = Overflow.WRAP;
        } else if (StringType.is(type, "sat")) {
          overflow = Overflow.SAT;
        } else if (StringType.is(type, "fail")) {
          overflow = Overflow.FAIL;
        } else {
          throw new CommandException(RespErrors.BITFIELD_OVERFLOW_TYPE);
        }
        continue;
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
      byte[] type = argv[j + 1];
      boolean signed;
      if (type.length > 0 && (type[0] == 'i' || type[0] == 'I')) {
        signed = true;
      } else if (type.length > 0 && (type[0] == 'u' || type[0] == 'U')) {
        signed = false;
      } else {
        throw new CommandException(RespErrors.BITFIELD_TYPE);
      }
      long bits = StringType.parseLong(type, 1, type.length, RespErrors.BITFIELD_TYPE);
      if (bits < 1 || (signed && bits > 64) || (!signed && bits > 63)) {
        throw new CommandException(RespErrors.BITFIELD_TYPE);
      }
      long offset = BitOps.parseBitOffset(argv[j + 2], true, (int) bits, maxBulkLen);
      long value = 0;
      if (kind != Kind.GET) {
        highest = Math.max(highest, offset + bits - 1);
        value = StringType.parseLong(argv[j + 3]);
      }
      ops.add(new Op(kind, signed, (int) bits, offset, value, overflow));
      j += kind == Kind.GET ? 2 : 3;
    }
    return new Ops(ops, highest);
  }

  /**
   * The outcome of an overflow check: {@code direction} 0 when the result fits,
   * 1 on overflow, -1 on underflow; {@code limit} is the wrapped or saturated
   * value (meaningless with FAIL).
   */
  record Check(int direction, long limit) {}

  /** checkSignedBitfieldOverflow: {@code value + incr} in a signed field of {@code bits}. */
  static Check checkSigned(long value, long incr, int bits, Overflow ow) {
    long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    long min = -max - 1;
    long maxIncr = max - value;
    long minIncr = min - value;
    if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
      return new Check(1, ow == Overflow.SAT ? max : wrapSigned(value, incr, bits));
    }
    if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
      return new Check(-1, ow == Overflow.SAT ? min : wrapSigned(value, incr, bits));
    }
    return new Check(0, 0);
  }

  private static long wrapSigned(long value, long incr, int bits) {
    long c = value + incr;
    if (bits < 64) {
      long mask = -1L << bits;
      c = (c & (1L << (bits - 1))) != 0 ? c | mask : c & ~mask;
    }
    return c;
  }

  /** checkUnsignedBitfieldOverflow: {@code value} (unsigned) {@code + incr} in {@code bits}. */
  static Check checkUnsigned(long value, long incr, int bits, Overflow ow) {
    long max = bits == 64 ? -1L : (1L << bits) - 1;
    long maxIncr = max - value;
    long minIncr = -value;
    if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
      return new Check(1, ow == Overflow.SAT ? max : wrapUnsigned(value, incr, bits));
    }
    if (incr < 0 && incr < minIncr) {
      return new Check(-1, ow == Overflow.SAT ? 0 : wrapUnsigned(value, incr, bits));
    }
    return new Check(0, 0);
  }

  private static long wrapUnsigned(long value, long incr, int bits) {
    long res = value + incr;
    if (bits < 64) {
      res &= ~(-1L << bits);
    }
    return res;
  }

  /**
   * Runs a SET or INCRBY on {@code s} (already long enough). Returns the reply
   * value (SET: the old value, INCRBY: the new one), or null when OVERFLOW FAIL
   * refused the write.
   */
  public static Long write(byte[] s, Op op) {
    long old = op.signed()
        ? BitOps.getSigned(s, op.offset(), op.bits())
        : BitOps.getUnsigned(s, op.offset(), op.bits());
    long newValue;
    long reply;
    Check check;
    if (op.kind() == Kind.INCRBY) {
      check = op.signed()
          ? checkSigned(old, op.value(), op.bits(), op.overflow())
          : checkUnsigned(old, op.value(), op.bits(), op.overflow());
      newValue = check.direction() != 0 ? check.limit() : old + op.value();
      reply = newValue;
    } else {
      check = op.signed()
          ? checkSigned(op.value(), 0, op.bits(), op.overflow())
          : checkUnsigned(op.value(), 0, op.bits(), op.overflow());
      newValue = check.direction() != 0 ? check.limit() : op.value();
      reply = old;
    }
    if (check.direction() != 0 && op.overflow() == Overflow.FAIL) {
      return null;
    }
    BitOps.setField(s, op.offset(), op.bits(), newValue);
    return reply;
  }

  /** Runs a GET on {@code s} (null: the key does not exist). */
  public static long read(byte[] s, Op op) {
    byte[] src = s == null ? new byte[0] : s;
    return op.signed()
        ? BitOps.getSigned(src, op.offset(), op.bits())
        : BitOps.getUnsigned(src, op.offset(), op.bits());
  }
}

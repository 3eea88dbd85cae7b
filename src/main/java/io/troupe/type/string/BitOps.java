package io.troupe.type.string;

import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;

/**
 * Bit-level operations on string values (Redis's bitops.c internals). Bit 0 is
 * the most significant bit of byte 0. Reads beyond the end of a string see
 * zeros. Used by SETBIT, GETBIT, BITCOUNT, BITPOS and BITFIELD.
 */
public final class BitOps {
  private BitOps() {}

  /**
   * getBitOffsetFromArgument: a bit offset, "#n" meaning n * {@code bits} when
   * {@code hashAllowed} (BITFIELD); it must address a byte below
   * {@code proto-max-bulk-len}. "ERR bit offset is not an integer or out of range".
   */
  public static long parseBitOffset(byte[] arg, boolean hashAllowed, int bits, long maxBulkLen) {
    boolean hash = hashAllowed && arg.length > 0 && arg[0] == '#';
    long offset = StringType.parseLong(arg, hash ? 1 : 0, arg.length, RespErrors.BIT_OFFSET);
    if (hash) {
      offset *= bits; // wraps as C's long long does; a negative result is refused below
    }
    if (offset < 0 || (offset >> 3) >= maxBulkLen) {
      throw new CommandException(RespErrors.BIT_OFFSET);
    }
    return offset;
  }

  /** The bit at {@code offset}, 0 beyond the end. */
  public static int getBit(byte[] s, long offset) {
    long index = offset >>> 3;
    if (index >= s.length) {
      return 0;
    }
    return (s[(int) index] >> (7 - (int) (offset & 7))) & 1;
  }

  /** Sets the bit at {@code offset} (which must be inside {@code s}) to {@code bit}. */
  public static void setBit(byte[] s, long offset, int bit) {
    int index = (int) (offset >>> 3);
    int mask = 1 << (7 - (int) (offset & 7));
    s[index] = (byte) (bit != 0 ? (s[index] | mask) : (s[index] & ~mask));
  }

  /** The number of set bits in bit positions {@code [fromBit, toBit]} of {@code s}. */
  public static long popcount(byte[] s, long fromBit, long toBit) {
    if (fromBit > toBit) {
      return 0;
    }
    int first = (int) (fromBit >>> 3);
    int last = (int) (toBit >>> 3);
    long count = 0;
    for (int i = first; i <= last; i++) {
      count += Integer.bitCount(s[i] & 0xFF);
    }
    // Take away the bits of the edge bytes that lie outside the range.
    int headMask = (0xFF << (8 - (int) (fromBit & 7))) & 0xFF;
    int tailMask = (1 << (7 - (int) (toBit & 7))) - 1;
    count -= Integer.bitCount(s[first] & headMask);
    count -= Integer.bitCount(s[last] & tailMask);
    return count;
  }

  /** The position of the first bit equal to {@code bit} in {@code [fromBit, toBit]}, or -1. */
  public static long firstBit(byte[] s, long fromBit, long toBit, int bit) {
    long pos = fromBit;
    // Head: bit by bit up to a byte boundary.
    while (pos <= toBit && (pos & 7) != 0) {
      if (getBit(s, pos) == bit) {
        return pos;
      }
      pos++;
    }
    int skip = bit == 1 ? 0 : 0xFF;
    while (pos + 7 <= toBit && (s[(int) (pos >>> 3)] & 0xFF) == skip) {
      pos += 8;
    }
    for (; pos <= toBit; pos++) {
      if (getBit(s, pos) == bit) {
        return pos;
      }
    }
    return -1;
  }

  /** The unsigned {@code bits}-wide field at bit {@code offset} (MSB first), zeros beyond the end. */
  public static long getUnsigned(byte[] s, long offset, int bits) {
    long v = 0;
    for (int i = 0; i < bits; i++) {
      v = (v << 1) | getBit(s, offset + i);
    }
    return v;
  }

  /** The signed (two's complement) {@code bits}-wide field at bit {@code offset}. */
  public static long getSigned(byte[] s, long offset, int bits) {
    long v = getUnsigned(s, offset, bits);
    if (bits < 64 && ((v >>> (bits - 1)) & 1) != 0) {
      v |= -1L << bits;
    }
    return v;
  }

  /** Writes the low {@code bits} bits of {@code value} at bit {@code offset} (inside {@code s}). */
  public static void setField(byte[] s, long offset, int bits, long value) {
    for (int i = 0; i < bits; i++) {
      setBit(s, offset + i, (int) ((value >>> (bits - 1 - i)) & 1));
    }
  }
}

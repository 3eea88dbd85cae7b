package io.troupe.type.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.resp.CommandException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** BITFIELD's parsing and arithmetic; expected values were checked against Redis 7.0. */
class BitFieldTest {
  private static final long MAX_BULK = 512L * 1024 * 1024;

  private static BitField.Ops parse(String... args) {
    byte[][] argv = new byte[args.length + 2][];
    argv[0] = "bitfield".getBytes(StandardCharsets.US_ASCII);
    argv[1] = "k".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < args.length; i++) {
      argv[i + 2] = args[i].getBytes(StandardCharsets.US_ASCII);
    }
    return BitField.parse(argv, MAX_BULK);
  }

  private static String error(String... args) {
    return assertThrows(CommandException.class, () -> parse(args)).getMessage();
  }

  @Test
  void parsesTypesOffsetsAndOverflow() {
    BitField.Ops ops = parse("get", "u8", "#2", "overflow", "sat", "incrby", "i5", "100", "3");
    assertEquals(new BitField.Op(BitField.Kind.GET, false, 8, 16, 0, BitField.Overflow.WRAP),
        ops.ops().get(0));
    assertEquals(new BitField.Op(BitField.Kind.INCRBY, true, 5, 100, 3, BitField.Overflow.SAT),
        ops.ops().get(1));
    assertEquals(104, ops.highestWriteBit());
    assertEquals(true, parse("get", "i64", "0").readOnly());
  }

  @Test
  void refusesBadArguments() {
    String type = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
    assertEquals(type, error("get", "u64", "0"));
    assertEquals(type, error("get", "i65", "0"));
    assertEquals(type, error("get", "u0", "0"));
    assertEquals(type, error("get", "x8", "0"));
    assertEquals(type, error("get", "u08", "0"));
    assertEquals("ERR bit offset is not an integer or out of range", error("get", "u8", "-1"));
    assertEquals("ERR bit offset is not an integer or out of range", error("get", "i8", "#-1"));
    assertEquals("ERR bit offset is not an integer or out of range", error("get", "u8", "4294967296"));
    assertEquals("ERR syntax error", error("get", "u8"));
    assertEquals("ERR syntax error", error("overflow"));
    assertEquals("ERR Invalid OVERFLOW type specified", error("overflow", "bad"));
    assertEquals("ERR value is not an integer or out of range", error("set", "u8", "0", "x"));
  }

  private static Long write(byte[] s, BitField.Kind kind, boolean signed, int bits, long value,
      BitField.Overflow ow) {
    return BitField.write(s, new BitField.Op(kind, signed, bits, 0, value, ow));
  }

  @Test
  void overflowWrapSatFail() {
    byte[] s = new byte[8];
    // SET i8 to LLONG_MIN: Redis's 64-bit arithmetic sees it as an overflow upwards.
    assertEquals(0L, write(s, BitField.Kind.SET, true, 8, Long.MIN_VALUE, BitField.Overflow.SAT));
    assertEquals(127, BitOps.getSigned(s, 0, 8));
    assertEquals(127L, write(s, BitField.Kind.SET, true, 8, Long.MIN_VALUE, BitField.Overflow.WRAP));
    assertEquals(0, BitOps.getSigned(s, 0, 8));
    assertNull(write(s, BitField.Kind.SET, true, 8, Long.MIN_VALUE, BitField.Overflow.FAIL));

    s = new byte[8];
    assertEquals(0L, write(s, BitField.Kind.SET, false, 8, -1, BitField.Overflow.SAT));
    assertEquals(255, BitOps.getUnsigned(s, 0, 8));
    assertNull(write(s, BitField.Kind.SET, false, 8, -1, BitField.Overflow.FAIL));
    assertEquals(9L, write(s, BitField.Kind.INCRBY, false, 8, 10, BitField.Overflow.WRAP));
    assertEquals(0L, write(s, BitField.Kind.INCRBY, false, 8, -300, BitField.Overflow.SAT));

    s = new byte[8];
    write(s, BitField.Kind.SET, true, 64, -5, BitField.Overflow.WRAP);
    assertEquals(Long.MAX_VALUE - 4,
        write(s, BitField.Kind.INCRBY, true, 64, Long.MIN_VALUE, BitField.Overflow.WRAP));
    assertEquals(-5L, write(s, BitField.Kind.INCRBY, true, 64, Long.MIN_VALUE, BitField.Overflow.SAT));
    assertEquals(Long.MAX_VALUE - 5,
        write(s, BitField.Kind.INCRBY, true, 64, Long.MAX_VALUE, BitField.Overflow.SAT));
    assertEquals(Long.MAX_VALUE,
        write(s, BitField.Kind.INCRBY, true, 64, Long.MAX_VALUE, BitField.Overflow.SAT));
  }

  @Test
  void fieldsReadMostSignificantBitFirst() {
    byte[] s = {(byte) 0xff, 0};
    assertEquals(-72057594037927936L, BitOps.getSigned(s, 0, 64)); // zero padded beyond the end
    assertEquals(0x1f, BitOps.getUnsigned(s, 3, 5));
    assertEquals(-1, BitOps.getSigned(s, 4, 4));
    assertEquals(0b11110, BitOps.getUnsigned(s, 4, 5));
  }
}

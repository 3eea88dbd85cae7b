package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Args: Redis's string2ll, getIntFromObjectOrReply and SCAN's strtoul cursor. */
class ArgsTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void toLongFollowsString2ll() {
    assertEquals(0L, Args.toLong(b("0")));
    assertEquals(-7L, Args.toLong(b("-7")));
    assertEquals(Long.MAX_VALUE, Args.toLong(b("9223372036854775807")));
    assertEquals(Long.MIN_VALUE, Args.toLong(b("-9223372036854775808")));
    for (String bad : new String[] {"", "-", "-0", "+1", "007", " 1", "1 ", "1a", "1.0",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999",
        "000000000000000000001"}) {
      assertNull(Args.toLong(b(bad)), "'" + bad + "'");
    }
  }

  @Test
  void parseIntErrors() {
    assertEquals(RespErrors.NOT_INTEGER,
        assertThrows(CommandException.class, () -> Args.parseInt(b("x"))).getMessage());
    assertEquals(RespErrors.INT_OUT_OF_RANGE,
        assertThrows(CommandException.class, () -> Args.parseInt(b("2147483648"))).getMessage());
    assertEquals(Integer.MIN_VALUE, Args.parseInt(b("-2147483648")));
    assertEquals("custom",
        assertThrows(CommandException.class, () -> Args.parseInt(b("2147483648"), "custom"))
            .getMessage());
  }

  @Test
  void cursorFollowsStrtoul() {
    assertEquals(0L, Args.parseCursor(b("")));
    assertEquals(0L, Args.parseCursor(b("00")));
    assertEquals(0L, Args.parseCursor(b("-0")));
    assertEquals(5L, Args.parseCursor(b("+5")));
    assertEquals(-1L, Args.parseCursor(b("-1")), "wraps to 2^64-1");
    assertEquals(-1L, Args.parseCursor(b("18446744073709551615")));
    assertEquals(1L, Args.parseCursor(b("-18446744073709551615")));
    for (String bad : new String[] {" 1", "1 ", "-", "+", "abc", "0x10", "18446744073709551616",
        "-18446744073709551616", "99999999999999999999999"}) {
      assertEquals(RespErrors.INVALID_CURSOR,
          assertThrows(CommandException.class, () -> Args.parseCursor(b(bad))).getMessage(),
          "'" + bad + "'");
    }
  }

  @Test
  void keywordsMatchInAnyCase() {
    assertTrue(Args.is(b("NX"), "nx"));
    assertTrue(Args.is(b("rEpLaCe"), "replace"));
    assertFalse(Args.is(b("n"), "nx"));
    assertFalse(Args.is(b("nxx"), "nx"));
    assertFalse(Args.is(b("{b"), "[b"), "only letters fold");
  }
}

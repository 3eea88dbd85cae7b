package io.troupe.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.resp.CommandException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static long parse(String s) {
    return Args.parseLong(s.getBytes(StandardCharsets.US_ASCII), "ERR bad");
  }

  @Test
  void parsesAsString2ll() {
    assertEquals(0, parse("0"));
    assertEquals(-5, parse("-5"));
    assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
    for (String bad : new String[] {"", "+1", "01", "-0", " 1", "1 ", "1.0", "abc", "-",
        "9223372036854775808", "-9223372036854775809", "123456789012345678901"}) {
      CommandException e = assertThrows(CommandException.class, () -> parse(bad), bad);
      assertEquals("ERR bad", e.getMessage());
    }
  }

  @Test
  void intRangeHasItsOwnError() {
    assertEquals(7, Args.parseInt("7".getBytes(StandardCharsets.US_ASCII)));
    CommandException e = assertThrows(CommandException.class,
        () -> Args.parseInt("2147483648".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("ERR value is out of range, value must between -2147483648 and 2147483647",
        e.getMessage());
  }
}

package io.troupe.type.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.resp.CommandException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringTypeTest {
  private static long parse(String s) {
    return StringType.parseLong(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void parsesAsString2ll() {
    assertEquals(0, parse("0"));
    assertEquals(-17, parse("-17"));
    assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
  }

  @Test
  void rejectsWhatString2llRejects() {
    for (String bad : new String[] {"", "+1", "01", "-0", "-", " 1", "1 ", "1.0", "1e3",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999", "0x10"}) {
      CommandException e = assertThrows(CommandException.class, () -> parse(bad), bad);
      assertEquals("ERR value is not an integer or out of range", e.getMessage());
    }
  }
}

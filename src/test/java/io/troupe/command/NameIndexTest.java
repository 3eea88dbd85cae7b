package io.troupe.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** CommandTable.spec(byte[]): the byte-keyed, case-insensitive name lookup (NameIndex). */
class NameIndexTest {
  private static final CommandTable TABLE = CommandTable.load();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void everySpecIsFoundByItsNameInAnyCase() {
    for (CommandSpec spec : TABLE.specs()) {
      String name = spec.fullName();
      assertSame(spec, TABLE.spec(b(name)), name);
      assertSame(spec, TABLE.spec(b(name.toUpperCase(Locale.ROOT))), name);
      StringBuilder mixed = new StringBuilder();
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
      }
      assertSame(spec, TABLE.spec(b(mixed.toString())), name);
    }
  }

  @Test
  void unknownNamesAndNearMissesAreNotFound() {
    assertNull(TABLE.spec(b("")));
    assertNull(TABLE.spec(b("gett")));
    assertNull(TABLE.spec(b("ge")));
    assertNull(TABLE.spec(b("client|list"))); // subcommands are found through their container
    // Bytes that lower-case to a name only under a non-ASCII rule are not that name.
    assertNull(TABLE.spec(new byte[] {'g', 'e', (byte) 0xD4}));
    assertNull(TABLE.spec(b("g\u00c5t")));
  }

  @Test
  void legacyKeysOfTheCommonFirstArgumentShape() {
    CommandSpec get = TABLE.spec(b("get"));
    assertArrayEquals(new int[] {1}, CommandDef.legacyKeys(get, 2));
    CommandSpec mset = TABLE.spec(b("mset"));
    assertArrayEquals(new int[] {1, 3, 5}, CommandDef.legacyKeys(mset, 7));
    CommandSpec ping = TABLE.spec(b("ping"));
    assertArrayEquals(new int[0], CommandDef.legacyKeys(ping, 1));
  }
}

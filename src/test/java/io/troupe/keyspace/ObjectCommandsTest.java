package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** OBJECT's plain helpers: encodings of other types, shared integers, the LFU counter decay. */
class ObjectCommandsTest {
  record Fake(String encoding) implements TypedValue {
    @Override
    public String typeName() {
      return "list";
    }

    @Override
    public TypedValue deepCopy() {
      return this;
    }
  }

  @Test
  void typedValuesNameTheirEncoding() {
    assertEquals("listpack", ObjectCommands.encodingOf(new Fake("listpack")));
    assertEquals("int", ObjectCommands.encodingOf("42".getBytes()));
    assertEquals("raw", ObjectCommands.encodingOf(new byte[45]));
  }

  @Test
  void sharedIntegersOnlyWhenAllowed() {
    assertEquals(Integer.MAX_VALUE, ObjectCommands.refcountOf("9999".getBytes(), true));
    assertEquals(1, ObjectCommands.refcountOf("9999".getBytes(), false));
    assertEquals(1, ObjectCommands.refcountOf("007".getBytes(), true));
    assertEquals(1, ObjectCommands.refcountOf(new Fake("x"), true));
  }

  @Test
  void lfuCounterDecaysPerMinute() {
    long now = 1_700_000_000_000L;
    int minutes = (int) ((now / 60000) & 0xffff);
    assertEquals(5, ObjectCommands.lfuCounter((minutes << 8) | 5, now, 1));
    assertEquals(2, ObjectCommands.lfuCounter((minutes << 8) | 5, now + 3 * 60000, 1));
    assertEquals(4, ObjectCommands.lfuCounter((minutes << 8) | 5, now + 3 * 60000, 3));
    assertEquals(0, ObjectCommands.lfuCounter((minutes << 8) | 5, now + 10 * 60000, 1));
    assertEquals(5, ObjectCommands.lfuCounter((minutes << 8) | 5, now + 10 * 60000, 0));
  }
}

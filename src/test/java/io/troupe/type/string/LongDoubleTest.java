package io.troupe.type.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** INCRBYFLOAT's arithmetic; every expected text was produced by a real Redis 7.0 (x86-64). */
class LongDoubleTest {
  private static LongDouble p(String s) {
    return LongDouble.parse(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The text INCRBYFLOAT stores after adding {@code incr} to {@code start}. */
  private static String incr(String start, String incr) {
    return p(start).add(p(incr)).toHumanString();
  }

  @Test
  void sumsAsLongDoubleAndPrintsSeventeenDecimals() {
    assertEquals("10.6", incr("10.5", "0.1"));
    assertEquals("5010.60000000000000009", incr("10.6", "5.0e3"));
    assertEquals("3.3", incr("1.1", "2.2"));
    assertEquals("0.3", incr("0.1", "0.2"));
    assertEquals("1000000000000000001.5", incr("1e18", "1.5"));
    assertEquals("1000000000123456790.625", incr("1000000000000000001.5", "123456789.123456789"));
    assertEquals("4.5", incr("3", "+1.5"));
    assertEquals("5", incr("4.5", ".5"));
    assertEquals("10", incr("5", "5."));
  }

  @Test
  void roundsTiesToEvenWhenPrinting() {
    // 2^-18 has 18 decimals ending in 5: the 17th decimal stays even.
    assertEquals("0.00000381469726562", incr("0", "0.000003814697265625"));
  }

  @Test
  void negativeZeroPrintsAsZero() {
    assertEquals("0", incr("-1", "0.9999999999999999999"));
    assertEquals("0", incr("0.3", "-0.3"));
    assertEquals("0", incr("0", "-1e-30"));
  }

  @Test
  void acceptsHexAndExponents() {
    assertEquals("0.125", incr("0", "0x1p-3"));
    assertEquals("3", incr("0", "0X1.8P1"));
    assertEquals("100", incr("0", "1e+2"));
  }

  @Test
  void hugeValuesStayExact() {
    String big = incr("0", "1e4000");
    assertTrue(big.startsWith("999999999999999999996546387309962378493249258350695763130150"), big);
    assertEquals(4000, big.length());
    assertEquals("0", incr(big, "-1e4000"));
  }

  @Test
  void rejectsWhatStrtoldWouldNotTakeWhole() {
    for (String bad : new String[] {"", " 1", "1 ", "nan", "NaN", "abc", ".", "e5", "1e", "1e+", "--1",
        "0x", "0xg", "1e-5000", "1e5000", "-1e5000", "1.19e4932"}) {
      assertNull(p(bad), bad);
    }
  }

  @Test
  void infinityParsesButIsNotFinite() {
    assertTrue(p("inf").isInfinite());
    assertTrue(p("-Infinity").isInfinite());
    assertTrue(p("1").add(p("inf")).isInfinite());
    // 1.18e4932 + 1.18e4932 overflows the long double range.
    assertTrue(p("1.18e4932").add(p("1.18e4932")).isInfinite());
  }

  @Test
  void parsesUpToAnEmbeddedNul() {
    assertEquals("1.5", LongDouble.parse("1.5\0xyz".getBytes(StandardCharsets.ISO_8859_1))
        .toHumanString());
  }
}

package io.troupe.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Reply} type in RESP2 and RESP3, as Redis 7.0 encodes (and
 * degrades) them, and {@link Doubles} against C's printf("%.17g").
 */
class RespWriterTest {
  private static String enc(Reply r, int proto) {
    RespWriter w = new RespWriter(8);
    w.write(r, proto);
    return new String(w.drain(), StandardCharsets.ISO_8859_1);
  }

  private static void both(Reply r, String resp2, String resp3) {
    assertEquals(resp2, enc(r, 2), "RESP2 " + r);
    assertEquals(resp3, enc(r, 3), "RESP3 " + r);
  }

  @Test
  void simpleTypes() {
    both(Reply.OK, "+OK\r\n", "+OK\r\n");
    both(Reply.status("QUEUED"), "+QUEUED\r\n", "+QUEUED\r\n");
    both(Reply.error("ERR syntax error"), "-ERR syntax error\r\n", "-ERR syntax error\r\n");
    both(Reply.integer(0), ":0\r\n", ":0\r\n");
    both(Reply.integer(511), ":511\r\n", ":511\r\n");
    both(Reply.integer(512), ":512\r\n", ":512\r\n");
    both(Reply.integer(-1), ":-1\r\n", ":-1\r\n");
    both(Reply.integer(Long.MIN_VALUE), ":-9223372036854775808\r\n", ":-9223372036854775808\r\n");
    both(Reply.integer(Long.MAX_VALUE), ":9223372036854775807\r\n", ":9223372036854775807\r\n");
  }

  @Test
  void bulkStringsAreBinarySafe() {
    both(Reply.bulk("hello"), "$5\r\nhello\r\n", "$5\r\nhello\r\n");
    both(Reply.EMPTY_BULK, "$0\r\n\r\n", "$0\r\n\r\n");
    both(Reply.bulk(new byte[] {'a', '\r', '\n', 0, (byte) 0xff}), "$5\r\na\r\n\0\u00ff\r\n",
        "$5\r\na\r\n\0\u00ff\r\n");
    both(Reply.bulk((byte[]) null), "$-1\r\n", "_\r\n");
    both(Reply.bulk("h\u00e9"), "$3\r\nh\u00c3\u00a9\r\n", "$3\r\nh\u00c3\u00a9\r\n"); // UTF-8 bytes
  }

  @Test
  void nulls() {
    both(Reply.NULL_BULK, "$-1\r\n", "_\r\n");
    both(Reply.NULL_ARRAY, "*-1\r\n", "_\r\n");
  }

  @Test
  void aggregates() {
    both(Reply.EMPTY_ARRAY, "*0\r\n", "*0\r\n");
    both(Reply.array(Reply.bulk("a"), Reply.integer(1), Reply.NULL_BULK, Reply.array(Reply.OK)),
        "*4\r\n$1\r\na\r\n:1\r\n$-1\r\n*1\r\n+OK\r\n", "*4\r\n$1\r\na\r\n:1\r\n_\r\n*1\r\n+OK\r\n");
    both(Reply.map(List.of(Reply.bulk("k"), Reply.integer(1), Reply.bulk("m"), Reply.bulk("v"))),
        "*4\r\n$1\r\nk\r\n:1\r\n$1\r\nm\r\n$1\r\nv\r\n", "%2\r\n$1\r\nk\r\n:1\r\n$1\r\nm\r\n$1\r\nv\r\n");
    both(Reply.map(List.of()), "*0\r\n", "%0\r\n");
    both(Reply.set(List.of(Reply.bulk("a"), Reply.bulk("b"))), "*2\r\n$1\r\na\r\n$1\r\nb\r\n",
        "~2\r\n$1\r\na\r\n$1\r\nb\r\n");
    both(new Reply.Push(List.of(Reply.bulk("message"), Reply.bulk("ch"), Reply.bulk("hi"))),
        "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n", ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
    // nested RESP3 types degrade inside RESP2 arrays too
    both(Reply.array(Reply.map(List.of(Reply.bulk("x"), Reply.bool(true)))),
        "*1\r\n*2\r\n$1\r\nx\r\n:1\r\n", "*1\r\n%1\r\n$1\r\nx\r\n#t\r\n");
  }

  @Test
  void resp3Scalars() {
    both(Reply.bool(true), ":1\r\n", "#t\r\n");
    both(Reply.bool(false), ":0\r\n", "#f\r\n");
    both(Reply.dbl(1.5), "$3\r\n1.5\r\n", ",1.5\r\n");
    both(Reply.dbl(0.1), "$19\r\n0.10000000000000001\r\n", ",0.10000000000000001\r\n");
    both(Reply.dbl(3), "$1\r\n3\r\n", ",3\r\n");
    both(Reply.dbl(Double.POSITIVE_INFINITY), "$3\r\ninf\r\n", ",inf\r\n");
    both(Reply.dbl(Double.NEGATIVE_INFINITY), "$4\r\n-inf\r\n", ",-inf\r\n");
    both(Reply.verbatim("# Server\r\nredis_version:7.0.15\r\n"),
        "$32\r\n# Server\r\nredis_version:7.0.15\r\n\r\n", "=36\r\ntxt:# Server\r\nredis_version:7.0.15\r\n\r\n");
  }

  @Test
  void rawIsCopiedAsIs() {
    both(new Reply.Raw("+PONG\r\n".getBytes(StandardCharsets.US_ASCII)), "+PONG\r\n", "+PONG\r\n");
  }

  @Test
  void repliesOfOneReadLeaveAsOneBuffer() {
    RespWriter w = new RespWriter(4);
    for (int i = 0; i < 1000; i++) {
      w.write(Reply.integer(i), 2);
    }
    w.bulk(new byte[100_000]);
    byte[] all = w.drain();
    String head = new String(all, 0, 12, StandardCharsets.US_ASCII);
    assertEquals(":0\r\n:1\r\n:2\r\n", head);
    assertEquals(0, w.size());
    w.write(Reply.OK, 2);
    assertEquals("+OK\r\n", new String(w.drain(), StandardCharsets.US_ASCII));
  }

  /** Expected texts are C's printf("%.17g") (glibc), as Redis writes doubles. */
  @Test
  void format17gMatchesPrintf() {
    String[][] facts = {
        {"0.1", "0.10000000000000001"}, {"1.0", "1"}, {"1e17", "1e+17"}, {"1e16", "10000000000000000"},
        {"123456789012345678", "1.2345678901234568e+17"}, {"1e-5", "1.0000000000000001e-05"},
        {"0.0001", "0.0001"}, {"3.0", "3"}, {"1.5", "1.5"}, {"4.9e-324", "4.9406564584124654e-324"},
        {"1.7976931348623157e308", "1.7976931348623157e+308"}, {"2.5", "2.5"},
        {"0.3333333333333333", "0.33333333333333331"}, {"100", "100"},
        {"1000000000000000.2", "1000000000000000.2"}, {"0.00001234", "1.234e-05"}, {"123.456", "123.456"},
        {"-2.5e-10", "-2.5000000000000002e-10"}, {"9007199254740993", "9007199254740992"}, {"1e21", "1e+21"},
        {"12345678901234567890", "1.2345678901234567e+19"}, {"-0.0", "-0"}, {"0", "0"},
    };
    for (String[] f : facts) {
      assertEquals(f[1], Doubles.format17g(Double.parseDouble(f[0])), f[0]);
    }
    assertEquals("inf", Doubles.format17g(Double.POSITIVE_INFINITY));
    assertEquals("-inf", Doubles.format17g(Double.NEGATIVE_INFINITY));
    assertEquals("nan", Doubles.format17g(Double.NaN));
  }

  @Test
  void formatGOtherPrecisions() {
    // printf("%.5g")
    assertEquals("1.2346e+17", Doubles.formatG(123456789012345678.0, 5));
    assertEquals("123.46", Doubles.formatG(123.456, 5));
    assertEquals("9.0072e+15", Doubles.formatG(9007199254740992.0, 5));
    assertEquals("1e+15", Doubles.formatG(1000000000000000.2, 5));
    assertEquals("0.0001", Doubles.formatG(0.0001, 5));
  }
}

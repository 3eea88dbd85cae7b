package io.troupe.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The request parser against facts taken from redis-server 7.0.15 with raw
 * sockets (python: send bytes, print the reply): which bytes make which
 * commands, and which protocol error text each malformed input gets.
 */
class RespDecoderTest {
  private static final long MAX_BULK = 512L * 1024 * 1024;
  private static final long QBUF = 1024L * 1024 * 1024;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static RespDecoder.Result feed(RespDecoder d, byte[] bytes) {
    return d.decode(ByteBuffer.wrap(bytes));
  }

  private static RespDecoder.Result once(String input) {
    return feed(new RespDecoder(MAX_BULK, QBUF), b(input));
  }

  /** The commands as lists of ISO-8859-1 strings, for readable assertions. */
  private static List<List<String>> cmds(RespDecoder.Result r) {
    List<List<String>> out = new ArrayList<>();
    for (byte[][] argv : r.commands()) {
      List<String> c = new ArrayList<>();
      for (byte[] a : argv) {
        c.add(s(a));
      }
      out.add(c);
    }
    return out;
  }

  private static void assertCommands(String input, List<List<String>> expected) {
    RespDecoder.Result r = once(input);
    assertNull(r.protocolError(), input);
    assertEquals(expected, cmds(r), input);
  }

  private static void assertError(String input, String error, List<List<String>> before) {
    RespDecoder.Result r = once(input);
    assertEquals(error, r.protocolError(), input);
    assertTrue(r.mustClose());
    assertEquals(before, cmds(r), input);
  }

  private static void assertError(String input, String error) {
    assertError(input, error, List.of());
  }

  private static void assertWaits(String input) {
    RespDecoder.Result r = once(input);
    assertNull(r.protocolError(), input);
    assertFalse(r.mustClose(), input);
    assertEquals(List.of(), cmds(r), input);
  }

  private static String mbulk(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    }
    return sb.toString();
  }

  // ---- multibulk ---------------------------------------------------------------------

  @Test
  void multibulk() {
    assertCommands(mbulk("SET", "key", "value") + mbulk("GET", "key"),
        List.of(List.of("SET", "key", "value"), List.of("GET", "key")));
    assertCommands("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", List.of(List.of("ECHO", "")));
    // Binary-safe: CR, LF and NUL inside a bulk are data.
    assertCommands("*2\r\n$4\r\nECHO\r\n$5\r\na\r\n\0b\r\n", List.of(List.of("ECHO", "a\r\n\0b")));
  }

  @Test
  void emptyAndNegativeMultibulkCountsAreSkipped() {
    // redis: "*0\r\nPING\r\n", "*-1\r\nPING\r\n", "*-5..." all answer +PONG only
    assertCommands("*0\r\n*-1\r\n*-5\r\n" + mbulk("PING"), List.of(List.of("PING")));
    assertCommands("*-9223372036854775808\r\nPING\r\n", List.of(List.of("PING")));
  }

  @Test
  void theTwoBytesAfterABulkAreSkippedUnchecked() {
    // redis: "*1\r\n$4\r\nPINGxx$4\r\n" -> +PONG, then "$4" runs as an inline command
    assertCommands("*1\r\n$4\r\nPINGxx$4\r\n", List.of(List.of("PING"), List.of("$4")));
  }

  @Test
  void emptyLinesAndBareLineFeeds() {
    assertCommands("\r\n\r\nPING\r\n", List.of(List.of("PING")));
    assertCommands("\n\nPING\n", List.of(List.of("PING")));
    assertCommands(mbulk("PING") + "\r\n\r\n" + "PING\r\n", List.of(List.of("PING"), List.of("PING")));
    assertCommands("   \t \r\n", List.of());
  }

  // ---- inline --------------------------------------------------------------------------

  @Test
  void inlineQuotingAsSdssplitargs() {
    assertCommands("  PING  \r\n", List.of(List.of("PING")));
    assertCommands("SET k \"hello world\"\r\n", List.of(List.of("SET", "k", "hello world")));
    assertCommands("ECHO \"\\x41\\x4a\\n\"\r\n", List.of(List.of("ECHO", "AJ\n")));
    assertCommands("ECHO \"\\x4\"\r\n", List.of(List.of("ECHO", "x4")));
    assertCommands("ECHO \"\\xZZ\"\r\n", List.of(List.of("ECHO", "xZZ")));
    assertCommands("ECHO \"\\x41\\x\"\r\n", List.of(List.of("ECHO", "Ax")));
    assertCommands("ECHO \"\\xff\"\r\n", List.of(List.of("ECHO", "\u00ff")));
    assertCommands("ECHO\t\"\\t\\b\\a\\r\\\\\"\r\n", List.of(List.of("ECHO", "\t\b\u0007\r\\")));
    assertCommands("ECHO \"say \\\"hi\\\"\"\r\n", List.of(List.of("ECHO", "say \"hi\"")));
    // single quotes: only \' is an escape
    assertCommands("ECHO '\\x41'\r\n", List.of(List.of("ECHO", "\\x41")));
    assertCommands("ECHO 'it\\'s'\r\n", List.of(List.of("ECHO", "it's")));
    assertCommands("ECHO \"\"\r\n", List.of(List.of("ECHO", "")));
    assertCommands("ECHO \"a\" 'b'\r\n", List.of(List.of("ECHO", "a", "b")));
    // a quote inside a word starts a quoted part of the same word
    assertCommands("ECHO ab\"c d\"\r\n", List.of(List.of("ECHO", "abc d")));
  }

  @Test
  void inlineUnbalancedQuotes() {
    String err = "ERR Protocol error: unbalanced quotes in request";
    assertError("PING \"a\r\n", err);
    assertError("ECHO \"a\"b\r\n", err);
    assertError("ECHO 'a'b\r\n", err);
    assertError("ECHO \"a\" \"b\"x\r\n", err);
    assertError("ECHO 'abc\r\n", err);
    assertError("PING\r\nECHO \"x\r\n", err, List.of(List.of("PING")));
  }

  @Test
  void nulBytesHideTheLineEndAsInC() {
    // redis: "ECHO a\0b\r\n" gets no reply (strchr stops at NUL); same for headers
    assertWaits("ECHO a\0b\r\n");
    assertWaits("*1\0\r\n$4\r\nPING\r\n");
    assertWaits("*1\r\n$4\0\r\nPING\r\n");
    assertWaits("*1\r\n\0\r\n");
  }

  // ---- protocol errors -----------------------------------------------------------------

  @Test
  void invalidMultibulkLength() {
    String err = "ERR Protocol error: invalid multibulk length";
    for (String in : List.of("*abc\r\n", "*3000000000\r\n", "*2147483648\r\n", "*01\r\n", "*-0\r\n", "*\r\n",
        "*+1\r\n", "* 1\r\n", "*1\n$4\r\nPING\r\n", "*99999999999999999999\r\n")) {
      assertError(in, err);
    }
    assertError(mbulk("PING") + "*+1\r\n", err, List.of(List.of("PING")));
  }

  @Test
  void hugeMultibulkCountWaitsWithoutAllocating() {
    RespDecoder d = new RespDecoder(MAX_BULK, QBUF);
    RespDecoder.Result r = feed(d, b("*2147483647\r\n"));
    assertFalse(r.mustClose());
    r = feed(d, b("$4\r\nPING\r\n$4\r\nPONG\r\n"));
    assertEquals(List.of(), cmds(r));
  }

  @Test
  void invalidBulkLength() {
    String err = "ERR Protocol error: invalid bulk length";
    for (String in : List.of("*1\r\n$abc\r\n", "*1\r\n$-1\r\n", "*1\r\n$-0\r\n", "*1\r\n$600000000\r\n",
        "*1\r\n$04\r\nPING\r\n", "*1\r\n$+4\r\nPING\r\n", "*1\r\n$ 4\r\nPING\r\n", "*1\r\n$\r\n",
        "*1\r\n$4\nPING\r\n", "*1\r\n$9223372036854775808\r\n")) {
      assertError(in, err);
    }
    // the limit is proto-max-bulk-len
    RespDecoder d = new RespDecoder(1000, QBUF);
    assertNull(feed(d, b("*1\r\n$1000\r\n")).protocolError());
    assertEquals(err, feed(new RespDecoder(1000, QBUF), b("*1\r\n$1001\r\n")).protocolError());
  }

  @Test
  void expectedDollar() {
    assertError("*1\r\nxPING\r\n", "ERR Protocol error: expected '$', got 'x'");
    assertError("*1\r\n\u00ff\r\n", "ERR Protocol error: expected '$', got '\u00ff'");
    // a newline in an error text becomes a space, as Redis sanitizes error replies
    assertError("*1\r\n\n\r\n", "ERR Protocol error: expected '$', got ' '");
    assertError("*2\r\n$4\r\nECHO\r\n:1\r\n", "ERR Protocol error: expected '$', got ':'");
  }

  @Test
  void tooBigHeadersAndInlineRequests() {
    String x = "x".repeat(64 * 1024 + 1);
    assertError(x, "ERR Protocol error: too big inline request");
    assertError("*" + "1".repeat(64 * 1024 + 1), "ERR Protocol error: too big mbulk count string");
    assertError("*1\r\n$" + "1".repeat(64 * 1024 + 1), "ERR Protocol error: too big bulk count string");
    // exactly 64 KiB is still waited for
    assertWaits("x".repeat(64 * 1024));
    // a NUL before the LF: the line never ends, and grows into the limit
    RespDecoder d = new RespDecoder(MAX_BULK, QBUF);
    assertFalse(feed(d, b("ECHO \0 x\r\n")).mustClose());
    assertEquals("ERR Protocol error: too big inline request", feed(d, b(x)).protocolError());
  }

  @Test
  void unauthenticatedLimits() {
    RespDecoder d = new RespDecoder(MAX_BULK, QBUF);
    d.setAuthenticated(false);
    assertNull(feed(d, b("*10\r\n")).protocolError());
    d = new RespDecoder(MAX_BULK, QBUF);
    d.setAuthenticated(false);
    assertEquals("ERR Protocol error: unauthenticated multibulk length", feed(d, b("*11\r\n")).protocolError());

    d = new RespDecoder(MAX_BULK, QBUF);
    d.setAuthenticated(false);
    assertNull(feed(d, b("*2\r\n$4\r\nAUTH\r\n$16384\r\n")).protocolError());
    d = new RespDecoder(MAX_BULK, QBUF);
    d.setAuthenticated(false);
    assertEquals("ERR Protocol error: unauthenticated bulk length",
        feed(d, b("*2\r\n$4\r\nAUTH\r\n$16385\r\n")).protocolError());
  }

  @Test
  void queryBufferLimitClosesWithoutAnError() {
    // an unfinished small bulk held in the buffer
    RespDecoder d = new RespDecoder(MAX_BULK, 1000);
    RespDecoder.Result r = feed(d, b("*2\r\n$3\r\nSET\r\n$5000\r\n" + "v".repeat(990)));
    assertFalse(r.mustClose());
    r = feed(d, b("v".repeat(20)));
    assertTrue(r.queryBufferExceeded());
    assertNull(r.protocolError());
    assertTrue(r.mustClose());

    // a big argument (>= 32 KiB) counted as it arrives
    d = new RespDecoder(MAX_BULK, 50_000);
    assertFalse(feed(d, b("*2\r\n$3\r\nSET\r\n$100000\r\n" + "v".repeat(40_000))).mustClose());
    assertTrue(feed(d, b("v".repeat(20_000))).queryBufferExceeded());

    // complete commands do not count
    d = new RespDecoder(MAX_BULK, 1000);
    String many = mbulk("ECHO", "y".repeat(500)).repeat(10);
    r = feed(d, b(many));
    assertFalse(r.mustClose());
    assertEquals(10, r.commands().size());
  }

  // ---- framing: partial reads, pipelines, big arguments --------------------------------

  private static byte[] sample() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(b(mbulk("SET", "key", "value")));
    o.writeBytes(b("PING\r\n"));
    o.writeBytes(b("*0\r\n"));
    o.writeBytes(b(mbulk("ECHO", "")));
    o.writeBytes(b("\r\n"));
    o.writeBytes(b("ECHO \"a b\" 'c'\n"));
    o.writeBytes(b(mbulk("GET", "k\r\nx")));
    o.writeBytes(b(mbulk("SET", "big", "B".repeat(40_000))));
    o.writeBytes(b(mbulk("DEL", "a", "b", "c")));
    return o.toByteArray();
  }

  private static final List<List<String>> SAMPLE = List.of(
      List.of("SET", "key", "value"), List.of("PING"), List.of("ECHO", ""), List.of("ECHO", "a b", "c"),
      List.of("GET", "k\r\nx"), List.of("SET", "big", "B".repeat(40_000)), List.of("DEL", "a", "b", "c"));

  private static List<List<String>> feedInPieces(byte[] all, int[] cuts) {
    RespDecoder d = new RespDecoder(MAX_BULK, QBUF);
    List<List<String>> got = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      RespDecoder.Result r = d.decode(ByteBuffer.wrap(Arrays.copyOfRange(all, from, cut)));
      assertFalse(r.mustClose(), () -> "error " + r.protocolError() + " at cut " + Arrays.toString(cuts));
      got.addAll(cmds(r));
      from = cut;
    }
    return got;
  }

  @Test
  void splitAtEveryBytePosition() {
    byte[] all = sample();
    assertEquals(SAMPLE, feedInPieces(all, new int[] {all.length}));
    // Every position outside the big argument's payload, and every 101st inside it.
    int bigFrom = s(all).indexOf("BBBB");
    int bigTo = bigFrom + 40_000;
    for (int cut = 0; cut <= all.length; cut += (cut > bigFrom + 3 && cut < bigTo - 3) ? 101 : 1) {
      assertEquals(SAMPLE, feedInPieces(all, new int[] {cut, all.length}), "cut at " + cut);
    }
  }

  @Test
  void oneByteAtATimeAndRandomChunks() {
    byte[] all = sample();
    int[] cuts = new int[all.length];
    for (int i = 0; i < all.length; i++) {
      cuts[i] = i + 1;
    }
    assertEquals(SAMPLE, feedInPieces(all, cuts));
    Random rnd = new Random(42);
    for (int round = 0; round < 100; round++) {
      List<Integer> c = new ArrayList<>();
      int pos = 0;
      while (pos < all.length) {
        pos = Math.min(all.length, pos + 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 20_000));
        c.add(pos);
      }
      assertEquals(SAMPLE, feedInPieces(all, c.stream().mapToInt(Integer::intValue).toArray()));
    }
  }

  @Test
  void thousandsOfPipelinedCommandsInOneBuffer() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append(mbulk("SET", "key:" + i, "v" + i));
      if (i % 7 == 0) {
        sb.append("GET key:").append(i).append("\r\n");
      }
    }
    RespDecoder.Result r = once(sb.toString());
    assertNull(r.protocolError());
    List<List<String>> c = cmds(r);
    assertEquals(5000 + 715, c.size());
    assertEquals(List.of("SET", "key:0", "v0"), c.get(0));
    assertEquals(List.of("GET", "key:0"), c.get(1));
    assertEquals(List.of("SET", "key:4999", "v4999"), c.get(c.size() - 1));
  }

  @Test
  void bigArguments() {
    Random rnd = new Random(7);
    byte[] payload = new byte[3 * 1024 * 1024 + 17];
    rnd.nextBytes(payload);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(b("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + payload.length + "\r\n"));
    o.writeBytes(payload);
    o.writeBytes(b("\r\n"));
    o.writeBytes(b(mbulk("GET", "k")));
    byte[] all = o.toByteArray();
    for (int chunk : new int[] {all.length, 16 * 1024, 65_536, 1000, 32 * 1024 + 3}) {
      RespDecoder d = new RespDecoder(MAX_BULK, QBUF);
      List<byte[][]> got = new ArrayList<>();
      for (int from = 0; from < all.length; from += chunk) {
        RespDecoder.Result r = d.decode(ByteBuffer.wrap(all, from, Math.min(chunk, all.length - from)));
        assertFalse(r.mustClose());
        got.addAll(r.commands());
      }
      assertEquals(2, got.size(), "chunk " + chunk);
      assertArrayEquals(payload, got.get(0)[2], "chunk " + chunk);
      assertEquals("GET", s(got.get(1)[0]));
    }
    // exactly at the 32 KiB boundary
    String v = "z".repeat(32 * 1024);
    assertCommands(mbulk("SET", "k", v) + mbulk("PING"), List.of(List.of("SET", "k", v), List.of("PING")));
  }

  @Test
  void aDecoderIsReusableAcrossReads() {
    RespDecoder d = new RespDecoder(MAX_BULK, QBUF);
    for (int i = 0; i < 1000; i++) {
      RespDecoder.Result r = feed(d, b(mbulk("INCR", "n") + "PING\r\n"));
      assertEquals(List.of(List.of("INCR", "n"), List.of("PING")), cmds(r));
    }
  }

  // ---- splitArgs, as redis.conf lines use it ------------------------------------------------

  @Test
  void splitArgsStopsAtNulAndRejectsUnbalanced() {
    byte[] line = b("save \"\" x\0y");
    List<byte[]> parts = RespDecoder.splitArgs(line, 0, line.length);
    assertEquals(List.of("save", "", "x"), parts.stream().map(RespDecoderTest::s).toList());
    byte[] bad = b("a \"b");
    assertNull(RespDecoder.splitArgs(bad, 0, bad.length));
    byte[] empty = b("   ");
    assertEquals(0, RespDecoder.splitArgs(empty, 0, empty.length).size());
  }
}

package io.troupe.type.list;

import static io.troupe.InProcess.argv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The list handlers in-process: the fill a new list takes from the config,
 * Redis 7.0's timeout arithmetic, the key finder of LMPOP/BLMPOP and the
 * immediate path of the blocking commands.
 */
class ListCommandsTest {
  private ServerConfig config;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    config = new ServerConfig();
    ctx = new ExecContext(new Keyspace[] {new Keyspace(0, 16)}, SlotMap.evenlySplit(1), config);
    ctx.reset(0, 1_700_000_000_000L);
  }

  private Reply run(CommandHandler h, String... args) {
    return h.execute(ctx, argv(args));
  }

  private ListType list(String key) {
    Entry e = ctx.lookupRead(key.getBytes(StandardCharsets.ISO_8859_1));
    return e == null ? null : ExecContext.valueAs(e, ListType.class);
  }

  private static long timeout(String s) {
    return ListCommands.parseTimeout(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String timeoutError(String s) {
    return assertThrows(CommandException.class, () -> timeout(s)).getMessage();
  }

  @Test
  void aNewListTakesTheFillConfiguredAtCreation() {
    assertEquals(-2, config.param("list-max-listpack-size").asLong());
    assertEquals("-2", config.param("list-max-ziplist-size").text());
    config.set("list-max-ziplist-size", "2");
    run(ListCommands::rpush, "rpush", "a", "1", "2", "3", "4", "5");
    assertArrayEquals(new int[] {2, 2, 1}, list("a").nodeCounts());
    config.set("list-max-listpack-size", "-2");
    run(ListCommands::rpush, "rpush", "a", "6", "7"); // an existing list keeps its fill
    assertArrayEquals(new int[] {2, 2, 2, 1}, list("a").nodeCounts());
    run(ListCommands::rpush, "rpush", "b", "1", "2", "3", "4", "5");
    assertArrayEquals(new int[] {5}, list("b").nodeCounts());
    assertEquals("quicklist", list("b").encoding());
    config.set("list-max-listpack-size", "-2147483648");
    assertEquals(-5, ListCommands.newList(ctx).fill());
    assertEquals("argument must be between 0 and 2147483647 inclusive",
        assertThrows(RuntimeException.class, () -> config.set("list-compress-depth", "-1")).getMessage());
  }

  @Test
  void timeoutsAsRedis70ComputesThem() {
    assertEquals(0, timeout("0"));
    assertEquals(0, timeout("-0.0001")); // ceil(-0.1) is 0: block forever
    assertEquals(1, timeout("0.0001"));
    assertEquals(1, timeout("0.001"));
    assertEquals(10, timeout("0.01"));
    assertEquals(1500, timeout("1.5"));
    assertEquals(16000, timeout("0x10"));
    assertEquals(100, timeout("1e-1"));
    assertEquals(Long.MAX_VALUE, timeout("9223372036854775.807"));
    assertEquals(9223372036854775000L, timeout("9223372036854775"));
    String negative = "ERR timeout is negative";
    String notFloat = "ERR timeout is not a float or out of range";
    assertEquals(negative, timeoutError("-1"));
    assertEquals(negative, timeoutError("-0.5"));
    assertEquals(negative, timeoutError("9223372036854776")); // the cast overflows to LLONG_MIN
    assertEquals(negative, timeoutError("1e30"));
    assertEquals(negative, timeoutError("inf"));
    assertEquals(negative, timeoutError("-inf"));
    assertEquals(notFloat, timeoutError("nan"));
    assertEquals(notFloat, timeoutError("abc"));
    assertEquals(notFloat, timeoutError(" 1"));
    assertEquals(notFloat, timeoutError(""));
  }

  @Test
  void lmpopKeyFinder() {
    assertArrayEquals(new int[] {2, 3}, ListCommands.numkeysKeys(argv("lmpop", "2", "a", "b", "left"), 1));
    assertArrayEquals(new int[] {3}, ListCommands.numkeysKeys(argv("blmpop", "0", "1", "a", "left"), 2));
    // malformed: no keys, the handler answers the error
    assertArrayEquals(new int[0], ListCommands.numkeysKeys(argv("lmpop", "0", "a", "left"), 1));
    assertArrayEquals(new int[0], ListCommands.numkeysKeys(argv("lmpop", "x", "a", "left"), 1));
    assertArrayEquals(new int[0], ListCommands.numkeysKeys(argv("lmpop", "2", "a", "left"), 1));
    assertArrayEquals(new int[0],
        ListCommands.numkeysKeys(argv("lmpop", "9223372036854775807", "a", "left"), 1));
  }

  @Test
  void blockingCommandsServeAtOnceWhenDataIsThere() {
    run(ListCommands::rpush, "rpush", "l", "a", "b", "c", "d", "e");
    assertReply(Reply.array(Reply.bulk("l"), Reply.bulk("a")),
        run(ListCommands::blpop, "blpop", "none", "l", "0"));
    assertReply(Reply.array(Reply.bulk("l"), Reply.bulk("e")),
        run(ListCommands::brpop, "brpop", "l", "1"));
    assertEquals("b", text(run(ListCommands::blmove, "blmove", "l", "m", "LEFT", "LEFT", "0")));
    assertEquals("d", text(run(ListCommands::brpoplpush, "brpoplpush", "l", "m", "0")));
    Reply r = run(ListCommands::blmpop, "blmpop", "0", "2", "none", "l", "RIGHT", "COUNT", "5");
    assertReply(Reply.array(Reply.bulk("l"), Reply.array(Reply.bulk("c"))), r);
    assertNull(list("l"));
    assertEquals(2, list("m").size());
  }

  @Test
  void withoutBlockingTheyAnswerAsTheirTimeoutAtOnce() {
    ctx.setBlockingAllowed(false); // inside MULTI/EXEC or a script
    run(ListCommands::rpush, "rpush", "other", "x");
    assertEquals(Reply.NULL_ARRAY, run(ListCommands::blpop, "blpop", "none", "0"));
    assertEquals(Reply.NULL_ARRAY, run(ListCommands::brpop, "brpop", "none", "none2", "0"));
    assertEquals(Reply.NULL_ARRAY, run(ListCommands::blmpop, "blmpop", "0", "1", "none", "LEFT"));
    // Redis answers a refused BLMOVE / BRPOPLPUSH with a null bulk (a timeout gives a null array).
    assertEquals(Reply.NULL_BULK, run(ListCommands::blmove, "blmove", "none", "other", "LEFT", "LEFT", "0"));
    assertEquals(Reply.NULL_BULK, run(ListCommands::brpoplpush, "brpoplpush", "none", "other", "0"));
    // with data they still serve
    assertEquals("x", text(run(ListCommands::blmove, "blmove", "other", "d", "LEFT", "LEFT", "0")));
    assertNull(list("other"));
  }

  private static String text(Reply r) {
    return new String(((Reply.Bulk) r).value(), StandardCharsets.ISO_8859_1);
  }

  /** Bulk replies compared by content (records compare byte[] by identity). */
  private static Object normalize(Reply r) {
    if (r instanceof Reply.Bulk b) {
      return new String(b.value(), StandardCharsets.ISO_8859_1);
    }
    if (r instanceof Reply.Array a) {
      return a.items().stream().map(ListCommandsTest::normalize).toList();
    }
    return r;
  }

  private static void assertReply(Reply expected, Reply actual) {
    assertEquals(normalize(expected), normalize(actual));
  }
}

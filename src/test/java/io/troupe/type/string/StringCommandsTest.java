package io.troupe.type.string;

import static io.troupe.InProcess.argv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers in-process, against one keyspace: what needs a value of
 * another type (no other type's commands exist over the wire yet), TTLs,
 * atomicity of failed commands and dirty counting.
 */
class StringCommandsTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final String WRONGTYPE =
      "WRONGTYPE Operation against a key holding the wrong kind of value";

  private Keyspace keyspace;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    keyspace = new Keyspace(0, 16);
    ctx = new ExecContext(new Keyspace[] {keyspace}, SlotMap.evenlySplit(1), new ServerConfig());
    ctx.reset(0, NOW);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private Reply run(CommandHandler h, String... args) {
    return h.execute(ctx, argv(args));
  }

  private String error(CommandHandler h, String... args) {
    return assertThrows(CommandException.class, () -> run(h, args)).getMessage();
  }

  private static String text(Reply r) {
    return new String(((Reply.Bulk) r).value(), StandardCharsets.ISO_8859_1);
  }

  private String value(String key) {
    Entry e = ctx.lookupRead(b(key));
    return e == null ? null : new String((byte[]) e.value(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyCommandRefusesAnotherType() {
    ctx.set(b("list"), new ArrayList<byte[]>());
    Object[][] cases = {
        {(CommandHandler) StringCommands::get, "get list"},
        {(CommandHandler) StringCommands::getset, "getset list v"},
        {(CommandHandler) StringCommands::getdel, "getdel list"},
        {(CommandHandler) StringCommands::getex, "getex list persist"},
        {(CommandHandler) StringCommands::incr, "incr list"},
        {(CommandHandler) StringCommands::decrby, "decrby list 2"},
        {(CommandHandler) StringCommands::incrbyfloat, "incrbyfloat list 2"},
        {(CommandHandler) StringCommands::append, "append list x"},
        {(CommandHandler) StringCommands::strlen, "strlen list"},
        {(CommandHandler) StringCommands::getrange, "getrange list 0 1"},
        {(CommandHandler) StringCommands::setrange, "setrange list 0 x"},
        {(CommandHandler) StringCommands::set, "set list v get"},
        {(CommandHandler) BitCommands::setbit, "setbit list 0 1"},
        {(CommandHandler) BitCommands::getbit, "getbit list 0"},
        {(CommandHandler) BitCommands::bitcount, "bitcount list"},
        {(CommandHandler) BitCommands::bitpos, "bitpos list 1"},
        {(CommandHandler) BitCommands::bitop, "bitop and dest list"},
        {(CommandHandler) BitCommands::bitfield, "bitfield list get u8 0"},
        {(CommandHandler) BitCommands::bitfield, "bitfield list set u8 0 1"},
        {(CommandHandler) BitCommands::bitfieldRo, "bitfield_ro list get u8 0"},
    };
    for (Object[] c : cases) {
      String cmd = (String) c[1];
      assertEquals(WRONGTYPE, error((CommandHandler) c[0], cmd.split(" ")), cmd);
      assertTrue(ctx.lookupRead(b("list")).value() instanceof List, cmd);
    }
    assertEquals("ERR The specified keys must contain string values",
        error(StringCommands::lcs, "lcs", "list", "x"));
    // MGET answers nil for a key of another type; SET without GET replaces it.
    assertEquals(Reply.array(Reply.NULL_BULK), run(StringCommands::mget, "mget", "list"));
    assertEquals(Reply.OK, run(StringCommands::set, "set", "list", "v"));
    assertEquals("v", value("list"));
  }

  @Test
  void countersAndAppendKeepTheTtl() {
    run(StringCommands::set, "set", "n", "5", "ex", "100");
    run(StringCommands::incr, "incr", "n");
    run(StringCommands::incrbyfloat, "incrbyfloat", "n", "1.5");
    run(StringCommands::append, "append", "n", "0");
    run(StringCommands::setrange, "setrange", "n", "0", "9");
    run(BitCommands::setbit, "setbit", "n", "100", "1");
    assertEquals(NOW + 100_000, ctx.lookupRead(b("n")).expireAt());
    run(StringCommands::getset, "getset", "n", "x");
    assertFalse(ctx.lookupRead(b("n")).hasExpiry());
  }

  @Test
  void setExpiryOptionsBecomeAbsoluteTimes() {
    run(StringCommands::set, "set", "a", "v", "px", "1500");
    assertEquals(NOW + 1500, ctx.lookupRead(b("a")).expireAt());
    run(StringCommands::set, "set", "a", "v", "exat", "1800000000");
    assertEquals(1_800_000_000_000L, ctx.lookupRead(b("a")).expireAt());
    run(StringCommands::set, "set", "a", "w", "keepttl");
    assertEquals(1_800_000_000_000L, ctx.lookupRead(b("a")).expireAt());
    run(StringCommands::set, "set", "a", "w");
    assertFalse(ctx.lookupRead(b("a")).hasExpiry());
    run(StringCommands::setex, "setex", "a", "10", "v");
    assertEquals(NOW + 10_000, ctx.lookupRead(b("a")).expireAt());
    // A relative time that overflows is refused.
    assertEquals("ERR invalid expire time in 'psetex' command",
        error(StringCommands::psetex, "psetex", "a", "9223372036854775807", "v"));
    // An absolute time in the past is accepted and the key is then gone.
    assertEquals(Reply.OK, run(StringCommands::set, "set", "a", "v", "pxat", "1"));
    assertNull(value("a"));
  }

  @Test
  void getexChangesOrDropsTheTtl() {
    run(StringCommands::set, "set", "a", "v");
    run(StringCommands::getex, "getex", "a", "ex", "50");
    assertEquals(NOW + 50_000, ctx.lookupRead(b("a")).expireAt());
    run(StringCommands::getex, "getex", "a", "persist");
    assertFalse(ctx.lookupRead(b("a")).hasExpiry());
    assertEquals("v", text(run(StringCommands::getex, "getex", "a", "pxat", "5")));
    assertNull(value("a"));
  }

  @Test
  void failedCommandsChangeNothing() {
    run(StringCommands::set, "set", "s", "abc");
    run(StringCommands::set, "set", "f", "1.5");
    long dirty = keyspace.stats().dirty;
    assertEquals("ERR value is not a valid float", error(StringCommands::incrbyfloat, "incrbyfloat", "f", "x"));
    assertEquals("ERR value is not an integer or out of range", error(StringCommands::incr, "incr", "s"));
    assertEquals("ERR syntax error", error(StringCommands::set, "set", "s", "new", "ex", "10", "px", "5"));
    assertEquals("ERR invalid expire time in 'set' command",
        error(StringCommands::set, "set", "s", "new", "ex", "0"));
    assertEquals("ERR bit is not an integer or out of range", error(BitCommands::setbit, "setbit", "s", "0", "2"));
    assertEquals("ERR value is not an integer or out of range",
        error(BitCommands::bitfield, "bitfield", "s", "set", "u8", "0", "1", "set", "u8", "8", "x"));
    assertEquals("ERR BITFIELD_RO only supports the GET subcommand",
        error(BitCommands::bitfieldRo, "bitfield_ro", "s", "set", "u8", "0", "1"));
    assertEquals("abc", value("s"));
    assertEquals("1.5", value("f"));
    assertEquals(dirty, keyspace.stats().dirty);
  }

  @Test
  void storedValuesAreNeverMutated() {
    run(StringCommands::set, "set", "s", "abc");
    byte[] before = (byte[]) ctx.lookupRead(b("s")).value();
    run(BitCommands::setbit, "setbit", "s", "0", "1");
    run(StringCommands::setrange, "setrange", "s", "1", "X");
    run(BitCommands::bitfield, "bitfield", "s", "set", "u8", "16", "65");
    assertArrayEquals(b("abc"), before);
    assertEquals("\u00e1XA", value("s"));
  }

  @Test
  void countsDirtyAsRedis() {
    long d0 = keyspace.stats().dirty;
    run(StringCommands::mset, "mset", "a", "1", "b", "2", "c", "3");
    assertEquals(d0 + 3, keyspace.stats().dirty);
    run(BitCommands::setbit, "setbit", "a", "2", "1"); // "1" is 0x31: bit 2 is already 1
    assertEquals(d0 + 3, keyspace.stats().dirty);
    run(StringCommands::setnx, "setnx", "a", "x");
    assertEquals(d0 + 3, keyspace.stats().dirty);
    run(StringCommands::incr, "incr", "a");
    assertEquals(d0 + 4, keyspace.stats().dirty);
  }

  @Test
  void setGetReturnsTheOldValueEvenWhenNxStopsIt() {
    run(StringCommands::set, "set", "a", "old");
    assertEquals("old", text(run(StringCommands::set, "set", "a", "new", "nx", "get")));
    assertEquals("old", value("a"));
    assertSame(Reply.NULL_BULK, run(StringCommands::set, "set", "b", "new", "xx", "get"));
    assertNull(value("b"));
  }
}

package io.troupe.type.sort;

import static io.troupe.InProcess.argv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.KeyFinder;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.keyspace.TypedValue;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SORT in-process against stand-in list, set, sorted set and hash values
 * (the real types are written in parallel). Every expected reply is what a
 * real Redis 7.0.15 answered for the same data and command.
 */
class SortTest {
  private static final long NOW = 1_700_000_000_000L;

  /** A minimal value of any sortable kind, in native order. */
  record TestCollection(SortSource.Kind kind, List<byte[]> items) implements TypedValue, SortSource {
    @Override
    public String typeName() {
      return switch (kind) {
        case LIST -> "list";
        case SET -> "set";
        case ZSET -> "zset";
      };
    }

    @Override
    public TypedValue deepCopy() {
      return new TestCollection(kind, new ArrayList<>(items));
    }

    @Override
    public String encoding() {
      return "test";
    }

    @Override
    public Kind sortKind() {
      return kind;
    }

    @Override
    public int sortSize() {
      return items.size();
    }

    @Override
    public Iterable<byte[]> elements() {
      return items;
    }
  }

  record TestHash(Map<String, byte[]> fields) implements TypedValue, SortHash {
    @Override
    public String typeName() {
      return "hash";
    }

    @Override
    public TypedValue deepCopy() {
      return new TestHash(new HashMap<>(fields));
    }

    @Override
    public String encoding() {
      return "test";
    }

    @Override
    public byte[] sortField(byte[] field) {
      return fields.get(new String(field, StandardCharsets.ISO_8859_1));
    }
  }

  private ExecContext ctx;
  private final Map<String, CommandHandler> handlers = new HashMap<>();
  private final Map<String, KeyFinder> finders = new HashMap<>();

  @BeforeEach
  void setUp() {
    Keyspace keyspace = new Keyspace(0, 16);
    ctx = new ExecContext(new Keyspace[] {keyspace}, SlotMap.evenlySplit(1), new ServerConfig());
    ctx.reset(0, NOW);
    SortCommands.bind(new CommandBinder() {
      @Override
      public void keyed(String name, CommandHandler handler) {
        handlers.put(name, handler);
      }

      @Override
      public void keyed(String name, KeyFinder keys, CommandHandler handler) {
        handlers.put(name, handler);
        finders.put(name, keys);
      }

      @Override
      public void allShards(String name, CommandHandler handler) {
        handlers.put(name, handler);
      }
    });

    list("l", "3", "10", "1", "2", "b", "a");
    list("n", "3", "10", "1", "2", "-1.5");
    for (String[] kv : new String[][] {{"w_3", "30"}, {"w_10", "5"}, {"w_1", "100"}, {"w_2", "1"}}) {
      ctx.set(b(kv[0]), b(kv[1]));
    }
    for (String[] kv : new String[][] {{"h_3", "c"}, {"h_10", "a"}, {"h_1", "d"}, {"h_2", "b"}}) {
      Map<String, byte[]> f = new HashMap<>();
      f.put("f", b(kv[1]));
      ctx.set(b(kv[0]), new TestHash(f));
    }
    ctx.set(b("s"), coll(SortSource.Kind.SET, "c", "a", "b"));
    ctx.set(b("z"), coll(SortSource.Kind.ZSET, "d", "b", "c", "a")); // by score 0,1,2,3
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static TestCollection coll(SortSource.Kind kind, String... items) {
    List<byte[]> l = new ArrayList<>();
    for (String s : items) {
      l.add(b(s));
    }
    return new TestCollection(kind, l);
  }

  private void list(String key, String... items) {
    ctx.set(b(key), coll(SortSource.Kind.LIST, items));
  }

  private Reply run(String... args) {
    return handlers.get(args[0]).execute(ctx, argv(args));
  }

  /** The reply as a list of strings, null for a null bulk. */
  private List<String> strings(Reply r) {
    List<String> out = new ArrayList<>();
    for (Reply item : ((Reply.Array) r).items()) {
      out.add(item instanceof Reply.Bulk bulk ? new String(bulk.value(), StandardCharsets.ISO_8859_1) : null);
    }
    return out;
  }

  private List<String> sort(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "sort";
    System.arraycopy(args, 0, full, 1, args.length);
    return strings(run(full));
  }

  private String error(String... args) {
    return assertThrows(CommandException.class, () -> run(args)).getMessage();
  }

  private List<String> storedList(String key) {
    Entry e = ctx.lookupRead(b(key));
    List<String> out = new ArrayList<>();
    for (byte[] v : ((io.troupe.type.list.ListType) e.value()).elements()) {
      out.add(new String(v, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  @Test
  void numericAlphaDescLimit() {
    assertEquals(List.of("-1.5", "1", "2", "3", "10"), sort("n"));
    assertEquals(List.of("10", "3", "2", "1", "-1.5"), sort("n", "desc"));
    assertEquals(List.of("3", "2"), sort("n", "desc", "limit", "1", "2"));
    assertEquals(List.of("1", "10", "2", "3", "a", "b"), sort("l", "alpha"));
    assertEquals(List.of("d", "c", "b", "a"), sort("z", "alpha", "desc"));
    assertEquals(List.of("-1.5", "1"), sort("n", "limit", "-5", "2"));
    assertEquals(List.of("2", "3", "10"), sort("n", "limit", "2", "-1"));
    assertEquals(List.of(), sort("n", "limit", "10", "1"));
    assertEquals(List.of(), sort("missing"));
  }

  @Test
  void byPatternsAndGets() {
    assertEquals(List.of("-1.5", "2", "10", "3", "1"), sort("n", "by", "w_*"));
    List<String> rows = new ArrayList<>();
    rows.add("-1.5");
    rows.add(null);
    rows.add(null);
    rows.addAll(List.of("10", "5", "a", "2", "1", "b", "3", "30", "c", "1", "100", "d"));
    assertEquals(rows, sort("n", "by", "h_*->f", "alpha", "get", "#", "get", "w_*", "get", "h_*->f"));
    // Missing BY values sort first under ALPHA; ties keep their order.
    assertEquals(List.of("b", "a", "10", "2", "3", "1"), sort("l", "by", "h_*->f", "alpha"));
    List<String> twoNulls = new ArrayList<>();
    twoNulls.add(null);
    twoNulls.add(null);
    assertEquals(twoNulls, sort("n", "by", "w_*", "limit", "0", "2", "get", "nokey"));
    // "->" at the end of a pattern is part of the key name.
    ctx.set(b("wx->"), b("7"));
    list("q", "x");
    assertEquals(List.of("7"), sort("q", "by", "nosort", "get", "w*->"));
    // A string key read as a hash, or a hash as a string: missing.
    list("q2", "1");
    List<String> missing = new ArrayList<>();
    missing.add(null);
    missing.add(null);
    assertEquals(missing, sort("q2", "by", "nosort", "get", "w_*->f", "get", "h_*"));
  }

  @Test
  void noSortKeepsNativeOrder() {
    assertEquals(List.of("2", "1"), sort("n", "by", "nosort", "desc", "limit", "1", "2"));
    assertEquals(List.of("-1.5", "2", "1", "10", "3"), sort("n", "by", "nosort", "desc"));
    assertEquals(List.of("c", "b"), sort("z", "by", "nosort", "desc", "limit", "1", "2"));
    assertEquals(List.of("b", "c"), sort("z", "by", "nosort", "limit", "1", "2"));
    assertEquals(List.of("c", "a", "b"), sort("s", "by", "nosort"));
  }

  @Test
  void storeWritesAListOrDeletes() {
    assertEquals(Reply.integer(5), run("sort", "n", "by", "nosort", "get", "w_*", "store", "dst"));
    assertEquals(List.of("30", "5", "100", "1", ""), storedList("dst"));
    // A set sorted "by nosort" into a key is sorted alphabetically.
    assertEquals(Reply.integer(3), run("sort", "s", "by", "nosort", "store", "dst2"));
    assertEquals(List.of("a", "b", "c"), storedList("dst2"));
    ctx.setExpire(ctx.lookupWrite(b("dst2")), NOW + 100_000);
    assertEquals(Reply.integer(2), run("sort", "n", "limit", "0", "2", "store", "dst2"));
    assertFalse(ctx.lookupWrite(b("dst2")).hasExpiry());
    assertEquals(Reply.integer(0), run("sort", "missing", "store", "dst"));
    assertNull(ctx.lookupRead(b("dst")));
    assertEquals(Reply.integer(0), run("sort", "n", "limit", "9", "1", "store", "dst2"));
    assertNull(ctx.lookupRead(b("dst2")));
  }

  @Test
  void errors() {
    assertEquals("ERR One or more scores can't be converted into double", error("sort", "l"));
    assertEquals("ERR One or more scores can't be converted into double", error("sort", "n", "by", "h_*->f"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", error("sort", "w_1"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", error("sort", "h_1"));
    assertEquals("ERR syntax error", error("sort", "n", "limit", "1"));
    assertEquals("ERR syntax error", error("sort", "n", "foo"));
    assertEquals("ERR syntax error", error("sort_ro", "n", "store", "d"));
    assertEquals("ERR syntax error", error("sort", "n", "get"));
    assertEquals("ERR value is not an integer or out of range", error("sort", "n", "limit", "a", "1"));
    // Syntax is checked before the key's type.
    assertEquals("ERR syntax error", error("sort", "w_1", "foo"));
    // A failed STORE leaves the destination alone.
    ctx.set(b("d"), b("keep"));
    error("sort", "l", "store", "d");
    assertArrayEquals(b("keep"), (byte[]) ctx.lookupRead(b("d")).value());
  }

  @Test
  void sortRoReads() {
    assertEquals(List.of("-1.5", "1", "2", "3", "10"), strings(run("sort_ro", "n")));
  }

  @Test
  void keyFinderAndRouting() {
    KeyFinder sort = finders.get("sort");
    assertArrayEquals(new int[] {1}, sort.keyIndexes(argv("sort", "k", "limit", "0", "1", "alpha")));
    assertArrayEquals(new int[] {1, 7}, sort.keyIndexes(argv("sort", "k", "store", "a", "by", "x", "store", "b")));
    assertArrayEquals(new int[] {1}, sort.keyIndexes(argv("sort", "k", "get", "store")));
    assertArrayEquals(new int[] {1}, finders.get("sort_ro").keyIndexes(argv("sort_ro", "k", "store", "x")));
    assertTrue(sort.touchesUndeclaredKeys(argv("sort", "k", "by", "w_*")));
    assertTrue(sort.touchesUndeclaredKeys(argv("sort", "k", "get", "#", "get", "h_*->f")));
    assertFalse(sort.touchesUndeclaredKeys(argv("sort", "k", "by", "nosort", "get", "#")));
    assertFalse(sort.touchesUndeclaredKeys(argv("sort", "k", "alpha", "store", "x*")));
  }

  @Test
  void strtodRules() {
    assertEquals(0.0, SortType.parseScore(b("")));
    assertEquals(5.0, SortType.parseScore(b(" 5")));
    assertEquals(16.0, SortType.parseScore(b("0x10")));
    assertEquals(8.0, SortType.parseScore(b("0x1p3")));
    assertEquals(Double.POSITIVE_INFINITY, SortType.parseScore(b("inf")));
    assertEquals(Double.NEGATIVE_INFINITY, SortType.parseScore(b("-Infinity")));
    assertEquals(Double.MIN_VALUE, SortType.parseScore(b("0x1p-1074")));
    assertEquals(0.5, SortType.parseScore(b(".5")));
    assertEquals(5.0, SortType.parseScore(b("5.")));
    assertEquals(3.0, SortType.parseScore(b("+3")));
    assertEquals(12.0, SortType.parseScore(b("12\0junk")));
    for (String bad : new String[] {"1e-310", "4.9e-324", "1e400", "5 ", "1e", "0x", "nan", "1,5", "  ", "abc"}) {
      assertNull(SortType.parseScore(b(bad)), bad);
    }
  }

  @Test
  void patternSubstitution() {
    SortType.PatternRef r = SortType.substitute(b("obj_*->weight"), b("7"));
    assertArrayEquals(b("obj_7"), r.key());
    assertArrayEquals(b("weight"), r.field());
    r = SortType.substitute(b("a*b*c"), b("X"));
    assertArrayEquals(b("aXb*c"), r.key());
    assertNull(r.field());
    assertNull(SortType.substitute(b("fixed"), b("X")));
    r = SortType.substitute(b("k*->"), b("X"));
    assertArrayEquals(b("kX->"), r.key());
    assertNull(r.field());
  }
}

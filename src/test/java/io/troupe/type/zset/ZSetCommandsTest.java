package io.troupe.type.zset;

import static io.troupe.InProcess.argv;
import static io.troupe.InProcess.resp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.keyspace.TypedValue;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers in-process: RESP3 reply shapes (bytes as Redis 7.0.15 sends
 * them after HELLO 3), encodings under CONFIG-set thresholds, -0 in the
 * skiplist encoding, and plain sets as ZUNION/ZINTER/ZDIFF inputs through
 * {@link ZSetInputs}.
 */
class ZSetCommandsTest {
  private ServerConfig config;
  private ExecContext ctx;

  /** A stand-in for the set type: what the set group registers with ZSetInputs. */
  static final class FakeSet implements TypedValue {
    final List<byte[]> members = new ArrayList<>();

    FakeSet(String... ms) {
      for (String m : ms) {
        members.add(m.getBytes(StandardCharsets.ISO_8859_1));
      }
    }

    @Override
    public String typeName() {
      return "set";
    }

    @Override
    public String encoding() {
      return "hashtable";
    }

    @Override
    public TypedValue deepCopy() {
      return this;
    }
  }

  @BeforeEach
  void setUp() {
    config = new ServerConfig();
    ctx = new ExecContext(new Keyspace[] {new Keyspace(0, 16)}, SlotMap.evenlySplit(1), config);
    ctx.reset(0, 1_700_000_000_000L);
  }

  @AfterEach
  void tearDown() {
    ZSetInputs.unregister(FakeSet.class);
  }

  private Reply run(CommandHandler h, String... args) {
    return h.execute(ctx, argv(args));
  }

  private String resp3(CommandHandler h, String... args) {
    return resp(run(h, args), 3);
  }

  private String resp2(CommandHandler h, String... args) {
    return resp(run(h, args), 2);
  }

  private String encoding(String key) {
    Entry e = ctx.lookupRead(key.getBytes(StandardCharsets.ISO_8859_1));
    return ((ZSetType) e.value()).encoding();
  }

  @Test
  void resp3ShapesAsRedis() {
    run(ZSetCommands::zadd, "zadd", "z", "1", "f", "2", "d", "3", "a", "4", "e");
    assertEquals(",1\r\n", resp3(ZSetCommands::zscore, "zscore", "z", "f"));
    assertEquals("_\r\n", resp3(ZSetCommands::zscore, "zscore", "z", "nope"));
    assertEquals("*2\r\n*2\r\n$1\r\nf\r\n,1\r\n*2\r\n$1\r\nd\r\n,2\r\n",
        resp3(ZSetCommands::zrange, "zrange", "z", "0", "1", "withscores"));
    assertEquals("*4\r\n$1\r\nf\r\n$1\r\n1\r\n$1\r\nd\r\n$1\r\n2\r\n",
        resp2(ZSetCommands::zrange, "zrange", "z", "0", "1", "withscores"));
    assertEquals("*2\r\n$1\r\nf\r\n$1\r\nd\r\n", resp3(ZSetCommands::zrange, "zrange", "z", "0", "1"));
    assertEquals("*1\r\n*2\r\n$1\r\nf\r\n,1\r\n",
        resp3(ZSetCommands::zrangebyscore, "zrangebyscore", "z", "0", "1", "withscores"));
    assertEquals("*3\r\n_\r\n,2\r\n_\r\n", resp3(ZSetCommands::zmscore, "zmscore", "z", "x", "d", "y"));
    assertEquals("*2\r\n$1\r\nf\r\n,1\r\n", resp3(ZSetCommands::zpopmin, "zpopmin", "z"));
    assertEquals("*1\r\n*2\r\n$1\r\nd\r\n,2\r\n", resp3(ZSetCommands::zpopmin, "zpopmin", "z", "1"));
    assertEquals("*0\r\n", resp3(ZSetCommands::zpopmin, "zpopmin", "nope"));
    assertEquals("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n,3\r\n",
        resp3(ZSetCommands::zmpop, "zmpop", "1", "z", "min"));
    assertEquals("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\ne\r\n$1\r\n4\r\n",
        resp2(ZSetCommands::zmpop, "zmpop", "1", "z", "min"));
    assertEquals("_\r\n", resp3(ZSetCommands::zmpop, "zmpop", "1", "nope", "min"));
    assertEquals("*-1\r\n", resp2(ZSetCommands::zmpop, "zmpop", "1", "nope", "min"));
    run(ZSetCommands::zadd, "zadd", "z", "1.5", "e", "3", "h");
    assertEquals("*3\r\n$1\r\nz\r\n$1\r\ne\r\n,1.5\r\n", resp3(ZSetCommands::bzpopmin, "bzpopmin", "z", "0"));
    assertEquals("*1\r\n*2\r\n$1\r\nh\r\n,3\r\n",
        resp3(ZSetCommands::zunion, "zunion", "1", "z", "withscores"));
    assertEquals("*1\r\n*2\r\n$1\r\nh\r\n,3\r\n",
        resp3(ZSetCommands::zrandmember, "zrandmember", "z", "5", "withscores"));
    assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nh\r\n$1\r\n3\r\n", resp3(ZSetCommands::zscan, "zscan", "z", "0"));
    assertEquals(",4\r\n", resp3(ZSetCommands::zincrby, "zincrby", "z", "1", "h"));
    assertEquals("_\r\n", resp3(ZSetCommands::zadd, "zadd", "z", "nx", "incr", "1", "h"));
    assertEquals("_\r\n", resp3(ZSetCommands::zrank, "zrank", "z", "nope"));
  }

  @Test
  void encodingsFollowTheConfig() {
    config.set("zset-max-listpack-entries", "4");
    run(ZSetCommands::zadd, "zadd", "big", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
    assertEquals("skiplist", encoding("big"));
    run(ZSetCommands::zrem, "zrem", "big", "e", "d");
    assertEquals("skiplist", encoding("big"));
    run(ZSetCommands::zrangestore, "zrangestore", "dst", "big", "0", "-1");
    assertEquals("listpack", encoding("dst"));
    run(ZSetCommands::zunionstore, "zunionstore", "u", "1", "big");
    assertEquals("listpack", encoding("u"));
    config.set("zset-max-listpack-entries", "0");
    run(ZSetCommands::zadd, "zadd", "zero", "1", "a");
    assertEquals("skiplist", encoding("zero"));
    run(ZSetCommands::zunionstore, "zunionstore", "u3", "1", "dst");
    assertEquals("skiplist", encoding("u3"));
    config.set("zset-max-listpack-entries", "128");
    config.set("zset-max-listpack-value", "3");
    run(ZSetCommands::zadd, "zadd", "lv", "1", "abcd");
    assertEquals("skiplist", encoding("lv"));
    run(ZSetCommands::zadd, "zadd", "lv2", "1", "abc");
    assertEquals("listpack", encoding("lv2"));
    run(ZSetCommands::zadd, "zadd", "lv2", "1", "abcd");
    assertEquals("skiplist", encoding("lv2"));
    run(ZSetCommands::zrangestore, "zrangestore", "d4", "lv2", "0", "0");
    assertEquals("listpack", encoding("d4"));
  }

  @Test
  void negativeZeroInTheSkiplistEncoding() {
    config.set("zset-max-listpack-entries", "0");
    run(ZSetCommands::zadd, "zadd", "s", "-0.0", "d");
    assertEquals("$2\r\n-0\r\n", resp2(ZSetCommands::zscore, "zscore", "s", "d"));
    assertEquals("$2\r\n-0\r\n", resp2(ZSetCommands::zincrby, "zincrby", "s", "-0.0", "d"));
    assertEquals(":0\r\n", resp2(ZSetCommands::zadd, "zadd", "s", "ch", "0", "d"));
    assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nd\r\n$2\r\n-0\r\n", resp2(ZSetCommands::zscan, "zscan", "s", "0"));
    config.set("zset-max-listpack-entries", "128");
    run(ZSetCommands::zadd, "zadd", "l", "-0.0", "d");
    assertEquals("$1\r\n0\r\n", resp2(ZSetCommands::zscore, "zscore", "l", "d"));
  }

  @Test
  void setsAsInputsThroughTheHook() {
    run(ZSetCommands::zadd, "zadd", "z", "1", "a", "2", "b", "3", "c");
    ctx.add(0, "s".getBytes(StandardCharsets.ISO_8859_1), new FakeSet("a", "d", "e"));
    CommandException e = assertThrows(CommandException.class,
        () -> run(ZSetCommands::zunion, "zunion", "2", "z", "s"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
    ZSetInputs.register(FakeSet.class, s -> new ZSetInputs.SetView() {
      @Override
      public long size() {
        return s.members.size();
      }

      @Override
      public boolean contains(byte[] m) {
        return s.members.stream().anyMatch(x -> Arrays.equals(x, m));
      }

      @Override
      public Iterable<byte[]> members() {
        return s.members;
      }
    });
    // bytes as Redis 7.0.15 answered with a real set {a, d, e}
    assertEquals("*10\r\n$1\r\nd\r\n$1\r\n1\r\n$1\r\ne\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n2\r\n"
        + "$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n",
        resp2(ZSetCommands::zunion, "zunion", "2", "z", "s", "withscores"));
    assertEquals("*2\r\n$1\r\na\r\n$1\r\n2\r\n", resp2(ZSetCommands::zinter, "zinter", "2", "z", "s", "withscores"));
    assertEquals("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n",
        resp2(ZSetCommands::zdiff, "zdiff", "2", "z", "s", "withscores"));
    assertEquals(":3\r\n", resp2(ZSetCommands::zintercard, "zintercard", "1", "s"));
    assertEquals(":2\r\n", resp2(ZSetCommands::zdiffstore, "zdiffstore", "out", "2", "s", "z"));
    assertEquals("*4\r\n$1\r\nd\r\n$1\r\n1\r\n$1\r\ne\r\n$1\r\n1\r\n",
        resp2(ZSetCommands::zrange, "zrange", "out", "0", "-1", "withscores"));
    e = assertThrows(CommandException.class, () -> run(ZSetCommands::zrange, "zrange", "s", "0", "-1"));
    assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
  }

  @Test
  void keyFindersForNumkeysCommands() {
    assertEquals("[2, 3]", Arrays.toString(ZSetCommands.numkeysAt(1, false).keyIndexes(argv("zunion", "2", "a", "b"))));
    assertEquals("[1, 3]", Arrays.toString(ZSetCommands.numkeysAt(2, true).keyIndexes(argv("zunionstore", "d", "1", "a"))));
    assertEquals("[1]", Arrays.toString(ZSetCommands.numkeysAt(2, true).keyIndexes(argv("zunionstore", "d", "5", "a"))));
    assertEquals("[]", Arrays.toString(ZSetCommands.numkeysAt(1, false).keyIndexes(argv("zmpop", "x", "a", "min"))));
    assertEquals("[3]", Arrays.toString(ZSetCommands.numkeysAt(2, false).keyIndexes(argv("bzmpop", "0", "1", "a", "min"))));
  }
}

package io.troupe.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.keyspace.TypedValue;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blocking machinery of the shards and the coordinator, with a minimal
 * queue type: clients blocked on a key are served in arrival order when a
 * push creates it, time out with their timeout reply, and leave nothing
 * behind when their connection goes; a command blocked on keys of two shards
 * is woken by a push on either.
 */
class BlockingTest {
  static final ActorTestKit kit = ActorTestKit.create();

  /** A list-typed test value: a FIFO of byte arrays. */
  static final class Queue implements TypedValue {
    final ArrayDeque<byte[]> items = new ArrayDeque<>();

    @Override
    public String typeName() {
      return "list";
    }

    @Override
    public TypedValue deepCopy() {
      Queue q = new Queue();
      q.items.addAll(items);
      return q;
    }

    @Override
    public String encoding() {
      return "quicklist";
    }
  }

  /** PUSH key value */
  static final CommandHandler PUSH = (ctx, argv) -> {
    Entry e = ctx.lookupWrite(argv[1]);
    Queue q;
    if (e == null) {
      q = new Queue();
      ctx.add(ctx.db(), argv[1], q);
    } else {
      q = ExecContext.valueAs(e, Queue.class);
    }
    q.items.add(argv[2]);
    return Reply.integer(q.items.size());
  };

  /** BPOP key [key ...] timeoutMillis: the first non-empty key's head, else block. */
  static final CommandHandler BPOP = (ctx, argv) -> {
    for (int i = 1; i < argv.length - 1; i++) {
      Entry e = ctx.lookupWrite(argv[i]);
      if (e != null) {
        Queue q = ExecContext.valueAs(e, Queue.class);
        byte[] head = q.items.poll();
        if (q.items.isEmpty()) {
          ctx.delete(argv[i]);
        }
        return Reply.array(Reply.bulk(argv[i]), Reply.bulk(head));
      }
    }
    long timeout = Long.parseLong(new String(argv[argv.length - 1], StandardCharsets.US_ASCII));
    byte[][] keys = new byte[argv.length - 2][];
    System.arraycopy(argv, 1, keys, 0, keys.length);
    return ctx.blockingAllowed() ? ctx.block(keys, timeout, Reply.NULL_ARRAY) : Reply.NULL_ARRAY;
  };

  SlotMap slots;
  List<ActorRef<KeyspaceShard.Command>> shards;
  ActorRef<Coordinator.Command> coordinator;
  static int generation;

  @BeforeEach
  void start() {
    ServerConfig config = new ServerConfig();
    slots = SlotMap.evenlySplit(2);
    shards = new ArrayList<>();
    generation++;
    for (int i = 0; i < 2; i++) {
      shards.add(kit.spawn(KeyspaceShard.create(new Keyspace(i, 16), slots, config), "s" + generation + "-" + i));
    }
    coordinator = kit.spawn(Coordinator.create(shards, slots, config), "c" + generation);
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static byte[][] argv(String... parts) {
    byte[][] out = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parts[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /** Sends one command to the shard owning {@code key}. */
  void send(String key, CommandHandler h, ActorRef<Executed> to, int seq, String... args) {
    int shard = slots.shardOfKey(key.getBytes(StandardCharsets.UTF_8));
    shards.get(shard).tell(new KeyspaceShard.Execute(List.of(new Op(seq, h, argv(args), 0)), to));
  }

  static String bulk(Reply r) {
    return new String(((Reply.Bulk) r).value(), StandardCharsets.UTF_8);
  }

  /** Two keys on different shards. */
  String[] keysOnTwoShards() {
    String a = "a";
    for (int i = 0; ; i++) {
      String b = "b" + i;
      if (slots.shardOfKey(b.getBytes()) != slots.shardOfKey(a.getBytes())) {
        return new String[] {a, b};
      }
    }
  }

  @Test
  void waitersAreServedInArrivalOrderByPushes() {
    TestProbe<Executed> c1 = kit.createTestProbe();
    TestProbe<Executed> c2 = kit.createTestProbe();
    TestProbe<Executed> pusher = kit.createTestProbe();
    send("q", BPOP, c1.getRef(), 7, "bpop", "q", "0");
    send("q", BPOP, c2.getRef(), 9, "bpop", "q", "0");
    c1.expectNoMessage(Duration.ofMillis(100));
    send("q", PUSH, pusher.getRef(), 0, "push", "q", "x");
    pusher.receiveMessage();
    Executed first = c1.receiveMessage();
    assertArrayEquals(new int[] {7}, first.seqs());
    assertEquals("x", bulk(((Reply.Array) first.replies()[0]).items().get(1)));
    c2.expectNoMessage(Duration.ofMillis(100));
    send("q", PUSH, pusher.getRef(), 1, "push", "q", "y");
    Executed second = c2.receiveMessage();
    assertEquals("y", bulk(((Reply.Array) second.replies()[0]).items().get(1)));
  }

  @Test
  void aTimedOutWaiterGetsItsTimeoutReplyAndIsGone() {
    TestProbe<Executed> c1 = kit.createTestProbe();
    TestProbe<Executed> pusher = kit.createTestProbe();
    send("q", BPOP, c1.getRef(), 3, "bpop", "q", "100");
    Executed timedOut = c1.receiveMessage(Duration.ofSeconds(2));
    assertEquals(Reply.NULL_ARRAY, timedOut.replies()[0]);
    send("q", PUSH, pusher.getRef(), 0, "push", "q", "x");
    pusher.receiveMessage();
    c1.expectNoMessage(Duration.ofMillis(100));
    // the pushed value stayed: nobody else consumed it
    send("q", BPOP, c1.getRef(), 4, "bpop", "q", "0");
    assertEquals("x", bulk(((Reply.Array) c1.receiveMessage().replies()[0]).items().get(1)));
  }

  @Test
  void aClientThatGoesAwayLeavesNothingBehind() {
    TestProbe<Executed> gone = kit.createTestProbe();
    TestProbe<Executed> other = kit.createTestProbe();
    send("q", BPOP, gone.getRef(), 1, "bpop", "q", "0");
    send("q", BPOP, other.getRef(), 2, "bpop", "q", "0");
    for (ActorRef<KeyspaceShard.Command> s : shards) {
      s.tell(new KeyspaceShard.ClientGone(gone.getRef()));
    }
    send("q", PUSH, other.getRef(), 5, "push", "q", "x");
    // `other` receives both its BPOP answer and the PUSH answer; `gone` nothing
    List<Executed> got = List.of(other.receiveMessage(), other.receiveMessage());
    assertTrue(got.stream().anyMatch(e -> e.seqs()[0] == 2));
    gone.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aCommandBlockedOnTwoShardsIsWokenByEither() {
    String[] k = keysOnTwoShards();
    TestProbe<Executed> c1 = kit.createTestProbe();
    TestProbe<Executed> pusher = kit.createTestProbe();
    BitSet both = new BitSet();
    both.set(0, 2);
    coordinator.tell(new Coordinator.Run(both, List.of(new Op(4, BPOP, argv("bpop", k[0], k[1], "0"), 0)),
        c1.getRef()));
    c1.expectNoMessage(Duration.ofMillis(150));
    send(k[1], PUSH, pusher.getRef(), 0, "push", k[1], "v");
    Executed served = c1.receiveMessage(Duration.ofSeconds(2));
    assertArrayEquals(new int[] {4}, served.seqs());
    List<Reply> pair = ((Reply.Array) served.replies()[0]).items();
    assertEquals(k[1], bulk(pair.get(0)));
    assertEquals("v", bulk(pair.get(1)));
    // served once: a later push on the other key stays there
    send(k[0], PUSH, pusher.getRef(), 1, "push", k[0], "w");
    c1.expectNoMessage(Duration.ofMillis(150));
  }

  @Test
  void aCommandBlockedOnTwoShardsTimesOut() {
    String[] k = keysOnTwoShards();
    TestProbe<Executed> c1 = kit.createTestProbe();
    BitSet both = new BitSet();
    both.set(0, 2);
    coordinator.tell(new Coordinator.Run(both, List.of(new Op(4, BPOP, argv("bpop", k[0], k[1], "100"), 0)),
        c1.getRef()));
    assertEquals(Reply.NULL_ARRAY, c1.receiveMessage(Duration.ofSeconds(2)).replies()[0]);
  }
}

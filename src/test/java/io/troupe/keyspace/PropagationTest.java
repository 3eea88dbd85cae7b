package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ExecContext's propagation (Redis's call() + alsoPropagate): what a command hands the effect log. */
class PropagationTest {
  private final List<String> log = new ArrayList<>();
  private final ExecContext ctx;

  PropagationTest() {
    ServerConfig config = new ServerConfig();
    ctx = new ExecContext(new Keyspace[] {new Keyspace(0, 16)}, SlotMap.evenlySplit(1), config);
    ctx.setPropagation((db, argv) -> {
      StringBuilder sb = new StringBuilder().append(db).append(':');
      for (byte[] a : argv) {
        sb.append(' ').append(new String(a, StandardCharsets.UTF_8));
      }
      log.add(sb.toString());
    });
  }

  private static byte[][] argv(String line) {
    String[] parts = line.split(" ");
    byte[][] out = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parts[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /** Runs {@code body} as command {@code line} in {@code db}. */
  private void run(int db, String line, Runnable body) {
    ctx.reset(db, System.currentTimeMillis());
    ctx.command(argv(line));
    body.run();
    ctx.endCommand();
  }

  @Test
  void aCommandThatWroteIsPropagatedAsSent() {
    run(2, "set k v", () -> {
      ctx.set("k".getBytes(), "v".getBytes());
      ctx.dirty(1);
    });
    run(2, "get k", () -> ctx.lookupRead("k".getBytes()));
    assertEquals(List.of("2: set k v"), log);
  }

  @Test
  void rewrittenAlsoPropagatedAndPrevented() {
    run(0, "expire k 10", () -> {
      ctx.dirty(1);
      ctx.propagateAs(Propagation.argv("PEXPIREAT", "k", 12345L));
    });
    run(0, "spop s 2", () -> {
      ctx.dirty(2);
      ctx.alsoPropagate(Propagation.argv("SREM", "s", "a"));
      ctx.alsoPropagate(Propagation.argv("SREM", "s", "b"));
      ctx.preventPropagation();
    });
    run(0, "noop", () -> ctx.propagateAs(Propagation.argv("NEVER"))); // did not write: nothing
    assertEquals(List.of("0: PEXPIREAT k 12345", "0: MULTI", "0: SREM s a", "0: SREM s b", "0: EXEC"), log);
  }

  @Test
  void expiredKeysAreDeletedFirstAndWrappedWithAWrite() {
    ctx.reset(0, System.currentTimeMillis());
    Entry e = ctx.set(0, "gone".getBytes(), "v".getBytes(), false);
    ctx.setExpire(e, 1);
    Entry e2 = ctx.set(0, "gone2".getBytes(), "v".getBytes(), false);
    ctx.setExpire(e2, 1);
    ctx.endCommand();
    run(0, "get gone", () -> ctx.lookupRead("gone".getBytes()));
    run(0, "set gone2 w", () -> {
      ctx.set("gone2".getBytes(), "w".getBytes());
      ctx.dirty(1);
    });
    assertEquals(List.of("0: DEL gone", "0: MULTI", "0: DEL gone2", "0: set gone2 w", "0: EXEC"), log);
  }

  @Test
  void loadingNeitherExpiresNorPropagates() {
    ctx.reset(0, System.currentTimeMillis());
    Entry e = ctx.set(0, "old".getBytes(), "v".getBytes(), false);
    ctx.setExpire(e, 1);
    ctx.endCommand();
    ctx.setLoading(true);
    run(0, "get old", () -> assertEquals("v", new String((byte[]) ctx.lookupRead("old".getBytes()).value())));
    ctx.setLoading(false);
    assertEquals(List.of(), log);
  }

  @Test
  void insideATransactionNothingIsWrappedPerCommand() {
    ctx.setInTransaction(true);
    run(0, "spop s 2", () -> {
      ctx.dirty(2);
      ctx.alsoPropagate(Propagation.argv("SREM", "s", "a"));
      ctx.alsoPropagate(Propagation.argv("SREM", "s", "b"));
      ctx.preventPropagation();
    });
    ctx.setInTransaction(false);
    assertEquals(List.of("0: SREM s a", "0: SREM s b"), log);
  }
}

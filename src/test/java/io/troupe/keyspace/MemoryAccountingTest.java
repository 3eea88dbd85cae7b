package io.troupe.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.command.CommandTable;
import io.troupe.config.ServerConfig;
import io.troupe.server.Commands;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shards' memory estimates against the JVM's own heap figures: loads
 * 200k keys of each type (and a few large values) through the real command
 * handlers into one keyspace, and compares the growth of the estimate with the
 * growth of the used heap after a full GC (MemoryMXBean), per type and in
 * total. Prints the figures; fails beyond 20%.
 */
class MemoryAccountingTest {
  private static final int KEYS = 200_000;
  private static final long NOW = 1_700_000_000_000L;

  private final CommandTable table = Commands.table();
  private final Keyspace keyspace = new Keyspace(0, 16);
  private final ExecContext ctx =
      new ExecContext(new Keyspace[] {keyspace}, SlotMap.evenlySplit(1), new ServerConfig());
  private final Random rnd = new Random(42);

  private void run(String... args) {
    byte[][] argv = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      argv[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    String name = args[0].toLowerCase(Locale.ROOT);
    ctx.reset(0, NOW);
    table.def(name).handler().execute(ctx, argv);
    ctx.endCommand();
  }

  private String text(int min, int max) {
    int n = min + rnd.nextInt(max - min + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + rnd.nextInt(26)));
    }
    return sb.toString();
  }

  private static long heapUsed() {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  private record Row(String what, long estimate, long heap) {
    double ratio() {
      return (double) estimate / heap;
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private long lastHeap;
  private long lastEstimate;

  private void measure(String what) {
    long heap = heapUsed();
    long est = keyspace.usedMemory();
    rows.add(new Row(what, est - lastEstimate, heap - lastHeap));
    lastHeap = heap;
    lastEstimate = est;
  }

  @Test
  void estimateTracksTheHeapWithinTwentyPercent() {
    run("set", "warm-up", "x"); // load the handler classes before the baseline
    run("del", "warm-up");
    lastHeap = heapUsed();
    lastEstimate = keyspace.usedMemory();
    for (int i = 0; i < KEYS; i++) {
      run("set", "string:" + i, text(5, 120));
      if (i % 2 == 0) {
        run("pexpire", "string:" + i, "100000000");
      }
    }
    measure("strings (half with TTL)");
    for (int i = 0; i < KEYS; i++) {
      run("hset", "hash:" + i, "name", text(3, 12), "email", text(8, 24), "age", "" + rnd.nextInt(90),
          "city", text(4, 10));
    }
    measure("hashes (listpack, 4 fields)");
    for (int i = 0; i < KEYS; i++) {
      run("rpush", "list:" + i, text(2, 10), text(2, 10), text(2, 10), text(2, 10), text(2, 10), "42");
    }
    measure("lists (6 elements)");
    for (int i = 0; i < KEYS / 2; i++) {
      run("sadd", "intset:" + i, "1", "2", "" + rnd.nextInt(1000), "" + rnd.nextInt(100000));
    }
    for (int i = 0; i < KEYS / 2; i++) {
      run("sadd", "set:" + i, text(4, 12), text(4, 12), text(4, 12));
    }
    measure("sets (half intset, half hashtable)");
    for (int i = 0; i < KEYS; i++) {
      run("zadd", "zset:" + i, "1", text(4, 12), "2.5", text(4, 12), "" + rnd.nextInt(), text(4, 12));
    }
    measure("zsets (listpack, 3 members)");
    for (int i = 0; i < KEYS; i++) {
      run("hset", "bighash", "field:" + i, text(5, 30));
    }
    measure("one hash of 200k fields");
    for (int i = 0; i < KEYS; i++) {
      run("zadd", "bigzset", "" + rnd.nextDouble(), "member:" + i);
    }
    measure("one zset of 200k members");
    for (int i = 0; i < KEYS; i++) {
      run("sadd", "bigset", "member:" + text(5, 20));
    }
    measure("one set of 200k members");
    for (int i = 0; i < 5 * KEYS; i += 5) {
      run("lpush", "biglist", text(3, 15), text(3, 15), "7", text(3, 15), text(30, 60));
    }
    measure("one list of 1M elements");

    long est = 0;
    long heap = 0;
    StringBuilder report = new StringBuilder("memory estimate vs heap growth after GC:\n");
    for (Row r : rows) {
      est += r.estimate();
      heap += r.heap();
      report.append(String.format(Locale.ROOT, "  %-36s estimate %,13d  heap %,13d  ratio %.3f%n",
          r.what(), r.estimate(), r.heap(), r.ratio()));
    }
    double total = (double) est / heap;
    report.append(String.format(Locale.ROOT, "  %-36s estimate %,13d  heap %,13d  ratio %.3f%n",
        "TOTAL", est, heap, total));
    System.out.print(report);
    for (Row r : rows) {
      assertTrue(r.ratio() > 0.8 && r.ratio() < 1.2, report.toString());
    }
    assertTrue(total > 0.8 && total < 1.2, report.toString());

    // Deleting everything returns the estimate to what an empty keyspace holds.
    run("flushall");
    assertEquals(new Keyspace(1, 16).usedMemory(), keyspace.usedMemory());
  }

  @Test
  void deletesAndInPlaceWritesMoveTheEstimateBothWays() {
    long empty = keyspace.usedMemory();
    run("rpush", "l", "a", "b");
    long small = keyspace.usedMemory();
    for (int i = 0; i < 1000; i++) {
      run("rpush", "l", "element-" + i);
    }
    long big = keyspace.usedMemory();
    assertTrue(big > small + 10_000, big + " vs " + small);
    run("ltrim", "l", "0", "1");
    assertTrue(keyspace.usedMemory() < big - 8_000, "LTRIM gives memory back");
    run("set", "s", "x".repeat(1000));
    long withString = keyspace.usedMemory();
    run("append", "s", "y".repeat(1000));
    assertTrue(keyspace.usedMemory() >= withString + 1000, "APPEND is charged");
    run("del", "l", "s");
    run("hset", "h", "f", "v");
    run("pexpire", "h", "100000");
    run("del", "h");
    // With every key gone, only the slot array the first key allocated remains.
    assertEquals(empty + MemoryUsage.refArray(KeySlot.SLOTS), keyspace.usedMemory());
    run("flushdb");
    assertEquals(empty, keyspace.usedMemory());
  }
}

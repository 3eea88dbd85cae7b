package io.troupe.bench;

import io.troupe.keyspace.Database;
import io.troupe.keyspace.Entry;
import io.troupe.keyspace.KeySlot;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The keyspace table: a {@link Database} (per-slot {@code SlotTable}s) holding
 * {@code keys} string keys of 16 bytes. get of a present key, get of an
 * absent one, and insert + remove of a new key; each includes the CRC16 slot
 * computation a command does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyspaceTableBench {
  @Param({"100000", "1000000"})
  int keys;

  private Database db;
  private byte[][] present;
  private byte[][] absent;
  private final byte[] value = "v".repeat(32).getBytes(StandardCharsets.US_ASCII);
  private int i;

  @Setup
  public void setup() {
    db = new Database();
    present = new byte[keys][];
    absent = new byte[4096][];
    for (int k = 0; k < keys; k++) {
      present[k] = key("key:", k);
      db.insert(present[k], KeySlot.slot(present[k]), value);
    }
    for (int k = 0; k < absent.length; k++) {
      absent[k] = key("new:", k);
    }
  }

  private static byte[] key(String prefix, int k) {
    return String.format("%s%012d", prefix, k).getBytes(StandardCharsets.US_ASCII);
  }

  @Benchmark
  public Entry getPresent() {
    // A stride co-prime with keys, so reads hop around the table as random keys do.
    i = (i + 7919) % keys;
    byte[] k = present[i];
    return db.get(k, KeySlot.slot(k));
  }

  @Benchmark
  public Entry getAbsent() {
    i = (i + 1) & (absent.length - 1);
    byte[] k = absent[i];
    return db.get(k, KeySlot.slot(k));
  }

  @Benchmark
  public Entry insertRemove() {
    i = (i + 1) & (absent.length - 1);
    byte[] k = absent[i];
    int slot = KeySlot.slot(k);
    db.insert(k, slot, value);
    return db.remove(k, slot);
  }
}

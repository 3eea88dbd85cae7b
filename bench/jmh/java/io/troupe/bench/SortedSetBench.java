package io.troupe.bench;

import io.troupe.type.zset.ZSetType;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The sorted set in its skiplist encoding ({@link ZSetType}, SkipList plus
 * its member hash) with {@code size} members: add + remove of a member
 * (ZADD/ZREM), score lookup (ZSCORE), rank (ZRANK) and a range of 10 from a
 * random rank (ZRANGE key r r+9).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SortedSetBench {
  @Param({"1000", "1000000"})
  int size;

  private static final ZSetType.Limits SKIPLIST = new ZSetType.Limits(0, 0);
  private ZSetType zset;
  private byte[][] members;
  private byte[][] fresh;
  private final SplittableRandom rnd = new SplittableRandom(42);
  private int i;

  @Setup
  public void setup() {
    zset = ZSetType.createSkiplist();
    members = new byte[size][];
    for (int k = 0; k < size; k++) {
      members[k] = String.format("member:%09d", k).getBytes(StandardCharsets.US_ASCII);
      zset.insert(members[k], rnd.nextInt(1_000_000), SKIPLIST);
    }
    fresh = new byte[4096][];
    for (int k = 0; k < fresh.length; k++) {
      fresh[k] = String.format("fresh:%010d", k).getBytes(StandardCharsets.US_ASCII);
    }
  }

  @Benchmark
  public boolean addRemove() {
    i = (i + 1) & (fresh.length - 1);
    zset.insert(fresh[i], rnd.nextInt(1_000_000), SKIPLIST);
    return zset.remove(fresh[i]);
  }

  @Benchmark
  public Double score() {
    return zset.score(members[rnd.nextInt(size)]);
  }

  @Benchmark
  public long rank() {
    return zset.rank(members[rnd.nextInt(size)], false);
  }

  @Benchmark
  public void range10(Blackhole bh) {
    int[] left = {10};
    zset.walk(rnd.nextInt(size), false, (m, s) -> {
      bh.consume(m);
      return --left[0] > 0;
    });
  }
}

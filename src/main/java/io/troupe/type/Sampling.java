package io.troupe.type;

import io.troupe.keyspace.Args;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What SRANDMEMBER, SPOP and HRANDFIELD share: their count argument and the
 * random selection of distinct positions.
 */
public final class Sampling {
  private Sampling() {}

  /**
   * The most elements a random-with-repeats reply (HRANDFIELD, SRANDMEMBER with a
   * negative count) may hold. Redis builds any size and runs out of memory on
   * absurd counts; Troupe answers "ERR value is out of range" beyond this.
   */
  public static final long MAX_RANDOM_REPLY = 1L << 24;

  /**
   * The count of HRANDFIELD and SRANDMEMBER (getRangeLongFromObjectOrReply over
   * -LONG_MAX..LONG_MAX, with its errors).
   */
  public static long randomCount(byte[] arg) {
    long count = Args.parseLong(arg);
    if (count == Long.MIN_VALUE) {
      throw new CommandException(RespErrors.LONG_OUT_OF_RANGE);
    }
    return count;
  }

  /**
   * {@code k} distinct indexes of {@code [0, n)} in random order, each k-subset
   * equally likely; {@code 0 <= k <= n}. A partial shuffle when k is a large
   * share of n, Floyd's algorithm otherwise (memory in k, not n).
   */
  public static int[] distinct(int n, int k, RandomGenerator random) {
    int[] out = new int[k];
    if ((long) k * 3 > n) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      for (int i = 0; i < k; i++) {
        int j = i + random.nextInt(n - i);
        int t = all[i];
        all[i] = all[j];
        all[j] = t;
        out[i] = all[i];
      }
      return out;
    }
    Set<Integer> chosen = new HashSet<>(k * 2);
    int filled = 0;
    for (int j = n - k; j < n; j++) {
      int t = random.nextInt(j + 1);
      int pick = chosen.add(t) ? t : j;
      if (pick == j) {
        chosen.add(j);
      }
      out[filled++] = pick;
    }
    // Floyd's picks come out biased towards ascending order: shuffle them.
    for (int i = k - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}

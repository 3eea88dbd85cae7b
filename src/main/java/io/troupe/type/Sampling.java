package io.troupe.type;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Random selection of distinct positions, shared by SRANDMEMBER, SPOP and
 * HRANDFIELD with a positive count.
 */
public final class Sampling {
  private Sampling() {}

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

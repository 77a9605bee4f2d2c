package io.pretext.core.data;

import java.util.random.RandomGenerator;

/** Seeded orders of 0..n-1, shared by the batch prefetcher and the shard reader. */
public final class Permutations {
  private Permutations() {}

  /** 0..n-1 in a seeded order (Fisher-Yates, from the last position down). */
  public static int[] of(int n, RandomGenerator random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}

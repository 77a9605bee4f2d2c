package io.pretext.api.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Batches of samples of similar length, so that padding each batch to its longest sample costs
 * little (the length-grouped sampling of Hugging Face's Trainer, {@code group_by_length}). The
 * epoch's shuffled order is cut into chunks of {@value #BATCHES_PER_CHUNK} batches; each chunk is
 * sorted by length, longest first (ties keep the shuffled order), and cut into batches; then the
 * batches are shuffled. Every batch still draws from a random chunk of the data, and the order is
 * a function of the seeds only.
 */
final class LengthGrouping {
  /** Batches per sorted chunk. */
  static final int BATCHES_PER_CHUNK = 50;
  private final int[] lengths;

  /** @param lengths the length of each sample, by index */
  LengthGrouping(int[] lengths) {
    this.lengths = lengths.clone();
  }

  /**
   * Reorders a shuffled epoch order into batches of similar lengths, in shuffled batch order.
   *
   * @param order every sample index once, already shuffled
   * @param batchSize samples per batch
   * @param batchCount how many batches to make (the last may be short; samples beyond are dropped)
   * @param random shuffles the order of the batches
   */
  List<int[]> batches(int[] order, int batchSize, int batchCount, RandomGenerator random) {
    int n = order.length;
    int[] grouped = new int[n];
    int chunk = Math.multiplyExact(batchSize, BATCHES_PER_CHUNK);
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      long[] keys = new long[to - from];
      for (int k = 0; k < keys.length; k++) {
        // longest first, then the shuffled position: one primitive sort, stable by construction
        keys[k] = ((long) (Integer.MAX_VALUE - lengths[order[from + k]]) << 32) | k;
      }
      Arrays.sort(keys);
      for (int k = 0; k < keys.length; k++) {
        grouped[from + k] = order[from + (int) (keys[k] & 0xffffffffL)];
      }
    }
    List<int[]> out = new ArrayList<>(batchCount);
    for (int b = 0; b < batchCount; b++) {
      int from = b * batchSize;
      out.add(Arrays.copyOfRange(grouped, from, Math.min(n, from + batchSize)));
    }
    for (int i = out.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int[] t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }
}

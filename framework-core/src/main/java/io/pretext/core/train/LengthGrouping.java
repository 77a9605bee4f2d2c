package io.pretext.core.train;

import java.util.Arrays;

/**
 * Orders samples so that consecutive batches hold samples of similar length, and padding each batch
 * to its longest sample costs little (the length-grouped sampling of Hugging Face's Trainer,
 * {@code group_by_length}): the epoch's shuffled order is cut into chunks of {@value
 * #BATCHES_PER_CHUNK} batches and each chunk is sorted by length, longest first, ties keeping the
 * shuffled order. The caller cuts the result into batches and shuffles those, so every batch still
 * draws from a random chunk of the data.
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
   * @param order every sample index once, shuffled
   * @param batchSize samples per batch
   * @return the same indices, sorted by length (longest first) within each chunk
   */
  int[] sortedWithinChunks(int[] order, int batchSize) {
    int[] out = new int[order.length];
    int chunk = Math.multiplyExact(batchSize, BATCHES_PER_CHUNK);
    for (int from = 0; from < order.length; from += chunk) {
      long[] keys = new long[Math.min(order.length, from + chunk) - from];
      for (int k = 0; k < keys.length; k++) {
        // longest first, then the shuffled position: one primitive sort, stable by construction
        keys[k] = ((long) (Integer.MAX_VALUE - lengths[order[from + k]]) << 32) | k;
      }
      Arrays.sort(keys);
      for (int k = 0; k < keys.length; k++) {
        out[from + k] = order[from + (int) (keys[k] & 0xffffffffL)];
      }
    }
    return out;
  }
}

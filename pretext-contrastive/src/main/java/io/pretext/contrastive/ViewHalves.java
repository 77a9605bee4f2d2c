package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * The two views in an array of view embeddings laid out as {@link TwoViewBatch} makes them: rows
 * {@code i} and {@code i + N} are the first and second view of sample {@code i}, so the first
 * half of the rows is view 1 (N, d) and the second half view 2 (N, d).
 */
final class ViewHalves {
  private ViewHalves() {}

  /**
   * @param shape the array's shape, which must be (2N, d)
   * @param loss the loss's name, for the message
   * @param minSamples the least N the loss is defined for
   * @return N
   * @throws IllegalArgumentException unless the shape is (2N, d) with N >= minSamples and d >= 1
   */
  static int samples(Shape shape, String loss, int minSamples) {
    if (shape.dimension() != 2 || shape.get(0) % 2 != 0 || shape.get(0) < 2L * minSamples || shape.get(1) < 1) {
      throw new IllegalArgumentException(loss + " needs view embeddings of shape (2N, d), rows i and i+N the two views"
          + " of sample i, with N >= " + minSamples + "; got " + shape
          + (minSamples > 1 ? " (it normalises over the batch: use train.batch-size >= 2 and drop-last: true)" : ""));
    }
    return Math.toIntExact(shape.get(0) / 2);
  }

  /** The first views (index 0) and the second views (index 1), each (N, d). */
  static NDList split(NDArray z) {
    return z.split(2, 0);
  }

  /** The rows with the two halves exchanged: row k of the result is the other view of row k. */
  static NDArray swapped(NDArray z) {
    NDList halves = split(z);
    return halves.get(1).concat(halves.get(0), 0);
  }
}

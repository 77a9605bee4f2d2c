package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * The similarity logits of a batch of 2N view embeddings, shared by {@link NtXentLoss} and {@link
 * ContrastiveAccuracy}.
 *
 * <p>Layout: rows {@code i} and {@code i + N} of the embedding matrix are the two views of sample
 * {@code i} (all first views, then all second views), so the positive of anchor {@code k} is
 * {@code (k + N) mod 2N}.
 */
final class ViewPairs {
  /** Below this norm an embedding is treated as having norm EPSILON (it points nowhere). */
  static final float EPSILON = 1e-12f;

  private ViewPairs() {}

  /**
   * Cosine similarities divided by the temperature, with each view's similarity to itself set to
   * minus infinity so that it drops out of every softmax and argmax. One (2N, d)·(d, 2N) matmul.
   *
   * @param z the embeddings, shape (2N, d)
   * @param temperature tau > 0
   * @return shape (2N, 2N)
   */
  static NDArray maskedLogits(NDArray z, double temperature) {
    int rows = checkedRows(z.getShape());
    NDManager manager = z.getManager();
    NDArray unit = z.div(ScalarOps.atLeast(z.norm(new int[] {1}, true), EPSILON));
    NDArray logits = ScalarOps.dividedBy(unit.matMul(unit.transpose()), (float) temperature);
    NDArray self = manager.eye(rows, rows, 0, DataType.BOOLEAN);
    NDArray minusInfinity = manager.full(logits.getShape(), Float.NEGATIVE_INFINITY, logits.getDataType());
    return NDArrays.where(self, minusInfinity, logits);
  }

  /** The index of each anchor's positive, {@code (k + N) mod 2N}, as int64, shape (2N). */
  static NDArray positives(NDManager manager, int rows) {
    int n = rows / 2;
    return manager.arange(n, rows, 1, DataType.INT64).concat(manager.arange(0, n, 1, DataType.INT64));
  }

  /** The same indices in host memory. */
  static int[] positives(int rows) {
    int n = rows / 2;
    int[] out = new int[rows];
    for (int k = 0; k < rows; k++) {
      out[k] = (k + n) % rows;
    }
    return out;
  }

  /**
   * @return 2N
   * @throws IllegalArgumentException unless the shape is (2N, d) with N >= 1 and d >= 1
   */
  static int checkedRows(Shape shape) {
    if (shape.dimension() != 2 || shape.get(0) < 2 || shape.get(0) % 2 != 0 || shape.get(1) < 1) {
      throw new IllegalArgumentException("NT-Xent needs embeddings of shape (2N, d): rows i and i+N the two views of"
          + " sample i, N >= 1; got " + shape);
    }
    return Math.toIntExact(shape.get(0));
  }
}

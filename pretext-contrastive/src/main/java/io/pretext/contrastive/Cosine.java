package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * Cosine similarity of embedding rows, shared by the losses that compare directions (SimSiam,
 * BYOL, MoCo): {@code cos(u, v) = u.v / (max(|u|, eps) max(|v|, eps))}, eps = {@link
 * ViewPairs#EPSILON}, so a zero row has cosine 0 with everything instead of a NaN (as PyTorch's
 * {@code F.normalize}).
 */
final class Cosine {
  private Cosine() {}

  /** Each row divided by its L2 norm (at least eps); shape (B, d) kept. */
  static NDArray unitRows(NDArray x) {
    return x.div(ScalarOps.atLeast(x.norm(new int[] {1}, true), ViewPairs.EPSILON));
  }

  /**
   * The cosine of row k of {@code a} with row k of {@code b}.
   *
   * @param a shape (B, d)
   * @param b shape (B, d)
   * @return shape (B)
   */
  static NDArray rowwise(NDArray a, NDArray b) {
    return unitRows(a).mul(unitRows(b)).sum(new int[] {1});
  }
}

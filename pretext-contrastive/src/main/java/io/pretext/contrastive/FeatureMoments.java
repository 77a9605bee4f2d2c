package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * Per-feature statistics over the batch axis of an embedding matrix Z (N, d), shared by Barlow
 * Twins and VICReg, which both regularise the batch's feature distribution.
 */
final class FeatureMoments {
  private FeatureMoments() {}

  /** Z minus its column means; (N, d). */
  static NDArray centred(NDArray z) {
    return z.sub(z.mean(new int[] {0}, true));
  }

  /**
   * The column variances of an already centred matrix.
   *
   * @param centred (N, d), column means 0
   * @param denominator N for the biased (BatchNorm) variance, N − 1 for the unbiased one
   * @return (d)
   */
  static NDArray variance(NDArray centred, int denominator) {
    return ScalarOps.dividedBy(centred.square().sum(new int[] {0}), denominator);
  }

  /** The sum of the squares of a square matrix's off-diagonal entries: sum(M²) − sum(diag(M)²); a scalar. */
  static NDArray offDiagonalSquares(NDArray m) {
    return m.square().sum().sub(m.diagonal().square().sum());
  }
}

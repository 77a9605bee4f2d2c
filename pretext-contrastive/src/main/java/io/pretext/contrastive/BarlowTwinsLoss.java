package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * The Barlow Twins loss (Zbontar, Jing, Misra, LeCun, Deny 2021, "Barlow Twins: Self-Supervised
 * Learning via Redundancy Reduction", eqs. 1 and 2):
 *
 * <pre>
 *   C_ij = sum_b zA_bi zB_bj / N   (the cross-correlation of the batch-normalised views),
 *   L = sum_i (1 - C_ii)^2 + lambda sum_i sum_{j != i} C_ij^2.
 * </pre>
 *
 * <p>Each view's embeddings are normalised along the batch (mean 0, standard deviation 1 per
 * feature, from this batch): {@code (z - mean) / sqrt(var + 1e-5)} with the biased variance, as
 * the reference code's {@code BatchNorm1d(affine=False)} does; the epsilon keeps a collapsed batch
 * (a feature constant over the batch) finite, its normalised value 0. The first term makes the
 * two views' features agree (invariance), the second decorrelates the features (redundancy
 * reduction).
 *
 * <p><b>Choosing lambda.</b> The paper's 5e-3 ({@link #PAPER_LAMBDA}) was tuned for d = 8192 and
 * N = 2048. The redundancy term sums d(d − 1) squares, and at random each C_ij^2 is about 1 / N
 * (the batch's sampling noise), so against the d invariance terms it weighs about lambda (d − 1) /
 * N: 5e-3 · 8191 / 2048 = 0.02 in the paper. Keeping that balance gives lambda ≈ 0.02 N / d; for
 * this project's Fashion-MNIST setting (N = 256, d = 256) lambda = 0.02, the task's default
 * ({@code BarlowTwinsTaskFactory}). Scaling lambda as 1 / d alone would give 0.16 and let the
 * batch's noise dominate.
 *
 * <p><b>Input</b>: {@code predictions.head()} holds z of shape (2N, d), N >= 2, in {@link
 * TwoViewBatch}'s layout (rows {@code i} and {@code i + N} are sample {@code i}'s two views);
 * {@code labels} are not read. <b>Output</b>: a scalar >= 0; d for a collapsed batch.
 *
 * <pre>{@code
 * NDArray value = new BarlowTwinsLoss(0.02).evaluate(new NDList(), new NDList(z)); // z: (2N, d)
 * }</pre>
 */
public final class BarlowTwinsLoss extends Loss {
  /** The paper's trade-off, for d = 8192 and batch 2048. */
  public static final double PAPER_LAMBDA = 5e-3;
  /** Added to the batch variance before the square root (PyTorch's BatchNorm1d default). */
  static final float EPSILON = 1e-5f;

  private final double lambda;

  /**
   * @param lambda the weight of the redundancy-reduction term
   * @throws IllegalArgumentException when lambda is not a finite number >= 0
   */
  public BarlowTwinsLoss(double lambda) {
    super("BarlowTwinsLoss");
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("Barlow Twins' lambda must be a finite number >= 0, got " + lambda
          + " (the paper uses 5e-3 for 8192 features; about 0.02 N / d keeps its balance)");
    }
    this.lambda = lambda;
  }

  public double lambda() {
    return lambda;
  }

  /**
   * @param labels ignored (may be empty)
   * @param predictions embeddings z, shape (2N, d), first in the list
   * @return the loss, a scalar
   * @throws IllegalArgumentException unless z is (2N, d) with N >= 2
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray z = predictions.head();
    int n = ViewHalves.samples(z.getShape(), "Barlow Twins' loss", 2);
    NDList views = ViewHalves.split(z);
    NDArray c = ScalarOps.dividedBy(standardised(views.get(0), n).transpose().matMul(standardised(views.get(1), n)), n);
    NDArray invariance = Scalars.minus(c.diagonal(), 1).square().sum();
    return invariance.add(ScalarOps.times(FeatureMoments.offDiagonalSquares(c), (float) lambda));
  }

  /** Each column to mean 0 and (biased) variance 1 over the batch; (N, d). */
  private static NDArray standardised(NDArray view, int n) {
    NDArray centred = FeatureMoments.centred(view);
    return centred.div(Scalars.plus(FeatureMoments.variance(centred, n), EPSILON).sqrt());
  }
}

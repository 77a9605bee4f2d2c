package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * The VICReg loss (Bardes, Ponce, LeCun 2022, "VICReg: Variance-Invariance-Covariance
 * Regularization for Self-Supervised Learning", eqs. 1 to 6), for the two views' embeddings Z and
 * Z' (N, d):
 *
 * <pre>
 *   s(Z, Z') = mean over the N·d entries of (Z - Z')^2                 (invariance)
 *   v(Z)     = 1/d sum_j max(0, gamma - sqrt(Var(z^j) + eps))          (variance, Var unbiased)
 *   c(Z)     = 1/d sum_{i != j} C(Z)_ij^2,  C(Z) = (Z - mean)^T (Z - mean) / (N - 1)   (covariance)
 *   l        = lambda s(Z, Z') + mu [v(Z) + v(Z')] + nu [c(Z) + c(Z')]
 * </pre>
 *
 * <p>The invariance term is the mean squared error over all entries, as in the paper's Algorithm 1
 * ({@code F.mse_loss}) for which the weights 25 / 25 / 1 were tuned; eq. 5's sum over d per sample
 * would be d times larger. The variance hinge keeps every feature's standard deviation at gamma
 * or above, so the embeddings cannot collapse; the covariance term decorrelates the features.
 * Defaults: lambda = mu = 25, nu = 1, gamma = 1, eps = 1e-4 (§4.2).
 *
 * <p><b>Input</b>: {@code predictions.head()} holds z of shape (2N, d), N >= 2, in {@link
 * TwoViewBatch}'s layout (rows {@code i} and {@code i + N} are sample {@code i}'s two views);
 * {@code labels} are not read. <b>Output</b>: a scalar >= 0; for a collapsed batch
 * 2 mu (gamma - sqrt(eps)).
 *
 * <pre>{@code
 * NDArray value = new VicRegLoss(25, 25, 1, 1, 1e-4).evaluate(new NDList(), new NDList(z));
 * }</pre>
 */
public final class VicRegLoss extends Loss {
  private final double invarianceWeight;
  private final double varianceWeight;
  private final double covarianceWeight;
  private final double gamma;
  private final double epsilon;

  /**
   * @param invarianceWeight lambda, finite and >= 0
   * @param varianceWeight mu, finite and >= 0
   * @param covarianceWeight nu, finite and >= 0
   * @param gamma the target standard deviation, finite and > 0
   * @param epsilon added to the variance under the square root, finite and > 0
   * @throws IllegalArgumentException when a value is out of its range, or all three weights are 0
   */
  public VicRegLoss(double invarianceWeight, double varianceWeight, double covarianceWeight, double gamma,
      double epsilon) {
    super("VicRegLoss");
    require("invariance weight", invarianceWeight, true, "25");
    require("variance weight", varianceWeight, true, "25");
    require("covariance weight", covarianceWeight, true, "1");
    require("gamma", gamma, false, "1");
    require("epsilon", epsilon, false, "1e-4");
    if (invarianceWeight + varianceWeight + covarianceWeight == 0) {
      throw new IllegalArgumentException("VICReg needs at least one weight > 0 (the paper uses 25, 25 and 1)");
    }
    this.invarianceWeight = invarianceWeight;
    this.varianceWeight = varianceWeight;
    this.covarianceWeight = covarianceWeight;
    this.gamma = gamma;
    this.epsilon = epsilon;
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
    int n = ViewHalves.samples(z.getShape(), "VICReg's loss", 2);
    int d = Math.toIntExact(z.getShape().get(1));
    NDList views = ViewHalves.split(z);
    NDArray invariance = views.get(0).sub(views.get(1)).square().mean();
    NDArray loss = ScalarOps.times(invariance, (float) invarianceWeight);
    for (NDArray view : views) {
      NDArray centred = FeatureMoments.centred(view);
      NDArray std = Scalars.plus(FeatureMoments.variance(centred, n - 1), (float) epsilon).sqrt();
      NDArray variance = Activation.relu(Scalars.subtractedFrom((float) gamma, std)).mean();
      NDArray covarianceMatrix = ScalarOps.dividedBy(centred.transpose().matMul(centred), n - 1);
      NDArray covariance = ScalarOps.dividedBy(FeatureMoments.offDiagonalSquares(covarianceMatrix), d);
      loss = loss.add(ScalarOps.times(variance, (float) varianceWeight))
          .add(ScalarOps.times(covariance, (float) covarianceWeight));
    }
    return loss;
  }

  public double invarianceWeight() {
    return invarianceWeight;
  }

  public double varianceWeight() {
    return varianceWeight;
  }

  public double covarianceWeight() {
    return covarianceWeight;
  }

  public double gamma() {
    return gamma;
  }

  public double epsilon() {
    return epsilon;
  }

  private static void require(String name, double value, boolean zeroAllowed, String usual) {
    if (!(zeroAllowed ? value >= 0 : value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("VICReg's " + name + " must be a finite number " + (zeroAllowed ? ">= 0" : "> 0")
          + ", got " + value + " (the paper uses " + usual + ")");
    }
  }
}

package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * BYOL's loss (Grill et al. 2020, "Bootstrap Your Own Latent: A New Approach to Self-Supervised
 * Learning", eqs. 2 and 5): the online network's prediction q of one view regresses the target
 * network's projection z' of the other view, both L2-normalised,
 *
 * <pre>
 *   L(q, z') = |q/|q| - z'/|z'||^2 = 2 - 2 cos(q, z'),
 *   L_BYOL = L(q1, stopgrad(z'2)) + L(q2, stopgrad(z'1)),   each term averaged over the batch.
 * </pre>
 *
 * <p>The two views' terms are summed, as in eq. 5 (not averaged), so the loss lies in [0, 8]. The
 * targets are detached: in BYOL the target network is an exponential moving average of the online
 * one and receives no gradient (the task that uses this loss needs the framework's EMA hooks).
 *
 * <p><b>Input</b>: {@code predictions} = (q, z'), both (2N, d) in {@link TwoViewBatch}'s layout
 * (rows {@code i} and {@code i + N} are sample {@code i}'s two views): q the online predictions,
 * z' the target projections. Row k of q is compared with row {@code (k + N) mod 2N} of z'. {@code
 * labels} are not read. <b>Output</b>: a scalar.
 *
 * <pre>{@code
 * NDArray value = new ByolLoss().evaluate(onlinePredictions, targetProjections); // (2N, d) each
 * }</pre>
 */
public final class ByolLoss extends Loss {

  public ByolLoss() {
    super("ByolLoss");
  }

  /**
   * @param labels ignored (may be empty)
   * @param predictions q then z', each (2N, d)
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    if (predictions.size() != 2) {
      throw new IllegalArgumentException("BYOL's loss needs the predictions (online q, target z'), got "
          + predictions.size() + " arrays");
    }
    return evaluate(predictions.get(0), predictions.get(1));
  }

  /**
   * @param onlinePredictions q, (2N, d)
   * @param targetProjections z', (2N, d); only their values are used (stop-gradient)
   * @return L_BYOL, a scalar in [0, 8]
   * @throws IllegalArgumentException unless both are (2N, d) with N >= 1
   */
  public NDArray evaluate(NDArray onlinePredictions, NDArray targetProjections) {
    ViewHalves.samples(onlinePredictions.getShape(), "BYOL's loss", 1);
    if (!targetProjections.getShape().equals(onlinePredictions.getShape())) {
      throw new IllegalArgumentException("BYOL's loss needs target projections of the predictions' shape "
          + onlinePredictions.getShape() + ", got " + targetProjections.getShape());
    }
    NDArray targets = ViewHalves.swapped(targetProjections).stopGradient();
    NDArray meanCosine = Cosine.rowwise(onlinePredictions, targets).mean();
    // Two terms, each the batch mean of 2 - 2 cos: 2 (2 - 2 mean cos) over the 2N rows.
    return Scalars.subtractedFrom(4, ScalarOps.times(meanCosine, 4));
  }
}

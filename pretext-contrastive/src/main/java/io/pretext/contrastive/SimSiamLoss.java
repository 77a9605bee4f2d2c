package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * SimSiam's symmetrised negative-cosine loss with a stop-gradient (Chen and He 2021, "Exploring
 * Simple Siamese Representation Learning", eqs. 1, 3 and 4):
 *
 * <pre>
 *   D(p, z) = -(p / |p|) . (z / |z|),
 *   L = D(p1, stopgrad(z2)) / 2 + D(p2, stopgrad(z1)) / 2,   each D averaged over the batch.
 * </pre>
 *
 * <p><b>Input</b>: {@code predictions} = (z, p), both of shape (2N, d) in {@link TwoViewBatch}'s
 * layout (rows {@code i} and {@code i + N} are sample {@code i}'s two views): z the projections,
 * p the predictor's outputs. Row k of p is compared with the other view's z, row {@code (k + N) mod
 * 2N}, which is detached: no gradient flows into z through the target (§4.1: without it the
 * network collapses at once). {@code labels} are not read. <b>Output</b>: a scalar in [−1, 1],
 * −1 when every prediction points where the other view's projection points.
 *
 * <pre>{@code
 * NDArray value = new SimSiamLoss().evaluate(z, p); // z, p: (2N, d)
 * }</pre>
 */
public final class SimSiamLoss extends Loss {

  public SimSiamLoss() {
    super("SimSiamLoss");
  }

  /**
   * @param labels ignored (may be empty)
   * @param predictions z then p, each (2N, d)
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    if (predictions.size() != 2) {
      throw new IllegalArgumentException("SimSiam's loss needs the predictions (z, p), got " + predictions.size()
          + " arrays");
    }
    return evaluate(predictions.get(0), predictions.get(1));
  }

  /**
   * @param z projections, (2N, d); only their values are used (stop-gradient)
   * @param p predictions, (2N, d)
   * @return the mean of D over the 2N (prediction, other view's projection) pairs, a scalar
   * @throws IllegalArgumentException unless z and p are both (2N, d) with N >= 1
   */
  public NDArray evaluate(NDArray z, NDArray p) {
    ViewHalves.samples(z.getShape(), "SimSiam's loss", 1);
    if (!p.getShape().equals(z.getShape())) {
      throw new IllegalArgumentException("SimSiam's loss needs p of z's shape " + z.getShape() + ", got "
          + p.getShape());
    }
    NDArray targets = ViewHalves.swapped(z).stopGradient();
    return Cosine.rowwise(p, targets).mean().neg();
  }
}

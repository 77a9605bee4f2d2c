package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * MoCo's InfoNCE loss with a queue of negative keys (He, Fan, Wu, Xie, Girshick 2020, eq. 1; the
 * v2 settings of Chen, Fan, Girshick, He 2020, "Improved Baselines with Momentum Contrastive
 * Learning": temperature 0.2):
 *
 * <pre>
 *   L_q = -log( exp(q.k+ / tau) / (exp(q.k+ / tau) + sum_{i=1..K} exp(q.k_i / tau)) ),
 * </pre>
 *
 * averaged over the N queries, with q, k+ and the queue's keys k_i L2-normalised here (MoCo
 * normalises them in its forward pass; a queue of unit keys is left as it is). Computed as a
 * (N, 1 + K) logit matrix, positive in column 0, and a log-softmax. The keys and the queue are
 * detached: they come from the momentum encoder and receive no gradient.
 *
 * <p><b>Input</b>: queries q (N, d) from the query encoder, keys k (N, d) from the key encoder
 * (row i is query i's positive, another view of the same image), queue (K, d) of earlier keys,
 * the negatives. <b>Output</b>: a scalar; log(1 + K) when every similarity is equal.
 *
 * <pre>{@code
 * NDArray value = new MocoInfoNceLoss(0.2).evaluate(q, k, queue);
 * }</pre>
 */
public final class MocoInfoNceLoss {
  /** MoCo v2's temperature. */
  public static final double DEFAULT_TEMPERATURE = 0.2;

  private final double temperature;

  /**
   * @param temperature tau, which divides the cosine similarities
   * @throws IllegalArgumentException when the temperature is not a finite number > 0
   */
  public MocoInfoNceLoss(double temperature) {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("MoCo's temperature must be a finite number > 0, got " + temperature
          + " (MoCo v1 uses 0.07, v2 0.2)");
    }
    this.temperature = temperature;
  }

  public double temperature() {
    return temperature;
  }

  /**
   * @param queries q, (N, d), N >= 1
   * @param keys k+, (N, d); only their values are used
   * @param queue the negative keys, (K, d), K >= 1; only their values are used
   * @return the mean InfoNCE loss over the N queries, a scalar
   * @throws IllegalArgumentException when the shapes do not agree
   */
  public NDArray evaluate(NDArray queries, NDArray keys, NDArray queue) {
    Shape q = queries.getShape();
    if (q.dimension() != 2 || q.get(0) < 1 || q.get(1) < 1 || !keys.getShape().equals(q)) {
      throw new IllegalArgumentException("MoCo's loss needs queries and keys of one shape (N, d), N >= 1; got "
          + q + " and " + keys.getShape());
    }
    Shape k = queue.getShape();
    if (k.dimension() != 2 || k.get(0) < 1 || k.get(1) != q.get(1)) {
      throw new IllegalArgumentException("MoCo's loss needs a queue of shape (K, " + q.get(1) + "), K >= 1; got " + k);
    }
    NDArray unitQueries = Cosine.unitRows(queries);
    NDArray positives = unitQueries.mul(Cosine.unitRows(keys.stopGradient())).sum(new int[] {1}, true);
    NDArray negatives = unitQueries.matMul(Cosine.unitRows(queue.stopGradient()).transpose());
    NDArray logits = ScalarOps.dividedBy(positives.concat(negatives, 1), (float) temperature);
    return logits.logSoftmax(1).get(":, 0").mean().neg();
  }
}

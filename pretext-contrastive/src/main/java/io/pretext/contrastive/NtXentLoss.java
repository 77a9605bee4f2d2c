package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * NT-Xent, the normalized temperature-scaled cross-entropy loss of SimCLR (Chen, Kornblith,
 * Norouzi, Hinton 2020, "A Simple Framework for Contrastive Learning of Visual Representations",
 * eq. 1):
 *
 * <pre>
 *   l(i, j) = -log( exp(sim(z_i, z_j) / tau) / sum_{k != i} exp(sim(z_i, z_k) / tau) ),
 *   sim(u, v) = u.v / (|u| |v|),   loss = mean of l over all 2N anchors (each view is an anchor once).
 * </pre>
 *
 * <p><b>Input</b>: {@code predictions.head()} holds the embeddings z of shape (2N, d), where rows
 * {@code i} and {@code i + N} are the two views of sample {@code i} (all first views, then all
 * second views, as {@link SimClrTask} lays them out). The positive of anchor {@code k} is {@code (k
 * + N) mod 2N}; the other 2N − 2 views are its negatives. {@code labels} are not read: the layout
 * is the target. <b>Output</b>: a scalar.
 *
 * <p>Computed with one (2N, d)·(d, 2N) matmul of L2-normalized rows; self-similarities are masked
 * to −∞ and the cross-entropy uses a log-softmax (log-sum-exp with the row maximum subtracted), so
 * it stays finite for small temperatures. The loss does not depend on the embeddings' norms.
 *
 * <pre>{@code
 * Loss loss = new NtXentLoss(0.5);
 * NDArray value = loss.evaluate(new NDList(), new NDList(z)); // z: (2N, d)
 * }</pre>
 */
public final class NtXentLoss extends Loss {
  private final double temperature;

  /**
   * @param temperature tau, which divides the cosine similarities
   * @throws IllegalArgumentException when the temperature is not a finite number > 0: zero would
   *     divide by zero, a negative one would reward pushing the positives apart
   */
  public NtXentLoss(double temperature) {
    super("NtXentLoss");
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("NT-Xent temperature must be a finite number > 0, got " + temperature
          + " (SimCLR uses 0.1 to 1; 0.5 is the usual default)");
    }
    this.temperature = temperature;
  }

  public double temperature() {
    return temperature;
  }

  /**
   * @param labels ignored (may be empty)
   * @param predictions embeddings z, shape (2N, d), first in the list
   * @return the mean loss over the 2N anchors, a scalar
   * @throws IllegalArgumentException when z is not of shape (2N, d) with N >= 1
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = ViewPairs.maskedLogits(predictions.head(), temperature);
    int rows = Math.toIntExact(logits.getShape().get(0));
    NDArray positives = ViewPairs.positives(logits.getManager(), rows).reshape(rows, 1);
    NDArray logProbability = logits.logSoftmax(1).gather(positives, 1);
    return logProbability.mean().neg();
  }
}

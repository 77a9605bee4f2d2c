package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * The EMA update of DINO's teacher centre (Caron et al. 2021, eq. 4): {@code c <- m c + (1 - m)
 * mean(g_t(x))}, the mean over the batch's teacher outputs of every global view. Centring (with
 * sharpening by the low teacher temperature, {@link DinoLoss}) keeps the teacher from collapsing to
 * one class or to the uniform distribution.
 *
 * <p>Call it after the step's loss, with the same teacher logits; the result carries no gradient.
 *
 * <pre>{@code
 * NDArray next = new DinoCenter(0.9).update(center, teacher); // center (1, K), teacher (G·N, K)
 * }</pre>
 */
public final class DinoCenter {
  /** The paper's centre momentum. */
  public static final double DEFAULT_MOMENTUM = 0.9;

  private final double momentum;

  /**
   * @param momentum m in [0, 1): the weight of the previous centre
   * @throws IllegalArgumentException when m is outside [0, 1)
   */
  public DinoCenter(double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("DINO's centre momentum must be in [0, 1), got " + momentum
          + " (the paper uses 0.9; 1 would never move the centre)");
    }
    this.momentum = momentum;
  }

  public DinoCenter() {
    this(DEFAULT_MOMENTUM);
  }

  public double momentum() {
    return momentum;
  }

  /**
   * @param center the current centre, (K) or (1, K)
   * @param teacher the teacher logits of the step, (B, K)
   * @return the next centre, of the centre's shape, detached
   * @throws IllegalArgumentException when the sizes do not agree
   */
  public NDArray update(NDArray center, NDArray teacher) {
    long k = center.getShape().size();
    if (teacher.getShape().dimension() != 2 || teacher.getShape().get(1) != k || teacher.getShape().get(0) < 1) {
      throw new IllegalArgumentException("DINO's centre update needs teacher logits (B, " + k + "), got "
          + teacher.getShape());
    }
    NDArray batchMean = teacher.stopGradient().mean(new int[] {0}).reshape(center.getShape());
    return ScalarOps.times(center.stopGradient(), (float) momentum)
        .add(ScalarOps.times(batchMean, (float) (1 - momentum)));
  }
}

package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;

/**
 * Inverted dropout (Srivastava et al. 2014): in training each element is zeroed with probability
 * p and the rest scaled by 1 / (1 - p); in inference the identity. ONNX: nothing (inference
 * graphs omit it) or Identity.
 */
public final class Dropout extends SingleInputBlock {
  private final float rate;

  /** @param rate p, in [0, 1) */
  public Dropout(float rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  public float getRate() {
    return rate;
  }

  /** Inference: the identity. */
  @Override
  NDArray apply(NDArray input) {
    return input;
  }

  @Override
  NDArray apply(NDArray input, boolean training) {
    if (!training || rate == 0) {
      return input;
    }
    return ai.djl.nn.norm.Dropout.dropout(input, rate, true).singletonOrThrow();
  }
}

package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Array-with-scalar arithmetic that is safe under autograd, beside {@link
 * io.pretext.api.nn.layers.ScalarOps} (which has {@code times}, {@code dividedBy} and {@code
 * atLeast}): the scalar is made by the engine ({@code full}), never from a Java number that DJL
 * wraps over a direct buffer and closes while autograd still reads it (see ScalarOps for the
 * failure). Use these in every loss of this module instead of {@code add(Number)} and {@code
 * sub(Number)}.
 */
final class Scalars {
  private Scalars() {}

  /** {@code x + value}. */
  static NDArray plus(NDArray x, float value) {
    try (NDArray scalar = scalar(x, value)) {
      return x.add(scalar);
    }
  }

  /** {@code x - value}. */
  static NDArray minus(NDArray x, float value) {
    try (NDArray scalar = scalar(x, value)) {
      return x.sub(scalar);
    }
  }

  /** {@code value - x}. */
  static NDArray subtractedFrom(float value, NDArray x) {
    try (NDArray scalar = scalar(x, value)) {
      return scalar.sub(x);
    }
  }

  private static NDArray scalar(NDArray like, float value) {
    return like.getManager().full(new Shape(), value, like.getDataType());
  }
}

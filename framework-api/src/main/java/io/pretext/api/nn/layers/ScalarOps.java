package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Array-with-scalar arithmetic that is safe under autograd. Use these instead of DJL's
 * {@code mul(Number)}, {@code div(Number)} and {@code maximum(Number)} wherever the result takes
 * part in a backward pass.
 *
 * <p>Why: with the PyTorch engine, DJL (0.36) turns the number into a tensor that views a Java
 * direct buffer and closes that tensor as soon as the operation returns. Autograd keeps the tensor
 * for the backward pass, but the buffer is now unreachable; a garbage collection before
 * {@code backward} frees it and the gradient is computed from freed memory (the gradient of
 * {@code x * 0.25} came out as 3e-39). The symptom is run-to-run variation that depends on
 * collection timing, and now and then a NaN. Here the scalar is made by the engine ({@code full}),
 * so the engine owns its memory and autograd's reference keeps it alive.
 */
public final class ScalarOps {
  private ScalarOps() {}

  /** {@code x * value}. */
  public static NDArray times(NDArray x, float value) {
    try (NDArray scalar = scalar(x, value)) {
      return x.mul(scalar);
    }
  }

  /** {@code x / value}. */
  public static NDArray dividedBy(NDArray x, float value) {
    try (NDArray scalar = scalar(x, value)) {
      return x.div(scalar);
    }
  }

  /** {@code max(x, value)}, element-wise. */
  public static NDArray atLeast(NDArray x, float value) {
    try (NDArray scalar = scalar(x, value)) {
      return x.maximum(scalar);
    }
  }

  private static NDArray scalar(NDArray like, float value) {
    return like.getManager().full(new Shape(), value, like.getDataType());
  }
}

package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The Gaussian error linear unit {@code x * Phi(x)} in its exact (erf) form, element-wise
 * (Hendrycks and Gimpel 2016), as PyTorch's default {@code nn.GELU()}. ONNX: Gelu (opset 20) or
 * the erf expression.
 */
public final class Gelu extends SingleInputBlock {

  @Override
  NDArray apply(NDArray input) {
    return Activation.gelu(input);
  }
}

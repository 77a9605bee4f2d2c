package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The rectified linear unit {@code max(x, 0)}, element-wise (Nair and Hinton 2010). ONNX: Relu. */
public final class Relu extends SingleInputBlock {

  @Override
  NDArray apply(NDArray input) {
    return Activation.relu(input);
  }
}

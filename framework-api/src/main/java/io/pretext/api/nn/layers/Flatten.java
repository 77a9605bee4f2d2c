package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Keeps the batch axis and flattens the others: (N, d1, d2, ...) to (N, d1*d2*...). ONNX: Flatten (axis 1). */
public final class Flatten extends SingleInputBlock {

  @Override
  NDArray apply(NDArray input) {
    return input.reshape(outputShape(input.getShape()));
  }

  @Override
  Shape outputShape(Shape input) {
    if (input.dimension() < 1) {
      throw new IllegalArgumentException("Flatten expects an input with a batch axis, got a scalar");
    }
    long rest = input.dimension() == 1 ? 1 : input.slice(1).size();
    return new Shape(input.get(0), rest);
  }
}

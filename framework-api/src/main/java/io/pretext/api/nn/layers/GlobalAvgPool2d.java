package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The mean over the spatial axes: (N, C, H, W) to (N, C) (Lin et al. 2014, "Network in
 * Network"). ONNX: GlobalAveragePool followed by Flatten.
 */
public final class GlobalAvgPool2d extends SingleInputBlock {
  private static final int[] LAST_AXIS = {2};

  @Override
  NDArray apply(NDArray input) {
    Shape shape = input.getShape();
    requireRank(shape, 4, "(N, C, H, W)");
    // PyTorch's engine reduces one axis per call: view (N, C, H, W) as (N, C, H*W), reduce once.
    return input.reshape(shape.get(0), shape.get(1), -1).mean(LAST_AXIS);
  }

  @Override
  Shape outputShape(Shape input) {
    requireRank(input, 4, "(N, C, H, W)");
    return new Shape(input.get(0), input.get(1));
  }
}

package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * The mean over the spatial axes: (N, C, H, W) to (N, C) (Lin et al. 2014, "Network in
 * Network"). ONNX: GlobalAveragePool followed by Flatten.
 */
public final class GlobalAvgPool2d extends SingleInputBlock {

  @Override
  NDArray apply(NDArray input) {
    requireRank(input.getShape(), 4, "(N, C, H, W)");
    // An adaptive average pool to 1x1, then a view as (N, C): works in any memory layout.
    return Pool.globalAvgPool2d(input);
  }

  @Override
  Shape outputShape(Shape input) {
    requireRank(input, 4, "(N, C, H, W)");
    return new Shape(input.get(0), input.get(1));
  }
}

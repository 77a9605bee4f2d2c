package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.pooling.Pool;

/** The maximum over each square window; padded cells never win. ONNX: MaxPool. */
public final class MaxPool2d extends Pool2d {

  /**
   * @param kernel the side of the window, >= 1
   * @param stride the step between windows, >= 1
   * @param padding implicit padding on each side, in [0, kernel/2]
   */
  public MaxPool2d(int kernel, int stride, int padding) {
    super(kernel, stride, padding);
  }

  @Override
  NDArray apply(NDArray input) {
    outputShape(input.getShape());
    return Pool.maxPool2d(input, kernelShape(), strideShape(), paddingShape(), false);
  }
}

package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.pooling.Pool;

/**
 * The mean over each square window. Padded cells count in the divisor, as PyTorch's default
 * {@code count_include_pad=True} and ONNX's {@code count_include_pad=1}. ONNX: AveragePool.
 */
public final class AvgPool2d extends Pool2d {

  /**
   * @param kernel the side of the window, >= 1
   * @param stride the step between windows, >= 1
   * @param padding implicit zero padding on each side, in [0, kernel/2]
   */
  public AvgPool2d(int kernel, int stride, int padding) {
    super(kernel, stride, padding);
  }

  /** Always true: padded zeros count in each window's divisor. */
  public boolean isCountIncludePad() {
    return true;
  }

  @Override
  NDArray apply(NDArray input) {
    outputShape(input.getShape());
    return Pool.avgPool2d(input, kernelShape(), strideShape(), paddingShape(), false, true);
  }
}

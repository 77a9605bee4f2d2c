package io.pretext.api.nn.layers;

import ai.djl.ndarray.types.Shape;

/**
 * A 2-D sliding-window pool over (N, C, H, W) with a square kernel, stride and zero padding,
 * rounding the output size down (PyTorch's {@code ceil_mode=False}).
 */
public abstract sealed class Pool2d extends SingleInputBlock permits MaxPool2d, AvgPool2d {
  private final int kernel;
  private final int stride;
  private final int padding;

  Pool2d(int kernel, int stride, int padding) {
    String name = getClass().getSimpleName();
    if (kernel < 1) {
      throw new IllegalArgumentException(name + ": kernel must be >= 1, got " + kernel);
    }
    if (stride < 1) {
      throw new IllegalArgumentException(name + ": stride must be >= 1, got " + stride);
    }
    if (padding < 0 || padding > kernel / 2) {
      throw new IllegalArgumentException(name + ": padding must be in [0, kernel/2] = [0, " + kernel / 2 + "], got "
          + padding);
    }
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
  }

  /** The side of the square window. */
  public int getKernel() {
    return kernel;
  }

  public int getStride() {
    return stride;
  }

  /** Zero padding added on each side of both spatial axes. */
  public int getPadding() {
    return padding;
  }

  final Shape kernelShape() {
    return new Shape(kernel, kernel);
  }

  final Shape strideShape() {
    return new Shape(stride, stride);
  }

  final Shape paddingShape() {
    return new Shape(padding, padding);
  }

  @Override
  final Shape outputShape(Shape input) {
    requireRank(input, 4, "(N, C, H, W)");
    return new Shape(input.get(0), input.get(1), outputSize(input.get(2)), outputSize(input.get(3)));
  }

  private long outputSize(long size) {
    long padded = size + 2L * padding;
    if (padded < kernel) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": input side " + size + " (padded " + padded
          + ") is smaller than the kernel " + kernel);
    }
    return (padded - kernel) / stride + 1;
  }
}

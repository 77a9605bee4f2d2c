package io.pretext.api.nn.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * Builds the parameterised layers of the vocabulary with one known set of hyper-parameters, so
 * that every encoder, head and exporter agree: PyTorch's batch-norm defaults (eps 1e-5,
 * momentum 0.1) and PyTorch's default initialisation of convolution and linear weights and
 * biases (uniform in +-1/sqrt(fan_in)); batch-norm scale 1 and shift 0.
 *
 * <p>Convolutions and linear maps are DJL's {@link Conv2d} (read its kernel, stride, padding,
 * dilation, groups and bias through its getters) and {@link Linear} (units and input features
 * are the weight's shape (units, in); a bias exists when {@code getDirectParameters()} holds
 * {@code "bias"}). Input channels and features are inferred when the block is initialised.
 * Convolution weights are created with channels-last strides, which makes PyTorch use its faster
 * channels-last kernels (see {@link FanInUniform}); an initializer set on the block afterwards
 * (e.g. by a {@code TrainingConfig}) replaces this.
 */
public final class Layers {
  /** PyTorch's {@code BatchNorm2d} default epsilon. */
  public static final float BATCH_NORM_EPSILON = 1e-5f;
  /** PyTorch's {@code BatchNorm2d} default momentum (the weight of the batch statistics). */
  public static final float BATCH_NORM_MOMENTUM = 0.1f;

  private Layers() {}

  /** A 3x3 convolution with padding 1 and no bias, as in ResNet (He et al. 2016). */
  public static Conv2d conv3x3(int filters, int stride) {
    return conv2d(filters, 3, stride, 1, false);
  }

  /** A 1x1 convolution with no padding and no bias: ResNet's projection shortcut. */
  public static Conv2d conv1x1(int filters, int stride) {
    return conv2d(filters, 1, stride, 0, false);
  }

  /**
   * A square 2-D convolution over (N, C, H, W).
   *
   * @param filters output channels, >= 1
   * @param kernel the side of the kernel, >= 1
   * @param stride >= 1
   * @param padding zero padding on each side, >= 0
   * @param bias whether to add a learned bias per output channel
   */
  public static Conv2d conv2d(int filters, int kernel, int stride, int padding, boolean bias) {
    requireAtLeast("filters", filters, 1);
    requireAtLeast("kernel", kernel, 1);
    requireAtLeast("stride", stride, 1);
    requireAtLeast("padding", padding, 0);
    Conv2d conv = Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(bias)
        .build();
    return withTorchInit(conv);
  }

  /** Batch normalisation with PyTorch's defaults: eps 1e-5, momentum 0.1. */
  public static BatchNorm2d batchNorm() {
    return new BatchNorm2d(BATCH_NORM_EPSILON, BATCH_NORM_MOMENTUM);
  }

  /**
   * A fully connected layer over the last axis.
   *
   * @param units output features, >= 1
   * @param bias whether to add a learned bias
   */
  public static Linear linear(long units, boolean bias) {
    if (units < 1) {
      throw new IllegalArgumentException("units must be >= 1, got " + units);
    }
    return withTorchInit(Linear.builder().setUnits(units).optBias(bias).build());
  }

  public static Relu relu() {
    return new Relu();
  }

  public static Gelu gelu() {
    return new Gelu();
  }

  private static <B extends Block> B withTorchInit(B block) {
    Parameter weight = block.getDirectParameters().get("weight");
    weight.setInitializer(FanInUniform.forWeight());
    Parameter bias = block.getDirectParameters().get("bias");
    if (bias != null) {
      bias.setInitializer(FanInUniform.forBiasOf(weight));
    }
    return block;
  }

  static void requireAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }
}

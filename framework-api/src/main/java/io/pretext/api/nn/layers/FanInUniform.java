package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.Objects;

/**
 * PyTorch's default initialisation of convolution and linear layers: weights and biases drawn
 * from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), where fan_in is the weight's size per output unit
 * (in_channels * kh * kw, or in_features). For weights this is {@code kaiming_uniform_(a=sqrt(5))}
 * (He et al. 2015).
 *
 * <p>A 4-D convolution weight (O, I, kh, kw) is laid out channels-last in memory, (O, kh, kw, I),
 * and seen through a transposed view: PyTorch then runs the convolutions, forward and backward,
 * in its channels-last (oneDNN) kernels, about 1.4x faster on CPU than NCHW (see
 * {@code StepBenchmark}). Values, shapes and saved parameters are unaffected; a weight loaded
 * from a file is contiguous NCHW again and merely runs the slower kernels.
 *
 * <p>Only convolutions whose output channels are a multiple of 8, and whose input channels are 1
 * or a multiple of 8, get the channels-last layout (every convolution of resnet-mini(w) for w a
 * multiple of 8 does). On an AMD EPYC (Zen 4) machine, oneDNN's channels-last backward pass of a
 * 4-channel convolution corrupted the native heap (glibc aborted inside
 * {@code mkldnn_convolution_backward} a few steps into training; resnet-mini(4) on 8x8 images);
 * those shapes run in NCHW, where the same training is clean.
 */
final class FanInUniform implements Initializer {
  private final Parameter weight;

  /** Initialises a weight: fan_in is taken from the shape being initialised. */
  static FanInUniform forWeight() {
    return new FanInUniform(null);
  }

  /** Initialises the bias of the given weight: fan_in is taken from the weight's shape. */
  static FanInUniform forBiasOf(Parameter weight) {
    return new FanInUniform(Objects.requireNonNull(weight, "weight"));
  }

  private FanInUniform(Parameter weight) {
    this.weight = weight;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    Shape weightShape = weight == null ? shape : weight.getShape();
    if (weightShape == null || weightShape.dimension() < 2) {
      throw new IllegalStateException("fan-in initialisation needs a weight of rank >= 2, got " + weightShape);
    }
    long fanIn = weightShape.size() / weightShape.get(0);
    float bound = (float) (1 / Math.sqrt(fanIn));
    if (weight == null && shape.dimension() == 4 && channelsLastIsSafe(shape.get(0), shape.get(1))) {
      Shape channelsLast = new Shape(shape.get(0), shape.get(2), shape.get(3), shape.get(1));
      return manager.randomUniform(-bound, bound, channelsLast, dataType).transpose(0, 3, 1, 2);
    }
    return manager.randomUniform(-bound, bound, shape, dataType);
  }

  /** Whether the channels-last layout is used for a convolution of these channel counts (see the class comment). */
  static boolean channelsLastIsSafe(long outChannels, long inChannels) {
    return outChannels % 8 == 0 && (inChannels == 1 || inChannels % 8 == 0);
  }
}

package io.pretext.core.nn.encoders;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.nn.layers.Residual;

/** The pieces the ResNet encoders share (He et al. 2016). */
final class ResNetParts {
  private ResNetParts() {}

  /** conv3x3(channels, stride 1, pad 1, no bias) + BN + ReLU: the CIFAR-style stem. */
  static Block stem(int channels) {
    return new SequentialBlock().addAll(Layers.conv3x3(channels, 1), Layers.batchNorm(), Layers.relu());
  }

  /**
   * The basic block: conv3x3(stride) + BN + ReLU + conv3x3 + BN, plus a shortcut (the identity,
   * or conv1x1(stride) + BN when the stride or the channel count changes), added, then ReLU.
   */
  static Block basicBlock(int inChannels, int outChannels, int stride) {
    Block main = new SequentialBlock().addAll(
        Layers.conv3x3(outChannels, stride), Layers.batchNorm(), Layers.relu(),
        Layers.conv3x3(outChannels, 1), Layers.batchNorm());
    Block shortcut = stride == 1 && inChannels == outChannels
        ? null
        : new SequentialBlock().addAll(Layers.conv1x1(outChannels, stride), Layers.batchNorm());
    return new SequentialBlock().addAll(new Residual(main, shortcut), Layers.relu());
  }

  /** The convolution weights of a basic block (its batch-norm parameters left out). */
  static long basicBlockWeights(long inChannels, long outChannels, int stride) {
    long shortcut = stride == 1 && inChannels == outChannels ? 0 : inChannels * outChannels;
    return 9 * inChannels * outChannels + 9 * outChannels * outChannels + shortcut;
  }

  /** The side after a 3x3/pad-1 (or 1x1/pad-0) convolution with the given stride. */
  static long downsampled(long side, int stride) {
    return (side - 1) / stride + 1;
  }

  /**
   * Checks that a (C, H, W) input is large enough for the given number of stride-2 stages: the
   * last feature map must be at least 2x2, or the global pool sees a single position.
   */
  static void requireImage(String encoder, Shape inputShape, int stride2Stages) {
    if (inputShape == null || inputShape.dimension() != 3) {
      throw new IllegalArgumentException(encoder + " expects one image shape (C, H, W) without the batch axis, got "
          + inputShape);
    }
    long minSide = (1L << stride2Stages) + 1;
    long c = inputShape.get(0);
    long h = inputShape.get(1);
    long w = inputShape.get(2);
    if (c < 1 || h < minSide || w < minSide) {
      throw new IllegalArgumentException(encoder + " needs at least 1 channel and images of at least " + minSide + "x"
          + minSide + " (its " + stride2Stages + " stride-2 steps must leave a 2x2 map), got (C, H, W) = "
          + inputShape);
    }
  }
}

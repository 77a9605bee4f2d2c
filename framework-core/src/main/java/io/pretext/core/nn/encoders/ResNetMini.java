package io.pretext.core.nn.encoders;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.spi.Encoder;

/**
 * ResNet-mini(w), the benchmark protocol's encoder (PROTOCOL.md), after He et al. 2016: a
 * conv3x3(C to w) + BN + ReLU stem, basic blocks (w to w, stride 1), (w to 2w, stride 2) and
 * (2w to 4w, stride 2), then a global average pool to a 4w feature vector. The input channel
 * count C comes from the data; images must be at least 5x5. 77,104 trainable parameters for
 * w = 16 on one channel, 306,784 for w = 32.
 */
public final class ResNetMini implements Encoder {
  /** The stride-2 stages, which halve the feature map twice. */
  private static final int STRIDE2_STAGES = 2;
  /** The largest width accepted. */
  public static final int MAX_WIDTH = 4096;
  private final int width;

  /** @param width the stem's channel count w, in [1, MAX_WIDTH] */
  public ResNetMini(int width) {
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException("resnet-mini: width must be in [1, " + MAX_WIDTH + "], got " + width);
    }
    this.width = width;
  }

  public int width() {
    return width;
  }

  @Override
  public Block build(Shape inputShape) {
    ResNetParts.requireImage("resnet-mini", inputShape, STRIDE2_STAGES);
    return new SequentialBlock().addAll(
        ResNetParts.stem(width),
        ResNetParts.basicBlock(width, width, 1),
        ResNetParts.basicBlock(width, 2 * width, 2),
        ResNetParts.basicBlock(2 * width, 4 * width, 2),
        new GlobalAvgPool2d());
  }

  /** The convolution weights for a one-channel input (more channels add to the stem only). */
  @Override
  public long minimumParameters() {
    long w = width;
    return 9 * w + ResNetParts.basicBlockWeights(w, w, 1) + ResNetParts.basicBlockWeights(w, 2 * w, 2)
        + ResNetParts.basicBlockWeights(2 * w, 4 * w, 2);
  }

  @Override
  public long featureSize(Shape inputShape) {
    ResNetParts.requireImage("resnet-mini", inputShape, STRIDE2_STAGES);
    return 4L * width;
  }
}

package io.pretext.core.nn.encoders;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.spi.Encoder;

/**
 * ResNet-18 (He et al. 2016) with the CIFAR-style stem used for small images: conv3x3(C to w,
 * stride 1) + BN + ReLU and no max pool, then four stages of two basic blocks with w, 2w, 4w and
 * 8w channels (the first block of stages 2 to 4 has stride 2), then a global average pool to an
 * 8w feature vector. The standard network has w = 64 (512 features); images must be at least
 * 9x9.
 */
public final class ResNet18 implements Encoder {
  private static final int STAGES = 4;
  private static final int BLOCKS_PER_STAGE = 2;
  /** The largest width accepted. */
  public static final int MAX_WIDTH = 4096;
  private final int width;

  /** @param width the channel count of the first stage (64 in the paper), in [1, MAX_WIDTH] */
  public ResNet18(int width) {
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException("resnet18: width must be in [1, " + MAX_WIDTH + "], got " + width);
    }
    this.width = width;
  }

  public int width() {
    return width;
  }

  @Override
  public Block build(Shape inputShape) {
    ResNetParts.requireImage("resnet18", inputShape, STAGES - 1);
    SequentialBlock net = new SequentialBlock().add(ResNetParts.stem(width));
    int in = width;
    for (int stage = 0; stage < STAGES; stage++) {
      int out = width << stage;
      for (int b = 0; b < BLOCKS_PER_STAGE; b++) {
        int stride = stage > 0 && b == 0 ? 2 : 1;
        net.add(ResNetParts.basicBlock(in, out, stride));
        in = out;
      }
    }
    return net.add(new GlobalAvgPool2d());
  }

  /** The convolution weights for a one-channel input (more channels add to the stem only). */
  @Override
  public long minimumParameters() {
    long total = 9L * width;
    long in = width;
    for (int stage = 0; stage < STAGES; stage++) {
      long out = (long) width << stage;
      for (int b = 0; b < BLOCKS_PER_STAGE; b++) {
        total += ResNetParts.basicBlockWeights(in, out, stage > 0 && b == 0 ? 2 : 1);
        in = out;
      }
    }
    return total;
  }

  @Override
  public long featureSize(Shape inputShape) {
    ResNetParts.requireImage("resnet18", inputShape, STAGES - 1);
    return (long) width << (STAGES - 1);
  }
}

package io.pretext.core.nn.encoders;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.nn.layers.MaxPool2d;
import io.pretext.api.spi.Encoder;

/**
 * ResNet-18 (He et al. 2016): a stem, then four stages of two basic blocks with w, 2w, 4w and 8w
 * channels (the first block of stages 2 to 4 has stride 2), then a global average pool to an 8w
 * feature vector. The standard network has w = 64 (512 features).
 *
 * <p>Two stems: {@link Stem#CIFAR}, the one used for small images (conv3x3 stride 1 + BN + ReLU,
 * no max pool; images of at least 9x9), and {@link Stem#IMAGENET}, the paper's (conv7x7 stride 2
 * + BN + ReLU + max pool 3x3 stride 2; images of at least 33x33). At 96x96 the ImageNet stem
 * computes the stages on 24x24 maps instead of 96x96: about 16 times less work and activation
 * memory per image, which is what makes ResNet-18 at 96x96 trainable on a CPU.
 */
public final class ResNet18 implements Encoder {
  private static final int STAGES = 4;
  private static final int BLOCKS_PER_STAGE = 2;
  /** The largest width accepted. */
  public static final int MAX_WIDTH = 4096;
  private final int width;
  private final Stem stem;

  /** The first layers, before the four stages. */
  public enum Stem {
    /** conv3x3 stride 1 + BN + ReLU: full resolution into stage 1 (small images, e.g. 32x32). */
    CIFAR(3, 1, 0),
    /** conv7x7 stride 2 + BN + ReLU + max pool 3x3 stride 2: a quarter of the resolution into stage 1. */
    IMAGENET(7, 2, 2);

    private final int kernel;
    private final int stride;
    private final int halvings;

    Stem(int kernel, int stride, int halvings) {
      this.kernel = kernel;
      this.stride = stride;
      this.halvings = halvings;
    }

    /** The config value, {@code cifar} or {@code imagenet}. */
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The CIFAR-style stem; @param width the channel count of the first stage, in [1, MAX_WIDTH] */
  public ResNet18(int width) {
    this(width, Stem.CIFAR);
  }

  /** @param width the channel count of the first stage (64 in the paper), in [1, MAX_WIDTH] */
  public ResNet18(int width, Stem stem) {
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException("resnet18: width must be in [1, " + MAX_WIDTH + "], got " + width);
    }
    this.width = width;
    this.stem = java.util.Objects.requireNonNull(stem, "stem");
  }

  public Stem stem() {
    return stem;
  }

  public int width() {
    return width;
  }

  @Override
  public Block build(Shape inputShape) {
    ResNetParts.requireImage("resnet18", inputShape, STAGES - 1 + stem.halvings);
    SequentialBlock net = new SequentialBlock().add(stem == Stem.CIFAR ? ResNetParts.stem(width)
        : new SequentialBlock().addAll(Layers.conv2d(width, stem.kernel, stem.stride, stem.kernel / 2, false),
            Layers.batchNorm(), Layers.relu(), new MaxPool2d(3, 2, 1)));
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
    long total = (long) stem.kernel * stem.kernel * width;
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
    ResNetParts.requireImage("resnet18", inputShape, STAGES - 1 + stem.halvings);
    return (long) width << (STAGES - 1);
  }
}

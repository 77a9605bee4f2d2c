package io.pretext.core.augment;

import java.util.Optional;
import io.pretext.api.data.ImageSize;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Mirrors the image left to right, in place (SimCLR, Chen et al. 2020, Appendix A; torchvision
 * {@code RandomHorizontalFlip}). Always flips: how often is the pipeline's {@code p} (0.5 in SimCLR).
 */
public final class HorizontalFlip implements Augmenter<Image> {

  /** Keeps the size. */
  @Override
  public Optional<ImageSize> outputSize(Optional<ImageSize> input) {
    return input;
  }

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public Image apply(Image image, RandomGenerator random) {
    float[] p = image.pixels();
    int w = image.width();
    int rows = image.channels() * image.height();
    for (int r = 0; r < rows; r++) {
      int i = r * w;
      int j = i + w - 1;
      while (i < j) {
        float t = p[i];
        p[i++] = p[j];
        p[j--] = t;
      }
    }
    return image;
  }

  /** {@code horizontal-flip}: no keys. */
  public static final class Factory implements PluginFactory<Augmenter<?>> {
    @Override
    public ConfigSchema schema() {
      return ConfigSchema.empty();
    }

    @Override
    public String description() {
      return "mirror left to right (SimCLR; torchvision RandomHorizontalFlip, its p set by the pipeline)";
    }

    @Override
    public Augmenter<?> create(ConfigNode config) {
      return new HorizontalFlip();
    }
  }
}

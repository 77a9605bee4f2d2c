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
 * Converts an RGB image to gray, kept in 3 equal channels, in place, with ITU-R 601-2 luma
 * weights {@code 0.2989 R + 0.587 G + 0.114 B} (SimCLR, Chen et al. 2020, Appendix A; torchvision
 * {@code RandomGrayscale}, whose probability is the pipeline's {@code p}). Images that do not have
 * exactly 3 channels are returned unchanged.
 */
public final class Grayscale implements Augmenter<Image> {

  /** ITU-R 601-2 luma, as torchvision's {@code rgb_to_grayscale}. */
  static float luma(float r, float g, float b) {
    return 0.2989f * r + 0.587f * g + 0.114f * b;
  }

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
    if (image.channels() != 3) {
      return image;
    }
    float[] p = image.pixels();
    int n = image.height() * image.width();
    for (int i = 0; i < n; i++) {
      float y = luma(p[i], p[n + i], p[2 * n + i]);
      p[i] = y;
      p[n + i] = y;
      p[2 * n + i] = y;
    }
    return image;
  }

  /** {@code random-grayscale}: no keys. */
  public static final class Factory implements PluginFactory<Augmenter<?>> {
    @Override
    public ConfigSchema schema() {
      return ConfigSchema.empty();
    }

    @Override
    public String description() {
      return "RGB to gray in 3 channels, ITU-R 601 luma (SimCLR; torchvision RandomGrayscale, its p set by the pipeline)";
    }

    @Override
    public Augmenter<?> create(ConfigNode config) {
      return new Grayscale();
    }
  }
}

package io.pretext.core.augment;

import java.util.Optional;
import io.pretext.api.data.ImageSize;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Inverts every value at or above a threshold: {@code x >= t ? 1 - x : x}, in place (torchvision
 * {@code RandomSolarize} on [0, 1] floats; used in BYOL's view augmentations, Grill et al. 2020,
 * and in SimCLR v2's follow-ups). Deterministic given the threshold.
 */
public final class Solarize implements Augmenter<Image> {
  private final float threshold;

  /** @param threshold in [0, 1] */
  public Solarize(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("solarize threshold must be in [0, 1], got " + threshold);
    }
    this.threshold = (float) threshold;
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
    float[] p = image.pixels();
    for (int i = 0; i < p.length; i++) {
      if (p[i] >= threshold) {
        p[i] = 1f - p[i];
      }
    }
    return image;
  }

  /** {@code solarize}: key threshold (default 0.5). */
  public static final class Factory implements PluginFactory<Augmenter<?>> {
    @Override
    public ConfigSchema schema() {
      return ConfigSchema.builder()
          .optional("threshold", ValueType.probability(), 0.5, "values >= threshold become 1 - value")
          .build();
    }

    @Override
    public String description() {
      return "invert values at or above a threshold (torchvision RandomSolarize, its p set by the pipeline)";
    }

    @Override
    public Augmenter<?> create(ConfigNode config) {
      return new Solarize(config.getDouble("threshold"));
    }
  }
}

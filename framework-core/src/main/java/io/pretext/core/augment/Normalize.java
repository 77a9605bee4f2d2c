package io.pretext.core.augment;

import java.util.Optional;
import io.pretext.api.data.ImageSize;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Augmenter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code x = (x - mean[c]) / std[c]} per channel, in place (torchvision {@code Normalize}); the last
 * step of SimCLR's input pipeline. One value of mean and std applies to every channel, otherwise
 * there must be one per channel. E.g. Fashion-MNIST: mean 0.2860, std 0.3530.
 */
public final class Normalize implements Augmenter<Image> {
  private final float[] mean;
  private final float[] std;

  /**
   * @param mean one value, or one per channel
   * @param std one value > 0, or one per channel; as many as mean, or one
   */
  public Normalize(double[] mean, double[] std) {
    if (mean.length == 0 || std.length == 0) {
      throw new IllegalArgumentException("normalize needs at least one mean and one std value");
    }
    if (mean.length != std.length && mean.length != 1 && std.length != 1) {
      throw new IllegalArgumentException("normalize mean and std must have the same length (or one of them one value), got "
          + mean.length + " and " + std.length);
    }
    int n = Math.max(mean.length, std.length);
    this.mean = new float[n];
    this.std = new float[n];
    for (int i = 0; i < n; i++) {
      double m = mean[mean.length == 1 ? 0 : i];
      double s = std[std.length == 1 ? 0 : i];
      if (!Double.isFinite(m)) {
        throw new IllegalArgumentException("normalize mean must be finite, got " + m);
      }
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("normalize std must be > 0, got " + s);
      }
      this.mean[i] = (float) m;
      this.std[i] = (float) s;
    }
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
    int channels = image.channels();
    if (mean.length != 1 && mean.length != channels) {
      throw new IllegalArgumentException("normalize has " + mean.length + " mean/std values but the image has "
          + channels + " channels; give one value or one per channel");
    }
    float[] p = image.pixels();
    int n = image.height() * image.width();
    for (int c = 0; c < channels; c++) {
      float m = mean[mean.length == 1 ? 0 : c];
      float s = std[std.length == 1 ? 0 : c];
      for (int i = c * n, end = i + n; i < end; i++) {
        p[i] = (p[i] - m) / s;
      }
    }
    return image;
  }

  /** {@code normalize}: keys mean, std (required). */
  public static final class Factory implements PluginFactory<Augmenter<?>> {
    @Override
    public ConfigSchema schema() {
      return ConfigSchema.builder()
          .required("mean", ValueType.listOf(ValueType.real(-Double.MAX_VALUE, false, Double.MAX_VALUE, false)),
              "one value for all channels or one per channel, e.g. 0.2860 for Fashion-MNIST")
          .required("std", ValueType.listOf(ValueType.positiveReal()),
              "one value > 0 for all channels or one per channel, e.g. 0.3530 for Fashion-MNIST")
          .build();
    }

    @Override
    public String description() {
      return "(x - mean) / std per channel (torchvision Normalize)";
    }

    @Override
    public Augmenter<?> create(ConfigNode config) {
      List<Double> mean = config.getDoubleList("mean");
      List<Double> std = config.getDoubleList("std");
      if (mean.isEmpty()) {
        throw ConfigException.at(config.pathOf("mean"), "needs at least one value");
      }
      if (std.isEmpty()) {
        throw ConfigException.at(config.pathOf("std"), "needs at least one value");
      }
      for (double s : std) {
        if (!(s > 0)) {
          throw ConfigException.at(config.pathOf("std"), "every value must be > 0, got " + std);
        }
      }
      if (mean.size() != std.size() && mean.size() != 1 && std.size() != 1) {
        throw ConfigException.at(config.pathOf("std"), "has " + std.size() + " values but mean has " + mean.size()
            + "; give as many, or one value");
      }
      return new Normalize(mean.stream().mapToDouble(Double::doubleValue).toArray(),
          std.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }
}

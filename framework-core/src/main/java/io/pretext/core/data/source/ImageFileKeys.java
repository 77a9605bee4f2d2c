package io.pretext.core.data.source;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.spi.Augmenter;
import io.pretext.core.augment.Resize;
import io.pretext.core.data.image.ImageDecoder;
import java.util.Optional;

/** The keys and pieces that every source of encoded image files shares: output size, channels, decoding. */
final class ImageFileKeys {
  private ImageFileKeys() {}

  /** Adds size, height, width, channels, skip-bad-images and max-pixels. */
  static ConfigSchema.Builder decodingKeys(ConfigSchema.Builder b) {
    return b.optionalNoDefault("size", ValueType.integer(1, 4096), "side of the square the encoder takes (sets height and width)")
        .optional("height", ValueType.integer(1, 4096), 32, "height the encoder takes: what the augmentation leaves is resized to it")
        .optional("width", ValueType.integer(1, 4096), 32, "width the encoder takes: what the augmentation leaves is resized to it")
        .optional("channels", ValueType.integer(1, 3), 3, "1 = gray, 3 = RGB (images are converted)")
        .optional("skip-bad-images", ValueType.bool(), false, "skip and count images that do not decode instead of failing")
        .optional("max-pixels", ValueType.integer(1, (int) ImageDecoder.MAX_PIXELS_CAP), (int) ImageDecoder.DEFAULT_MAX_PIXELS,
            "images whose header declares more pixels (width x height) are refused before decoding");
  }

  /** The decoder for {@code channels} and {@code max-pixels}. */
  static ImageDecoder decoder(ConfigNode config) {
    int channels = config.getInt("channels", 3);
    if (channels != 1 && channels != 3) {
      throw ConfigException.at(config.pathOf("channels"), "expected 1 (gray) or 3 (RGB), got " + channels);
    }
    return new ImageDecoder(channels, config.getInt("max-pixels", (int) ImageDecoder.DEFAULT_MAX_PIXELS));
  }

  /** The data source's fit step: a resize to {@code size} (or height × width) after the augmentation. */
  static Optional<Augmenter<?>> fitStep(ConfigNode config) {
    int height = config.has("size") ? config.getInt("size", 32) : config.getInt("height", 32);
    int width = config.has("size") ? config.getInt("size", 32) : config.getInt("width", 32);
    return Optional.of(Resize.to(height, width));
  }
}

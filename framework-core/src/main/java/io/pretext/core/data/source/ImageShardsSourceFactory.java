package io.pretext.core.data.source;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.DataSource;
import io.pretext.api.spi.Augmenter;
import io.pretext.core.augment.Resize;
import io.pretext.core.data.image.ImageDecoder;
import io.pretext.core.data.shard.TarShardDataset;
import io.pretext.core.data.shard.TarShardIndex;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code image-shards} data source: PNG/JPEG images in WebDataset-style tar shards
 * ({@code key.jpg}/{@code key.png}, optional {@code key.cls} label), streamed shard by shard through
 * a seeded shuffle buffer; see {@link TarShardDataset}. Images are decoded on the batch workers at
 * their own size; as with {@code image-folder}, the {@link DataSource#fitStep() fit step} resizes what
 * the augmentation leaves to {@code size} (or height × width).
 */
public final class ImageShardsSourceFactory implements PluginFactory<DataSource> {

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .required("path", ValueType.string(), "folder of the training shards (*.tar), or one tar file")
        .optionalNoDefault("test-path", ValueType.string(), "folder of the test shards (same classes)")
        .optionalNoDefault("size", ValueType.integer(1, 4096), "side of the square the encoder takes (sets height and width)")
        .optional("height", ValueType.integer(1, 4096), 32, "height the encoder takes: what the augmentation leaves is resized to it")
        .optional("width", ValueType.integer(1, 4096), 32, "width the encoder takes: what the augmentation leaves is resized to it")
        .optional("channels", ValueType.integer(1, 3), 3, "1 = gray, 3 = RGB (images are converted)")
        .optional("shuffle-buffer", ValueType.integer(0, 1_000_000), 1000,
            "encoded images held to shuffle the stream (0: shard order only)")
        .optional("skip-bad-images", ValueType.bool(), false, "skip and count images that do not decode instead of failing")
        .optional("max-pixels", ValueType.integer(1, (int) ImageDecoder.MAX_PIXELS_CAP), (int) ImageDecoder.DEFAULT_MAX_PIXELS,
            "images whose header declares more pixels (width x height) are refused before decoding")
        .build();
  }

  @Override
  public String description() {
    return "PNG/JPEG images in WebDataset-style tar shards, streamed with a seeded shuffle buffer";
  }

  @Override
  public DataSource create(ConfigNode config) {
    int channels = config.getInt("channels", 3);
    if (channels != 1 && channels != 3) {
      throw ConfigException.at(config.pathOf("channels"), "expected 1 (gray) or 3 (RGB), got " + channels);
    }
    int height = config.has("size") ? config.getInt("size", 32) : config.getInt("height", 32);
    int width = config.has("size") ? config.getInt("size", 32) : config.getInt("width", 32);
    ImageDecoder decoder = new ImageDecoder(channels, config.getInt("max-pixels", (int) ImageDecoder.DEFAULT_MAX_PIXELS));
    Optional<Augmenter<?>> fit = Optional.of(Resize.to(height, width));
    int buffer = config.getInt("shuffle-buffer", 1000);
    boolean skip = config.getBoolean("skip-bad-images", false);
    Path path = Path.of(config.getString("path"));
    Path testPath = config.has("test-path") ? Path.of(config.getString("test-path")) : null;
    return new LoadingDataSource(Image.class, () -> {
      TarShardIndex trainIndex = TarShardIndex.scan(path);
      TarShardDataset train = new TarShardDataset(trainIndex, decoder, buffer, skip);
      Optional<Dataset<Image>> test = testPath == null ? Optional.empty()
          : Optional.of(new TarShardDataset(TarShardIndex.scan(testPath, trainIndex.labeled()
              ? trainIndex.classNames() : null), decoder, buffer, skip));
      return new DataSplits<>(train, test);
    }, fit);
  }
}

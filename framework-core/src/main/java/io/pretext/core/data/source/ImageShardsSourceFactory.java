package io.pretext.core.data.source;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.DataSource;
import io.pretext.api.spi.Augmenter;
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
    ConfigSchema.Builder b = ConfigSchema.builder()
        .required("path", ValueType.string(), "folder of the training shards (*.tar), or one tar file")
        .optionalNoDefault("test-path", ValueType.string(), "folder of the test shards (same classes)")
        .optional("shuffle-buffer", ValueType.integer(0, 1_000_000), 1000,
            "encoded images held to shuffle the stream (0: shard order only)");
    return ImageFileKeys.decodingKeys(b).build();
  }

  @Override
  public String description() {
    return "PNG/JPEG images in WebDataset-style tar shards, streamed with a seeded shuffle buffer";
  }

  @Override
  public DataSource create(ConfigNode config) {
    ImageDecoder decoder = ImageFileKeys.decoder(config);
    Optional<Augmenter<?>> fit = ImageFileKeys.fitStep(config);
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

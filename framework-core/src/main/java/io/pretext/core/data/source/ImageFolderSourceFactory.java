package io.pretext.core.data.source;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.data.ImageDataset;
import io.pretext.core.data.ImageFolderReader;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.DataSource;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code image-folder} data source: PNG/JPEG files, one subfolder per class or a flat folder. */
public final class ImageFolderSourceFactory implements PluginFactory<DataSource> {

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .required("path", ValueType.string(), "folder of the training images")
        .optionalNoDefault("test-path", ValueType.string(), "folder of the test images (same layout)")
        .optional("height", ValueType.integer(1, 4096), 32, "height images are resized to")
        .optional("width", ValueType.integer(1, 4096), 32, "width images are resized to")
        .optional("channels", ValueType.integer(1, 3), 3, "1 = gray, 3 = RGB (images are converted)")
        .optional("labeled", ValueType.bool(), true, "one subfolder per class (true) or a flat folder (false)")
        .optional("skip-bad-images", ValueType.bool(), false, "skip and count images that do not decode instead of failing")
        .optional("max-pixels", ValueType.integer(1, Integer.MAX_VALUE), ImageFolderReader.DEFAULT_MAX_PIXELS,
            "the most pixels an image file may declare in its header (a decompression-bomb guard)")
        .build();
  }

  @Override
  public String description() {
    return "PNG/JPEG images from a folder (class subfolders or flat), resized and converted to gray or RGB";
  }

  @Override
  public DataSource create(ConfigNode config) {
    int channels = config.getInt("channels", 3);
    if (channels != 1 && channels != 3) {
      throw ConfigException.at(config.pathOf("channels"), "expected 1 (gray) or 3 (RGB), got " + channels);
    }
    ImageFolderReader.Options options = new ImageFolderReader.Options(config.getInt("height", 32),
        config.getInt("width", 32), channels, config.getBoolean("labeled", true),
        config.getBoolean("skip-bad-images", false), config.getLong("max-pixels"));
    Path path = Path.of(config.getString("path"));
    Path testPath = config.has("test-path") ? Path.of(config.getString("test-path")) : null;
    return new LoadingDataSource(Image.class, () -> {
      ImageFolderReader reader = new ImageFolderReader(options);
      ImageDataset train = reader.read(path).dataset();
      Optional<Dataset<Image>> test = testPath == null ? Optional.empty()
          : Optional.of(reader.read(testPath, options.labeled() ? train.classNames() : null).dataset());
      return new DataSplits<>(train, test);
    });
  }
}

package io.pretext.core.data.source;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Augmenter;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.DataSource;
import com.google.inject.Inject;
import io.pretext.core.data.image.FolderIndex;
import io.pretext.core.data.image.ImageDecoder;
import io.pretext.core.data.image.ImageFileDataset;
import io.pretext.core.data.image.IndexCache;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code image-folder} data source: PNG/JPEG files, one subfolder per class or a flat folder
 * (subfolders included). The folder becomes a cached {@link FolderIndex} of files; each image is
 * decoded when a batch worker asks for it, at its own size, so memory does not grow with the
 * number of images. Its {@link #fitStep} resizes what the augmentation leaves to {@code size}
 * (or height × width), a no-op after a crop to that size.
 */
public final class ImageFolderSourceFactory implements PluginFactory<DataSource> {
  private final Path defaultIndexCache;

  @Inject
  public ImageFolderSourceFactory(RuntimeSettings settings) {
    this.defaultIndexCache = settings.dataCache().resolve("image-index");
  }

  @Override
  public ConfigSchema schema() {
    ConfigSchema.Builder b = ConfigSchema.builder()
        .required("path", ValueType.string(), "folder of the training images")
        .optionalNoDefault("test-path", ValueType.string(), "folder of the test images (same layout)")
        .optional("labeled", ValueType.bool(), true, "one subfolder per class (true) or a flat folder (false)")
        .optionalNoDefault("index-cache", ValueType.string(),
            "folder for the cached file index (default image-index/ in the data cache)");
    return ImageFileKeys.decodingKeys(b).build();
  }

  @Override
  public String description() {
    return "PNG/JPEG images from a folder (class subfolders or flat), indexed once and decoded on the batch workers"
        + " at their own size, then resized to size (after the augmentation) and converted to gray or RGB";
  }

  @Override
  public DataSource create(ConfigNode config) {
    boolean labeled = config.getBoolean("labeled", true);
    boolean skip = config.getBoolean("skip-bad-images", false);
    ImageDecoder decoder = ImageFileKeys.decoder(config);
    IndexCache cache = new IndexCache(config.has("index-cache") ? Path.of(config.getString("index-cache"))
        : defaultIndexCache);
    Path path = Path.of(config.getString("path"));
    Path testPath = config.has("test-path") ? Path.of(config.getString("test-path")) : null;
    Optional<Augmenter<?>> fit = ImageFileKeys.fitStep(config);
    return new LoadingDataSource(Image.class, () -> {
      FolderIndex trainIndex = cache.index(path, labeled, null, skip).index();
      ImageFileDataset train = new ImageFileDataset(trainIndex, decoder, skip);
      Optional<Dataset<Image>> test = testPath == null ? Optional.empty() : Optional.of(new ImageFileDataset(
          cache.index(testPath, labeled, labeled ? trainIndex.classNames() : null, skip).index(), decoder, skip));
      return new DataSplits<>(train, test);
    }, fit);
  }
}

package io.pretext.core.data.source;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.ImageDataset;
import io.pretext.core.data.IdxReader;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code idx} data source: gray images (and optional labels) from IDX files, plain or gzip-compressed. */
public final class IdxSourceFactory implements PluginFactory<DataSource> {

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .required("train-images", ValueType.string(), "IDX image file of the training split")
        .optionalNoDefault("train-labels", ValueType.string(), "IDX label file of the training split")
        .optionalNoDefault("test-images", ValueType.string(), "IDX image file of the test split")
        .optionalNoDefault("test-labels", ValueType.string(), "IDX label file of the test split")
        .optionalNoDefault("class-names", ValueType.listOf(ValueType.string()), "class names in label order (default 0, 1, ...)")
        .optional("max-bytes", ValueType.integer(1, Integer.MAX_VALUE - 16), IdxReader.DEFAULT_MAX_BYTES,
            "the most bytes of data one IDX file may declare; checked before allocating")
        .build();
  }

  @Override
  public String description() {
    return "images from IDX files (the MNIST format), plain or .gz";
  }

  @Override
  public DataSource create(ConfigNode config) {
    Path trainImages = Path.of(config.getString("train-images"));
    Path trainLabels = config.has("train-labels") ? Path.of(config.getString("train-labels")) : null;
    Path testImages = config.has("test-images") ? Path.of(config.getString("test-images")) : null;
    Path testLabels = config.has("test-labels") ? Path.of(config.getString("test-labels")) : null;
    List<String> names = config.has("class-names") ? config.getStringList("class-names") : List.of();
    long maxBytes = config.getLong("max-bytes");
    return new LoadingDataSource(Image.class, () -> {
      IdxReader idx = new IdxReader(maxBytes);
      ImageDataset train = idx.read(trainImages, trainLabels, names);
      List<String> testNames = names.isEmpty() ? train.classNames() : names;
      Optional<Dataset<Image>> test = Optional.empty();
      if (testImages != null) {
        ImageDataset t = idx.read(testImages, testLabels, testNames);
        ImageDataset tr = train;
        if (t.height() != tr.height() || t.width() != tr.width()) {
          throw new DataException(testImages, "holds " + t.height() + "x" + t.width()
              + " images but the training split " + trainImages + " holds " + tr.height() + "x" + tr.width()
              + "; both splits must have the same image size (are they from the same data set?)");
        }
        test = Optional.of(t);
      }
      return new DataSplits<>(train, test);
    });
  }
}

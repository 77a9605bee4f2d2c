package io.pretext.core.data.source;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.core.data.IdxReader;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Image;
import io.pretext.api.data.ImageSize;
import io.pretext.api.data.ImageDataset;
import io.pretext.api.data.Splits;
import io.pretext.core.data.fetch.DataFetcher;
import io.pretext.core.data.fetch.FetchResult;
import io.pretext.core.data.fetch.IdxLayout;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.DataSource;
import java.util.Optional;

/** Shared base of the IDX image data sets from the catalog ({@code fashion-mnist}, {@code mnist}). */
abstract class CatalogImageSourceFactory implements PluginFactory<DataSource> {
  private final String dataset;
  private final DataFetcher fetcher;

  CatalogImageSourceFactory(String dataset, DataFetcher fetcher) {
    this.dataset = dataset;
    this.fetcher = fetcher;
  }

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .optional("split-test", ValueType.bool(), true, "also provide the official 10000-image test split")
        .optional("limit", ValueType.nonNegativeInt(), 0, "use only the first N training images (0 = all), for quick runs")
        .optional("test-limit", ValueType.nonNegativeInt(), 0, "use only the first N test images (0 = all)")
        .optional("fetch", ValueType.bool(), true, "fetch the data set into the cache on first use")
        .build();
  }

  @Override
  public String description() {
    return fetcher.catalog().get(dataset).description();
  }

  @Override
  public DataSource create(ConfigNode config) {
    boolean splitTest = config.getBoolean("split-test", true);
    int limit = config.getInt("limit", 0);
    int testLimit = config.getInt("test-limit", 0);
    boolean fetch = config.getBoolean("fetch", true);
    Optional<ImageSize> size = fetcher.catalog().get(dataset).images().flatMap(IdxLayout::imageSize);
    return new LoadingDataSource(Image.class, () -> load(splitTest, limit, testLimit, fetch), Optional.empty(), size);
  }

  private DataSplits<Image> load(boolean splitTest, int limit, int testLimit, boolean fetch) {
    FetchResult files = CatalogAccess.files(fetcher, dataset, fetch);
    IdxLayout layout = fetcher.catalog().get(dataset).images().orElseThrow();
    IdxReader idx = new IdxReader();
    ImageDataset train = idx.read(files.file(layout.trainImages()), files.file(layout.trainLabels()), layout.classNames());
    if (layout.imageSize().isPresent() && !layout.imageSize().get().equals(new ImageSize(train.height(), train.width()))) {
      throw new DataException(files.file(layout.trainImages()), "holds " + train.height() + "x" + train.width()
          + " images but " + dataset + " has " + layout.imageSize().get() + " images; the cached copy is not "
          + dataset + ": remove it from the data cache so that it is fetched again");
    }
    Optional<Dataset<Image>> test = Optional.empty();
    if (splitTest) {
      test = Optional.of(Splits.limit(idx.read(files.file(layout.testImages()), files.file(layout.testLabels()),
          layout.classNames()), testLimit));
    }
    return new DataSplits<>(Splits.limit(train, limit), test);
  }
}

package io.pretext.api.data.source;

import com.google.inject.Inject;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.data.Splits;
import io.pretext.api.data.SotuReader;
import io.pretext.api.data.fetch.DataFetcher;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.DataSource;

/** The {@code sotu} data source: State of the Union addresses, one text per speech, labeled by party. */
public final class SotuSourceFactory implements PluginFactory<DataSource> {
  private final DataFetcher fetcher;
  private final long seed;

  @Inject
  public SotuSourceFactory(RuntimeSettings settings) {
    this(DataFetcher.forSettings(settings), settings.seed());
  }

  public SotuSourceFactory(DataFetcher fetcher, long seed) {
    this.fetcher = fetcher;
    this.seed = seed;
  }

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .optional("test-fraction", ValueType.real(0, false, 1, true), 0.0, "fraction of speeches held out as the test split (seeded)")
        .optional("fetch", ValueType.bool(), true, "fetch the data set into the cache on first use")
        .build();
  }

  @Override
  public String description() {
    return "US State of the Union addresses (233 speeches, 1790-2021), labeled by party";
  }

  @Override
  public DataSource create(ConfigNode config) {
    double fraction = config.getDouble("test-fraction", 0.0);
    boolean fetch = config.getBoolean("fetch", true);
    return new LoadingDataSource(String.class, () -> Splits.holdOut(
        new SotuReader().read(CatalogAccess.files(fetcher, "sotu", fetch).folder()), fraction, seed));
  }
}

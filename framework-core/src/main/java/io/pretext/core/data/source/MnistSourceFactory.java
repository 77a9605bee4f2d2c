package io.pretext.core.data.source;

import com.google.inject.Inject;
import io.pretext.core.data.fetch.DataFetcher;
import io.pretext.api.runtime.RuntimeSettings;

/** The {@code mnist} data source: the catalog's mnist IDX files, fetched into the run's data cache. */
public final class MnistSourceFactory extends CatalogImageSourceFactory {

  @Inject
  public MnistSourceFactory(RuntimeSettings settings) {
    this(DataFetcher.forSettings(settings));
  }

  /** With a given fetcher (tests, or a custom catalog). */
  public MnistSourceFactory(DataFetcher fetcher) {
    super("mnist", fetcher);
  }
}

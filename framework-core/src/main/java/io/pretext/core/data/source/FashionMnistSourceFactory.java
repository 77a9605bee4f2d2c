package io.pretext.core.data.source;

import com.google.inject.Inject;
import io.pretext.core.data.fetch.DataFetcher;
import io.pretext.api.runtime.RuntimeSettings;

/** The {@code fashion-mnist} data source: the catalog's fashion-mnist IDX files, fetched into the run's data cache. */
public final class FashionMnistSourceFactory extends CatalogImageSourceFactory {

  @Inject
  public FashionMnistSourceFactory(RuntimeSettings settings) {
    this(DataFetcher.forSettings(settings));
  }

  /** With a given fetcher (tests, or a custom catalog). */
  public FashionMnistSourceFactory(DataFetcher fetcher) {
    super("fashion-mnist", fetcher);
  }
}

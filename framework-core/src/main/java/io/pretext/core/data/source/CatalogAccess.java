package io.pretext.core.data.source;

import io.pretext.api.data.DataException;
import io.pretext.core.data.fetch.DataFetcher;
import io.pretext.core.data.fetch.FetchResult;

/** Gets a catalog data set's verified files, fetching them only when the config allows it. */
final class CatalogAccess {
  private CatalogAccess() {}

  static FetchResult files(DataFetcher fetcher, String name, boolean fetch) {
    if (fetch) {
      return fetcher.fetch(name);
    }
    return fetcher.cached(name).orElseThrow(() -> new DataException(fetcher.folderOf(name), "data set " + name
        + " is not in the cache; run 'pretext fetch " + name + "' first or set fetch: true"));
  }
}

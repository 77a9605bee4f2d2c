package io.pretext.api.spi;

import io.pretext.api.data.DataSplits;

/**
 * A plugin that provides a run's data: the {@code data} section names one, e.g. {@code
 * fashion-mnist} or {@code image-folder}. Loading may fetch a named data set into the cache.
 * Bad data fails with a {@link io.pretext.api.data.DataException} naming the file.
 */
public interface DataSource {

  /** The type of the samples it provides ({@code Image.class}, {@code String.class}). */
  Class<?> sampleType();

  /** Reads (and if needed fetches) the data. */
  DataSplits<?> load();
}

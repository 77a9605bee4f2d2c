package io.pretext.core.data.source;

import io.pretext.api.data.ImageSize;
import io.pretext.api.data.DataSplits;
import io.pretext.api.spi.DataSource;
import io.pretext.api.spi.Augmenter;
import java.util.Optional;
import java.util.function.Supplier;

/** A data source that loads its splits once, on the first {@link #load()}, and then hands out the same splits. */
public final class LoadingDataSource implements DataSource {
  private final Class<?> sampleType;
  private final Supplier<? extends DataSplits<?>> loader;
  private final Optional<Augmenter<?>> fit;
  private final Optional<ImageSize> imageSize;
  private DataSplits<?> loaded;

  public LoadingDataSource(Class<?> sampleType, Supplier<? extends DataSplits<?>> loader) {
    this(sampleType, loader, Optional.empty(), Optional.empty());
  }

  /** With a {@link DataSource#fitStep()}. */
  public LoadingDataSource(Class<?> sampleType, Supplier<? extends DataSplits<?>> loader, Optional<Augmenter<?>> fit) {
    this(sampleType, loader, fit, Optional.empty());
  }

  /** With a {@link DataSource#fitStep()} and the {@link DataSource#imageSize()} known before loading. */
  public LoadingDataSource(Class<?> sampleType, Supplier<? extends DataSplits<?>> loader, Optional<Augmenter<?>> fit,
      Optional<ImageSize> imageSize) {
    this.sampleType = sampleType;
    this.loader = loader;
    this.fit = fit;
    this.imageSize = imageSize;
  }

  @Override
  public Optional<ImageSize> imageSize() {
    return imageSize;
  }

  @Override
  public Optional<Augmenter<?>> fitStep() {
    return fit;
  }

  @Override
  public Class<?> sampleType() {
    return sampleType;
  }

  @Override
  public synchronized DataSplits<?> load() {
    if (loaded == null) {
      loaded = loader.get();
    }
    return loaded;
  }
}

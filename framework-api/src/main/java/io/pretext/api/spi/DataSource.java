package io.pretext.api.spi;

import io.pretext.api.data.DataSplits;
import io.pretext.api.data.ImageSize;
import java.util.Optional;

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

  /**
   * A last step that brings every sample to the one shape the encoder takes, appended to the
   * run's {@code augment} and {@code downstream.preprocess} pipelines: e.g. a resize to the
   * configured size for images read at their own sizes, a no-op for an image already that size
   * (so a crop to that size earlier in the pipeline decides). Empty (the default) when the
   * samples already share one shape.
   */
  default Optional<Augmenter<?>> fitStep() {
    return Optional.empty();
  }

  /**
   * The size of every image it gives, when it is known before loading (e.g. 28×28 for a catalog
   * data set); empty (the default) when unknown, when the samples are not images, or when images
   * come at their own sizes (then the {@link #fitStep()} decides the size the task receives).
   */
  default Optional<ImageSize> imageSize() {
    return Optional.empty();
  }
}

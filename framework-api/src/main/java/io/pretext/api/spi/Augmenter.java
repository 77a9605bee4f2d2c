package io.pretext.api.spi;

import io.pretext.api.data.ImageSize;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A per-sample random transformation, e.g. a random crop or token masking. The {@code augment}
 * list of a run names them in order; the framework applies each with its probability {@code p}
 * (a key every augmenter accepts) and hands it a seeded generator, so the same seed gives the
 * same output. Implementations hold no mutable state: they run on several threads at once.
 *
 * @param <S> the sample type it transforms
 */
public interface Augmenter<S> {

  /** The sample type it accepts and returns. */
  Class<S> sampleType();

  /** Returns the transformed sample; may modify and return {@code sample} itself. */
  S apply(S sample, RandomGenerator random);

  /**
   * The size of its output image given its input's, for the run's checks: the input itself for an
   * augmenter that keeps the size, a fixed size for a resize or crop to one. Empty (the default)
   * when unknown, which only turns off the checks that need the size.
   *
   * @param input the size of the image it receives, empty when unknown
   */
  default Optional<ImageSize> outputSize(Optional<ImageSize> input) {
    return Optional.empty();
  }
}

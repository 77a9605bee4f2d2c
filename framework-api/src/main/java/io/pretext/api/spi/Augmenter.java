package io.pretext.api.spi;

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
}

package io.pretext.api.data;

import java.util.Objects;
import java.util.Optional;

/**
 * What a data source provides: a training split (used unlabeled for pretraining, and as the pool
 * that labeled subsets are drawn from when it has labels) and an optional held-out test split.
 */
public record DataSplits<S>(Dataset<S> train, Optional<Dataset<S>> test) {

  public DataSplits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (test.isPresent() && test.get().sampleType() != train.sampleType()) {
      throw new IllegalArgumentException("train and test splits hold different sample types");
    }
  }

  public Class<S> sampleType() {
    return train.sampleType();
  }
}

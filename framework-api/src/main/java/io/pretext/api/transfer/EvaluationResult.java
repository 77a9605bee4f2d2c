package io.pretext.api.transfer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluator measured on one label budget.
 *
 * @param accuracy test accuracy in [0, 1]
 * @param trainSeconds time spent fitting (feature extraction of the labeled subset, training, CV)
 * @param testSeconds time spent scoring the test set
 * @param extras other values worth reporting, JSON-able (numbers, strings, booleans), e.g. the chosen L2
 * @param classifier the fitted classifier on the pretrained encoder's features, when the evaluator
 *     has one that can follow the encoder in an exported model (the linear probe)
 */
public record EvaluationResult(double accuracy, double trainSeconds, double testSeconds, Map<String, Object> extras,
    Optional<LinearClassifier> classifier) {

  public EvaluationResult {
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
    }
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    Objects.requireNonNull(classifier, "classifier");
  }

  /** A result without a classifier to export. */
  public EvaluationResult(double accuracy, double trainSeconds, double testSeconds, Map<String, Object> extras) {
    this(accuracy, trainSeconds, testSeconds, extras, Optional.empty());
  }
}

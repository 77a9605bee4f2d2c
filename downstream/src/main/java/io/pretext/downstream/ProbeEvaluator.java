package io.pretext.downstream;

import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.transfer.EvaluationResult;
import io.pretext.api.transfer.LabeledTask;
import io.pretext.api.transfer.LinearClassifier;
import io.pretext.api.transfer.TransferContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A linear probe on frozen features (linear evaluation protocol of SimCLR, Chen et al. 2020): the
 * pretrained encoder's ({@code linear-probe}), a random-init encoder's ({@code random-init-probe},
 * the no-pretraining control) or the standardized raw inputs ({@code raw-pixels-logreg}).
 */
public final class ProbeEvaluator implements DownstreamEvaluator {
  private final String method;
  private final FeatureSource source;
  private final ProbeSettings settings;
  private final int batchSize;

  ProbeEvaluator(String method, FeatureSource source, ProbeSettings settings, int batchSize) {
    this.method = method;
    this.source = source;
    this.settings = settings;
    this.batchSize = batchSize;
  }

  @Override
  public String method() {
    return method;
  }

  FeatureSource source() {
    return source;
  }

  @Override
  public EvaluationResult evaluate(TransferContext context, LabeledTask task) {
    long t0 = System.nanoTime();
    FeatureMatrix[] features = source.trainAndTest(context, task, batchSize);
    long t1 = System.nanoTime();
    try (Parallel parallel = new Parallel(context.threads())) {
      LinearProbe.Model model = new LinearProbe(settings, context.seeds()).fit(features[0], parallel);
      long t2 = System.nanoTime();
      double accuracy = Accuracy.of(model.predict(features[1]), features[1].labels());
      long t3 = System.nanoTime();
      Map<String, Object> extras = new LinkedHashMap<>();
      extras.put("l2", model.l2());
      extras.put("iterations", model.fit().iterations());
      extras.put("converged", model.fit().converged());
      extras.put("stalled", model.fit().stalled());
      extras.put("gradient_max", model.fit().gradientMax());
      extras.put("feature_seconds", (t1 - t0) / 1e9);
      extras.put("features", features[0].cols());
      model.cvAccuracy().forEach((l2, acc) -> extras.put("cv_accuracy_l2_" + l2, acc));
      Optional<LinearClassifier> classifier = source == FeatureSource.PRETRAINED
          ? Optional.of(model.classifier(task.labeled().classNames())) : Optional.empty();
      return new EvaluationResult(accuracy, (t2 - t0) / 1e9, (t3 - t2) / 1e9, extras, classifier);
    }
  }

  /** The keys of the probe evaluators, plus {@code batch-size} for feature extraction. */
  static ConfigSchema schema() {
    return ProbeSettings.schema()
        .optional("batch-size", ValueType.integer(1, 65_536), 256, "samples per feature-extraction batch")
        .build();
  }

  /** Shared by the three probe factories. */
  abstract static class Factory extends EvaluatorFactory {
    Factory(String method, FeatureSource source, String description) {
      super(ProbeEvaluator.schema(), description,
          c -> new ProbeEvaluator(method, source, ProbeSettings.from(c), c.getInt("batch-size", 256)));
    }
  }

  /** {@code linear-probe}. */
  public static final class LinearProbeFactory extends Factory {
    public LinearProbeFactory() {
      super("linear probe", FeatureSource.PRETRAINED,
          "logistic regression on frozen pretrained features, L2 by cross-validation (SimCLR linear evaluation)");
    }
  }

  /** {@code random-init-probe}. */
  public static final class RandomInitProbeFactory extends Factory {
    public RandomInitProbeFactory() {
      super("linear probe, random-init encoder", FeatureSource.RANDOM_INIT,
          "logistic regression on a frozen randomly initialized encoder: the no-pretraining control");
    }
  }

  /** {@code bag-of-words}. */
  public static final class BagOfWordsFactory extends Factory {
    public BagOfWordsFactory() {
      super("logistic regression, bag of words", FeatureSource.BAG_OF_WORDS,
          "logistic regression on binary bag-of-words features (vocabulary of the labeled texts): the text baseline");
    }
  }

  /** {@code raw-pixels-logreg}. */
  public static final class RawPixelsFactory extends Factory {
    public RawPixelsFactory() {
      super("logistic regression, raw pixels", FeatureSource.RAW_INPUT,
          "logistic regression on standardized raw inputs: the bar features must clear");
    }
  }
}

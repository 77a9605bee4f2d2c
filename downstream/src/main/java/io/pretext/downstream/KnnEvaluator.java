package io.pretext.downstream;

import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.transfer.EvaluationResult;
import io.pretext.api.transfer.LabeledTask;
import io.pretext.api.transfer.TransferContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weighted kNN by cosine similarity (Wu et al. 2018) on frozen pretrained features ({@code knn}) or
 * on standardized raw inputs ({@code raw-pixels-knn}); the labeled subset is the memory bank.
 */
public final class KnnEvaluator implements DownstreamEvaluator {
  private final String method;
  private final FeatureSource source;
  private final CosineKnn knn;
  private final int k;
  private final int batchSize;

  KnnEvaluator(String method, FeatureSource source, int k, double temperature, int batchSize) {
    this.method = method;
    this.source = source;
    this.knn = new CosineKnn(k, temperature);
    this.k = k;
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
    FeatureMatrix train = features[0];
    FeatureMatrix test = features[1];
    if (source == FeatureSource.RAW_INPUT) { // the reference standardizes pixels before cosine kNN
      Standardizer s = Standardizer.fit(train);
      train = toFloat(train, s.apply(train));
      test = toFloat(test, s.apply(test));
    }
    long t1 = System.nanoTime();
    int[] predicted;
    try (Parallel parallel = new Parallel(context.threads())) {
      predicted = knn.predict(train, test, parallel);
    }
    long t2 = System.nanoTime();
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("k", k);
    extras.put("features", train.cols());
    return new EvaluationResult(Accuracy.of(predicted, test.labels()), (t1 - t0) / 1e9, (t2 - t1) / 1e9, extras);
  }

  private static FeatureMatrix toFloat(FeatureMatrix like, double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return new FeatureMatrix(f, like.rows(), like.cols(), like.labels(), like.classes());
  }

  static ConfigSchema schema() {
    return ConfigSchema.builder()
        .optional("k", ValueType.integer(1, 100_000), 20, "neighbours that vote")
        .optional("temperature", ValueType.positiveReal(), 0.07, "vote weight exp(cosine / temperature)")
        .optional("batch-size", ValueType.integer(1, 65_536), 256, "samples per feature-extraction batch")
        .build();
  }

  /** Shared by the two kNN factories. */
  abstract static class Factory extends EvaluatorFactory {
    Factory(String method, FeatureSource source, String description) {
      super(KnnEvaluator.schema(), description, c -> new KnnEvaluator(method, source, c.getInt("k", 20),
          c.getDouble("temperature", 0.07), c.getInt("batch-size", 256)));
    }
  }

  /** {@code knn}. */
  public static final class KnnFactory extends Factory {
    public KnnFactory() {
      super("kNN", FeatureSource.PRETRAINED, "weighted cosine kNN on frozen pretrained features (Wu et al. 2018)");
    }
  }

  /** {@code raw-pixels-knn}. */
  public static final class RawPixelsFactory extends Factory {
    public RawPixelsFactory() {
      super("kNN, raw pixels", FeatureSource.RAW_INPUT, "weighted cosine kNN on standardized raw inputs");
    }
  }
}

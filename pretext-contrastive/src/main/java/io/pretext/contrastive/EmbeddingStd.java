package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.evaluator.Evaluator;
import java.util.HashMap;
import java.util.Map;

/**
 * A collapse monitor for the methods without negatives (Chen and He 2021, §4.1, Fig. 2): the
 * standard deviation over the batch of the L2-normalised embeddings z / |z|, averaged over the d
 * features. A collapsed output (every z the same direction) gives 0; unit vectors spread like a
 * Gaussian give about 1 / sqrt(d).
 *
 * <p>Reads z of shape (B, d), B >= 2, from {@code predictions.head()}; {@code labels} are not
 * read. Logged by the training loop as {@value #NAME}; the accumulator is the mean over batches.
 */
public final class EmbeddingStd extends Evaluator {
  /** The metric's name, and its key in the metrics lines. */
  public static final String NAME = "embedding_std";

  private final Map<String, Double> sums = new HashMap<>();
  private final Map<String, Long> batches = new HashMap<>();

  public EmbeddingStd() {
    super(NAME);
  }

  /** The metric of one batch, a float32 scalar >= 0 (unbiased variance over the B rows). */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray unit = Cosine.unitRows(predictions.head().stopGradient());
    int rows = Math.toIntExact(unit.getShape().get(0));
    if (rows < 2) {
      throw new IllegalArgumentException("embedding_std needs at least 2 embeddings, got " + unit.getShape());
    }
    return FeatureMoments.variance(FeatureMoments.centred(unit), rows - 1).sqrt().mean();
  }

  @Override
  public void addAccumulator(String key) {
    resetAccumulator(key);
  }

  @Override
  public void updateAccumulator(String key, NDList labels, NDList predictions) {
    sums.merge(key, (double) evaluate(labels, predictions).getFloat(), Double::sum);
    batches.merge(key, 1L, Long::sum);
  }

  @Override
  public void resetAccumulator(String key) {
    sums.put(key, 0.0);
    batches.put(key, 0L);
  }

  @Override
  public float getAccumulator(String key) {
    long n = batches.getOrDefault(key, 0L);
    return n == 0 ? Float.NaN : (float) (sums.get(key) / n);
  }
}

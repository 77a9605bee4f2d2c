package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.AbstractAccuracy;
import ai.djl.util.Pair;

/**
 * Contrastive top-1 accuracy: the fraction of the 2N anchors whose most similar other view (by
 * cosine similarity) is their positive, the other view of the same sample. Chance is 1 / (2N − 1).
 *
 * <p>Reads the embeddings z of shape (2N, d) from {@code predictions.head()} in {@link
 * NtXentLoss}'s layout (rows {@code i} and {@code i + N} are one sample's two views); {@code labels}
 * are not read. Logged by the training loop as {@value #NAME}.
 */
public final class ContrastiveAccuracy extends AbstractAccuracy {
  /** The metric's name, and its key in the metrics lines. */
  public static final String NAME = "contrastive_accuracy";

  public ContrastiveAccuracy() {
    super(NAME);
  }

  /** The accuracy of one batch, a float32 scalar in [0, 1]. */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    Pair<Long, NDArray> counts = accuracyHelper(labels, predictions);
    return counts.getValue().toType(DataType.FLOAT32, false).div(counts.getKey().floatValue());
  }

  @Override
  protected Pair<Long, NDArray> accuracyHelper(NDList labels, NDList predictions) {
    NDArray z = predictions.head().stopGradient();
    NDArray logits = ViewPairs.maskedLogits(z, 1.0);
    int rows = Math.toIntExact(logits.getShape().get(0));
    NDArray nearest = logits.argMax(1).toType(DataType.INT64, false);
    NDArray correct = nearest.eq(ViewPairs.positives(logits.getManager(), rows)).countNonzero();
    return new Pair<>((long) rows, correct);
  }
}

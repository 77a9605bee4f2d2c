package io.pretext.api.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy over K classes, the loss of every pretext task that is a classification:
 * context prediction's 8 positions (Doersch, Gupta, Efros 2015), RotNet's rotations (Gidaris,
 * Singh, Komodakis 2018), Jigsaw's permutations (Noroozi and Favaro 2016).
 *
 * <p>{@code L = -(1/N) Σ_i log softmax(z_i)[y_i]}, computed as {@code logSoftmax} then a gather,
 * so large logits do not overflow. Input: logits (N, K) in {@code predictions.head()}; labels (N)
 * (or (N, 1)) of class indices 0..K-1, int or float, in {@code labels.head()}. Output: the mean
 * over the batch, a scalar. Autograd-safe: no array-with-Java-number operation takes part.
 *
 * <pre>{@code
 * Loss loss = new ClassificationLoss("RotationLoss");
 * NDArray value = loss.evaluate(new NDList(labels), new NDList(logits)); // labels (N), logits (N, 4)
 * }</pre>
 */
public final class ClassificationLoss extends Loss {

  /** Named {@code ClassificationLoss}. */
  public ClassificationLoss() {
    this("ClassificationLoss");
  }

  /** @param name the loss's name, as DJL reports it */
  public ClassificationLoss(String name) {
    super(name);
  }

  /**
   * @throws IllegalArgumentException when the logits are not (N, K), the label count is not N, or a
   *     label is outside 0..K-1; the message gives the shapes or the offending range
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.head();
    Shape shape = logits.getShape();
    if (shape.dimension() != 2 || shape.get(1) < 1) {
      throw new IllegalArgumentException(getName() + ": logits must have shape (N, K), got " + shape
          + "; give the head K outputs, one per class");
    }
    NDArray targets = labels.head().toType(DataType.INT64, false).reshape(-1, 1);
    if (targets.size() != shape.get(0)) {
      throw new IllegalArgumentException(getName() + ": " + shape.get(0) + " rows of logits " + shape + " but "
          + targets.size() + " labels " + labels.head().getShape() + "; give one class label per row");
    }
    if (targets.size() > 0) {
      long low = targets.min().getLong();
      long high = targets.max().getLong();
      if (low < 0 || high >= shape.get(1)) {
        throw new IllegalArgumentException(getName() + ": class labels must be in 0.." + (shape.get(1) - 1)
            + " for " + shape.get(1) + " logits per row, got labels in " + low + ".." + high);
      }
    }
    return logits.logSoftmax(1).gather(targets, 1).mean().neg();
  }
}

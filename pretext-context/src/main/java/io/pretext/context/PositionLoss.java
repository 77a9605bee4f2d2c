package io.pretext.context;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy over the 8 neighbour positions (Doersch, Gupta, Efros 2015, §3). Input:
 * logits (N, 8) in {@code predictions.head()}, labels (N) of position indices 0..7 in {@code
 * labels.head()}. Output: the mean over the N pairs, a scalar.
 */
final class PositionLoss extends Loss {
  PositionLoss() {
    super("PositionLoss");
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.head();
    NDArray targets = labels.head().toType(DataType.INT64, false).reshape(-1, 1);
    return logits.logSoftmax(1).gather(targets, 1).mean().neg();
  }
}

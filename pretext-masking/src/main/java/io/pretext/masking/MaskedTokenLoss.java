package io.pretext.masking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import io.pretext.api.nn.layers.ScalarOps;

/**
 * Softmax cross-entropy over the vocabulary at the selected positions only. Predictions: logits
 * (M, V); labels: targets (M,), {@link TokenSequence#NOT_SELECTED} (-1) for a row the loss
 * ignores. The loss is the mean over the rows with a target (0 when there is none); the logits of
 * ignored rows have no influence on it, nor receive gradient.
 */
public final class MaskedTokenLoss extends Loss {

  public MaskedTokenLoss() {
    super("masked_token_loss");
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.head();
    NDArray targets = labels.head().toType(DataType.INT64, false);
    NDArray valid = targets.gte(0);
    NDArray safe = targets.mul(valid.toType(DataType.INT64, false)).reshape(-1, 1);
    NDArray picked = logits.logSoftmax(-1).gather(safe, 1).reshape(-1);
    NDArray weights = valid.toType(logits.getDataType(), false);
    NDArray count = ScalarOps.atLeast(weights.sum(), 1f);
    return picked.mul(weights).sum().neg().div(count);
  }
}

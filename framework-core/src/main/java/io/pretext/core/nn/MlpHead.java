package io.pretext.core.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.spi.Head;
import java.util.List;

/**
 * A head of hidden layers with ReLU and a final linear layer; with no hidden layers it is a
 * linear head.
 */
public final class MlpHead implements Head {
  private final List<Long> hidden;
  private final long outputs;
  private final String where;

  /**
   * @param hidden hidden layer sizes (empty for a linear head)
   * @param outputs the configured output size, 0 to take the task's
   * @param where the config path of {@code outputs}, for messages
   */
  public MlpHead(List<Long> hidden, long outputs, String where) {
    this.hidden = List.copyOf(hidden);
    this.outputs = outputs;
    this.where = where;
  }

  @Override
  public Block build(long inputSize, long outputSize) {
    return Perceptrons.perceptron(new SequentialBlock(), hidden, Perceptrons.outputs(outputSize, outputs, where));
  }
}

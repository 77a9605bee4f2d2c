package io.pretext.core.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.nn.layers.Flatten;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.spi.Encoder;
import java.util.List;

/** A multilayer perceptron encoder: flatten, hidden layers with ReLU, a linear layer to the features. */
public final class MlpEncoder implements Encoder {
  private final List<Long> hidden;
  private final long features;

  /**
   * @param hidden sizes of the hidden layers, in order (may be empty)
   * @param features the feature vector's length
   */
  public MlpEncoder(List<Long> hidden, long features) {
    if (features < 1 || hidden.stream().anyMatch(h -> h < 1)) {
      throw new IllegalArgumentException("layer sizes must be >= 1: hidden " + hidden + ", features " + features);
    }
    this.hidden = List.copyOf(hidden);
    this.features = features;
  }

  @Override
  public Block build(Shape inputShape) {
    SequentialBlock block = new SequentialBlock();
    block.add(new Flatten());
    return Perceptrons.perceptron(block, hidden, features);
  }

  @Override
  public long featureSize(Shape inputShape) {
    return features;
  }
}

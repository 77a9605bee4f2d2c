package io.pretext.context;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.spi.Head;
import java.util.Optional;

/**
 * The classifier head a spatial-context task puts on its features: the run's {@code head} plugin
 * when the run names one, else Linear(in, hidden) → ReLU → Linear(hidden, classes), or a single
 * Linear(in, classes) when hidden is 0. Input (N, in), output (N, classes) logits.
 */
final class ClassifierHeads {
  private ClassifierHeads() {}

  /**
   * @param head the run's head plugin, if any
   * @param inputSize the feature width the head receives
   * @param classes the number of classes
   * @param hidden the default head's hidden width; 0 for a linear head
   */
  static Block of(Optional<Head> head, long inputSize, long classes, long hidden) {
    if (head.isPresent()) {
      return head.get().build(inputSize, classes);
    }
    return hidden == 0 ? Layers.linear(classes, true)
        : new SequentialBlock().add(Layers.linear(hidden, true)).add(Layers.relu()).add(Layers.linear(classes, true));
  }
}

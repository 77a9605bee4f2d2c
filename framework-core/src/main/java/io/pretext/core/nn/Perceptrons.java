package io.pretext.core.nn;

import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.Layers;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import java.util.List;

/** Small building blocks shared by the built-in encoders and heads. */
final class Perceptrons {
  private Perceptrons() {}

  /** Adds a fully connected layer followed by ReLU for each hidden size, then a final linear layer. */
  static SequentialBlock perceptron(SequentialBlock block, List<Long> hidden, long outputs) {
    for (long units : hidden) {
      block.add(Layers.linear(units, true));
      block.add(Layers.relu());
    }
    block.add(Layers.linear(outputs, true));
    return block;
  }

  /** Reads the {@code hidden} list (the fallback when absent): every size must be positive. */
  static List<Long> hidden(ConfigNode config, List<Long> fallback) {
    List<Long> sizes = config.has("hidden") ? config.getLongList("hidden") : fallback;
    for (long s : sizes) {
      if (s < 1) {
        throw ConfigException.at(config.pathOf("hidden"), "layer sizes must be >= 1, got " + sizes);
      }
    }
    return sizes;
  }

  /**
   * The output size of a head: the task's when it names one, else the configured {@code outputs}.
   *
   * @throws ConfigException when neither gives a size
   */
  static long outputs(long taskOutputs, long configured, String where) {
    if (taskOutputs > 0) {
      return taskOutputs;
    }
    if (configured > 0) {
      return configured;
    }
    throw ConfigException.at(where, "the task leaves the head's output size open; set outputs to a size >= 1");
  }
}

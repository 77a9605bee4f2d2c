package io.pretext.api.spi;

import ai.djl.nn.Block;

/**
 * A plugin that builds a small network on top of encoder features: a projection head, a
 * classifier, a token-prediction head.
 */
public interface Head {

  /**
   * Builds a fresh head.
   *
   * @param inputSize the feature size it receives
   * @param outputSize the output size the task needs (e.g. 8 positions, a vocabulary), or 0 when
   *     the task leaves it to the head's own configuration
   */
  Block build(long inputSize, long outputSize);
}

package io.pretext.api.spi;

import ai.djl.nn.Block;
import io.pretext.api.data.Dataset;
import java.util.random.RandomGenerator;

/**
 * A plugin that measures how well a pretrained encoder transfers to a labeled task: a linear
 * probe, kNN, fine-tuning, a from-scratch baseline. The {@code downstream} section lists them.
 */
public interface Evaluator {

  /** The row name in the results table, e.g. "linear probe". */
  String method();

  /**
   * Trains on the labeled subset and returns the test accuracy in [0, 1].
   *
   * @param encoder the pretrained encoder (evaluators that train it work on a copy)
   * @param featureSize the encoder's feature length
   * @param labeled the labeled training subset
   * @param test the held-out test set
   * @param random a generator seeded for this evaluation
   */
  double evaluate(Block encoder, long featureSize, Dataset<?> labeled, Dataset<?> test, RandomGenerator random);
}

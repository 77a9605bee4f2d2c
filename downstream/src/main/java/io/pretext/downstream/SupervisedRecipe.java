package io.pretext.downstream;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;

/**
 * How an encoder plus linear head is trained end to end on a labeled subset (the reference's
 * supervised baseline): Adam at a constant learning rate, cross-entropy, {@code steps} steps of
 * {@code min(batchSize, n)} samples drawn without replacement pass after pass, flip + translation
 * for images, BatchNorm in training mode while training and in inference mode for the test set.
 *
 * @param steps optimizer steps
 * @param batchSize samples per step (capped at the subset's size)
 * @param learningRate Adam's learning rate
 * @param weightDecay Adam's L2 weight decay
 * @param flip random horizontal flip (images)
 * @param translate random translation in pixels (images)
 * @param evalBatchSize samples per test batch
 */
record SupervisedRecipe(int steps, int batchSize, double learningRate, double weightDecay, boolean flip,
    int translate, int evalBatchSize) {

  static ConfigSchema schema(double defaultLearningRate) {
    return ConfigSchema.builder()
        .optional("steps", ValueType.integer(1, 10_000_000), 1500, "optimizer steps (the reference: 1500 at every budget)")
        .optional("batch-size", ValueType.integer(1, 65_536), 128, "samples per step, at most the labeled subset's size")
        .optional("learning-rate", ValueType.real(0, true, 10, false), defaultLearningRate, "Adam's learning rate")
        .optional("weight-decay", ValueType.real(0, false, 1, false), 0.0, "Adam's L2 weight decay")
        .optional("flip", ValueType.bool(), true, "random horizontal flip of images")
        .optional("translate", ValueType.integer(0, 64), 2, "random translation of images by up to this many pixels")
        .optional("eval-batch-size", ValueType.integer(1, 65_536), 500, "samples per test batch")
        .build();
  }

  static SupervisedRecipe from(ConfigNode c, double defaultLearningRate) {
    return new SupervisedRecipe(c.getInt("steps", 1500), c.getInt("batch-size", 128),
        c.getDouble("learning-rate", defaultLearningRate), c.getDouble("weight-decay", 0.0), c.getBoolean("flip", true),
        c.getInt("translate", 2), c.getInt("eval-batch-size", 500));
  }
}

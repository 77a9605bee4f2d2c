package io.pretext.downstream;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.train.LearningRateSchedule;
import io.pretext.api.train.OptimizerSpec;
import java.util.List;

/**
 * How an encoder plus linear head is trained end to end on a labeled subset (the reference's
 * supervised baseline): Adam at a constant learning rate, cross-entropy, {@code steps} steps of
 * {@code min(batchSize, n)} samples drawn without replacement pass after pass, flip + translation
 * for images, BatchNorm in training mode while training and in inference mode for the test set.
 * Optionally (the usual recipe for fine-tuning a Transformer, e.g. BERT, Devlin et al. 2019): a
 * number of passes over the subset instead of a fixed step count, AdamW with weight decay on the
 * matrices only, a linear warm-up followed by a linear decay to 0, global gradient-norm clipping and
 * dropout before the head.
 *
 * @param steps optimizer steps (used when {@code epochs} is 0)
 * @param batchSize samples per step (capped at the subset's size)
 * @param learningRate the learning rate after warm-up
 * @param weightDecay weight decay (L2 for adam, decoupled for adamw)
 * @param flip random horizontal flip (images)
 * @param translate random translation in pixels (images)
 * @param evalBatchSize samples per test batch
 * @param epochs passes over the labeled subset, 0 to use {@code steps}
 * @param optimizer {@code adam} or {@code adamw}
 * @param warmupFraction the share of the steps spent warming the learning rate up from 0
 * @param decay whether the learning rate decays linearly to 0 after warm-up
 * @param decayScope {@code all} parameters or {@code matrices} only (not biases and norm scales)
 * @param gradientClip the largest global gradient norm, 0 for no clipping
 * @param headDropout dropout on the pooled features before the linear head, 0 for none
 * @param reinitialize top-level encoder blocks initialized afresh instead of loaded (fine-tune only)
 */
record SupervisedRecipe(int steps, int batchSize, double learningRate, double weightDecay, boolean flip,
    int translate, int evalBatchSize, int epochs, String optimizer, double warmupFraction, boolean decay,
    String decayScope, double gradientClip, double headDropout, List<String> reinitialize) {

  SupervisedRecipe {
    reinitialize = List.copyOf(reinitialize);
  }

  /** The reference's recipe: a fixed step count, Adam at a constant rate. */
  SupervisedRecipe(int steps, int batchSize, double learningRate, double weightDecay, boolean flip, int translate,
      int evalBatchSize) {
    this(steps, batchSize, learningRate, weightDecay, flip, translate, evalBatchSize, 0, "adam", 0, false,
        OptimizerSpec.ALL, 0, 0, List.of());
  }

  /** The optimizer: its name, weight decay and the parameters decayed. */
  OptimizerSpec optimizerSpec() {
    return new OptimizerSpec(optimizer, weightDecay, decayScope, 0);
  }

  /** Optimizer steps for a labeled subset of {@code n} samples. */
  int stepsFor(int n) {
    if (epochs == 0) {
      return steps;
    }
    int batch = Math.min(batchSize, n);
    return (int) Math.max(1, Math.ceil((double) epochs * n / batch));
  }

  /** The learning rate per update over {@code total} steps. */
  LearningRateSchedule schedule(int total) {
    return new LearningRateSchedule((float) learningRate, Math.round(warmupFraction * total), total, decay);
  }

  static ConfigSchema schema(double defaultLearningRate) {
    return OptimizerSpec.decayScopeAndClipKeys(ConfigSchema.builder()
        .optional("steps", ValueType.integer(1, 10_000_000), 1500, "optimizer steps (the reference: 1500 at every budget)")
        .optional("batch-size", ValueType.integer(1, 65_536), 128, "samples per step, at most the labeled subset's size")
        .optional("learning-rate", ValueType.real(0, true, 10, false), defaultLearningRate, "Adam's learning rate")
        .optional("weight-decay", ValueType.real(0, false, 1, false), 0.0, "Adam's L2 weight decay")
        .optional("flip", ValueType.bool(), true, "random horizontal flip of images")
        .optional("translate", ValueType.integer(0, 64), 2, "random translation of images by up to this many pixels")
        .optional("eval-batch-size", ValueType.integer(1, 65_536), 500, "samples per test batch")
        .optional("epochs", ValueType.integer(0, 100_000), 0, "passes over the labeled subset; 0 uses steps")
        .optional("optimizer", ValueType.oneOf("adam", "adamw"), "adam", "adam, or adamw (decoupled weight decay)")
        .optional("warmup-fraction", ValueType.real(0, false, 1, true), 0.0,
            "share of the steps warming the learning rate up linearly from 0")
        .optional("schedule", ValueType.oneOf("constant", "linear"), "constant",
            "after warm-up: constant, or linear decay to 0 at the last step"))
        .optional("head-dropout", ValueType.real(0, false, 1, false), 0.0,
            "dropout on the pooled features before the linear head while training")
        .build();
  }

  static SupervisedRecipe from(ConfigNode c, double defaultLearningRate) {
    return new SupervisedRecipe(c.getInt("steps", 1500), c.getInt("batch-size", 128),
        c.getDouble("learning-rate", defaultLearningRate), c.getDouble("weight-decay", 0.0), c.getBoolean("flip", true),
        c.getInt("translate", 2), c.getInt("eval-batch-size", 500), c.getInt("epochs", 0),
        c.getString("optimizer", "adam"), c.getDouble("warmup-fraction", 0.0),
        c.getString("schedule", "constant").equals("linear"), c.getString("weight-decay-scope", OptimizerSpec.ALL),
        c.getDouble("gradient-clip", 0.0), c.getDouble("head-dropout", 0.0),
        c.has("reinitialize") ? c.getStringList("reinitialize") : List.of());
  }
}

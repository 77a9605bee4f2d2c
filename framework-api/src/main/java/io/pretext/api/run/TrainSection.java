package io.pretext.api.run;

import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;

/** The standard {@code train} section. */
final class TrainSection {
  private TrainSection() {}

  static ConfigSchema schema() {
    return ConfigSchema.builder()
        .optional("seed", ValueType.integer(0, Long.MAX_VALUE), 0, "seed of every random choice")
        .optional("threads", ValueType.integer(1, 256), 2, "compute threads")
        .optional("epochs", ValueType.integer(1, 100_000), 10, "passes over the unlabeled data")
        .optional("batch-size", ValueType.integer(1, 1 << 20), 256, "samples per step")
        .build();
  }
}

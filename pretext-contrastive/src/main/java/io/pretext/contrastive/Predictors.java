package io.pretext.contrastive;

import io.pretext.api.config.ConfigSchema;

/**
 * The {@code predictor} key of the joint-embedding tasks: only BYOL and SimSiam have a predictor
 * (an MLP after the projector on one branch, Grill et al. 2020, §3.1; Chen and He 2021, §3); the
 * other tasks refuse the key with a message saying so, rather than as an unknown key.
 */
final class Predictors {
  /** The config key. */
  static final String KEY = "predictor";
  /** The tasks that take one. */
  static final String METHODS_WITH_ONE = "byol and simsiam";

  private Predictors() {}

  /** {@code schema} with the {@code predictor} key refused for the task {@code method}. */
  static ConfigSchema.Builder refuse(ConfigSchema.Builder schema, String method) {
    return schema.refused(KEY, method + " has no predictor; only " + METHODS_WITH_ONE + " put one after the"
        + " projector. Remove the key, or use one of those methods (name: byol or name: simsiam)");
  }
}

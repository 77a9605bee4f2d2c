package io.pretext.contrastive;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;

/**
 * The {@code vicreg} pretext task: {@code {name: vicreg, invariance-weight: 25, variance-weight:
 * 25, covariance-weight: 1, gamma: 1, epsilon: 1e-4}} (the paper's values, the defaults); two
 * views per image, the expander from the run's {@code head} (default {@link
 * VicRegTask#defaultExpander()}).
 */
public final class VicRegTaskFactory implements PluginFactory<PretextTask> {
  public static final double DEFAULT_INVARIANCE_WEIGHT = 25;
  public static final double DEFAULT_VARIANCE_WEIGHT = 25;
  public static final double DEFAULT_COVARIANCE_WEIGHT = 1;
  public static final double DEFAULT_GAMMA = 1;
  public static final double DEFAULT_EPSILON = 1e-4;

  private static final ValueType WEIGHT = ValueType.real(0, false, 1e6, false);
  private static final ConfigSchema SCHEMA = Predictors.refuse(ConfigSchema.builder()
      .optional("invariance-weight", WEIGHT, DEFAULT_INVARIANCE_WEIGHT,
          "lambda, weight of the mean squared distance between the two views' embeddings")
      .optional("variance-weight", WEIGHT, DEFAULT_VARIANCE_WEIGHT,
          "mu, weight of the hinge keeping each feature's standard deviation over the batch above gamma")
      .optional("covariance-weight", WEIGHT, DEFAULT_COVARIANCE_WEIGHT,
          "nu, weight of the sum of squared off-diagonal covariances divided by the embedding size")
      .optional("gamma", ValueType.positiveReal(), DEFAULT_GAMMA, "target standard deviation of each feature")
      .optional("epsilon", ValueType.positiveReal(), DEFAULT_EPSILON,
          "added to the variance under the square root (keeps the gradient finite at collapse)"), "vicreg")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "VICReg: two views, expander, variance-invariance-covariance regularisation (Bardes et al. 2022)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    return new VicRegTask(config.getDouble("invariance-weight", DEFAULT_INVARIANCE_WEIGHT),
        config.getDouble("variance-weight", DEFAULT_VARIANCE_WEIGHT),
        config.getDouble("covariance-weight", DEFAULT_COVARIANCE_WEIGHT),
        config.getDouble("gamma", DEFAULT_GAMMA), config.getDouble("epsilon", DEFAULT_EPSILON));
  }
}

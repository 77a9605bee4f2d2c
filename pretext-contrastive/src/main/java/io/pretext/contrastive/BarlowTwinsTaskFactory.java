package io.pretext.contrastive;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;

/**
 * The {@code barlow-twins} pretext task: {@code {name: barlow-twins, lambda: 0.02}}; two views
 * per image, the projector from the run's {@code head} (default {@link
 * BarlowTwinsTask#defaultProjector()}).
 */
public final class BarlowTwinsTaskFactory implements PluginFactory<PretextTask> {
  /**
   * The default lambda: the paper's balance kept for batch 256 and 256 features, 0.02 N / d (the
   * paper's 5e-3 is for 8192 features; see {@link BarlowTwinsLoss}).
   */
  public static final double DEFAULT_LAMBDA = 0.02;

  private static final ConfigSchema SCHEMA = Predictors.refuse(ConfigSchema.builder()
      .optional("lambda", ValueType.real(0, false, 1e6, false), DEFAULT_LAMBDA,
          "weight of the off-diagonal (redundancy) term; the paper's 5e-3 is for 8192 features and batch 2048,"
              + " about 0.02 * batch / features keeps its balance"), "barlow-twins")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "Barlow Twins: two views, projector, cross-correlation pushed to the identity (Zbontar et al. 2021)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    return new BarlowTwinsTask(config.getDouble("lambda", DEFAULT_LAMBDA));
  }
}

package io.pretext.contrastive;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;

/** The {@code simclr} pretext task: {@code {name: simclr, temperature: 0.5}}; two views per image. */
public final class SimClrTaskFactory implements PluginFactory<PretextTask> {
  /** The default NT-Xent temperature (the Fashion-MNIST protocol's). */
  public static final double DEFAULT_TEMPERATURE = 0.5;

  private static final ConfigSchema SCHEMA = Predictors.refuse(ConfigSchema.builder()
      .optional("temperature", ValueType.positiveReal(), DEFAULT_TEMPERATURE,
          "NT-Xent temperature tau dividing the cosine similarities (SimCLR uses 0.1 to 1)"), "simclr")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "SimCLR: two augmented views per image, projection head, NT-Xent loss (Chen et al. 2020)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    return new SimClrTask(config.getDouble("temperature", DEFAULT_TEMPERATURE));
  }
}

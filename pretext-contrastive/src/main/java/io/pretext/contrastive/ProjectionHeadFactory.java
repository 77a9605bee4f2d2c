package io.pretext.contrastive;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Head;
import java.util.Optional;

/**
 * The {@code projection} head: {@code {name: projection, hidden: [64], outputs: 64, batch-norm:
 * false, output-batch-norm: false}}; {@code hidden} left out gives one hidden layer as wide as the
 * encoder's features.
 */
public final class ProjectionHeadFactory implements PluginFactory<Head> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optionalNoDefault("hidden", ValueType.listOf(ValueType.integer(1, 1 << 20)),
          "hidden layer sizes, each followed by ReLU (default: one layer as wide as the encoder's features;"
              + " the linear head gives a linear projection)")
      .optional("outputs", ValueType.integer(1, 1 << 20), ProjectionHead.DEFAULT_OUTPUTS,
          "size of the projection the loss is applied to")
      .optional("batch-norm", ValueType.bool(), false, "BatchNorm after each hidden linear layer")
      .optional("output-batch-norm", ValueType.bool(), false,
          "BatchNorm without learned scale and shift after the output layer (SimSiam's projector)")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "Projection head (SimCLR, SimSiam, Barlow Twins, VICReg): Linear, optional BatchNorm, ReLU per hidden layer,"
        + " then Linear (optionally BatchNorm)";
  }

  @Override
  public Head create(ConfigNode config) {
    return new ProjectionHead(
        config.has("hidden") ? Optional.of(config.getLongList("hidden")) : Optional.empty(),
        config.has("outputs") ? config.getLong("outputs") : ProjectionHead.DEFAULT_OUTPUTS,
        config.getBoolean("batch-norm", false),
        config.getBoolean("output-batch-norm", false));
  }
}

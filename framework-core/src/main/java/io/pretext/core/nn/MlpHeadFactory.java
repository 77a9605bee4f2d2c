package io.pretext.core.nn;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Head;
import java.util.List;

/** The {@code mlp} head: hidden layers with ReLU, then a linear layer, {@code {name: mlp, hidden: [256], outputs: 0}}. */
public final class MlpHeadFactory implements PluginFactory<Head> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("hidden", ValueType.listOf(ValueType.integer(1, 1 << 20)), List.of(256), "hidden layer sizes, each followed by ReLU")
      .optional("outputs", ValueType.integer(0, 1 << 24), 0, "output size; 0 to take the size the task needs")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "multilayer perceptron head: hidden layers with ReLU, then linear";
  }

  @Override
  public Head create(ConfigNode config) {
    return new MlpHead(Perceptrons.hidden(config, List.of(256L)), config.has("outputs") ? config.getLong("outputs") : 0,
        config.pathOf("outputs"));
  }
}

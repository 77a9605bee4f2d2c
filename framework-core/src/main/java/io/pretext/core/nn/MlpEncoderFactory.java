package io.pretext.core.nn;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Encoder;
import java.util.List;

/** The {@code mlp} encoder: {@code {name: mlp, hidden: [256], features: 128}}. */
public final class MlpEncoderFactory implements PluginFactory<Encoder> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("hidden", ValueType.listOf(ValueType.integer(1, 1 << 20)), List.of(256), "hidden layer sizes, each followed by ReLU")
      .optional("features", ValueType.integer(1, 1 << 20), 128, "length of the feature vector")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "multilayer perceptron: flatten, hidden layers with ReLU, linear to the features";
  }

  @Override
  public Encoder create(ConfigNode config) {
    return new MlpEncoder(Perceptrons.hidden(config, List.of(256L)), config.has("features") ? config.getLong("features") : 128);
  }
}

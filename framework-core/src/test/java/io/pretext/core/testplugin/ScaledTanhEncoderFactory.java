package io.pretext.core.testplugin;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Encoder;

/** The {@code scaled-tanh-mlp} encoder: {@code {name: scaled-tanh-mlp, hidden: 32, features: 16}}. */
public final class ScaledTanhEncoderFactory implements PluginFactory<Encoder> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("hidden", ValueType.integer(1, 1 << 16), 32, "the hidden layer's size")
      .optional("features", ValueType.integer(1, 1 << 16), 16, "length of the feature vector")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "test: an MLP with the plugin's own ScaledTanh activation";
  }

  @Override
  public Encoder create(ConfigNode config) {
    return new ScaledTanhEncoder(config.getLong("hidden"), config.getLong("features"), true);
  }
}

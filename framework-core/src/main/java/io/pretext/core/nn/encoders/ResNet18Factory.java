package io.pretext.core.nn.encoders;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Encoder;

/** The {@code resnet18} encoder plugin: {@link ResNet18} with a configurable width. */
public final class ResNet18Factory implements PluginFactory<Encoder> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("width", ValueType.integer(1, ResNet18.MAX_WIDTH), 64,
          "channels of the first stage (64 in the paper); features = 8 x width")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "ResNet-18 with a CIFAR-style 3x3 stem and no max pool (He et al. 2016)";
  }

  @Override
  public Encoder create(ConfigNode config) {
    return new ResNet18(config.getInt("width"));
  }
}

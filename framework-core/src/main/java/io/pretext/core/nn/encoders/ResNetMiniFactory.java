package io.pretext.core.nn.encoders;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Encoder;

/** The {@code resnet-mini} encoder plugin: {@link ResNetMini} with a configurable width. */
public final class ResNetMiniFactory implements PluginFactory<Encoder> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("width", ValueType.integer(1, ResNetMini.MAX_WIDTH), 16,
          "channels of the stem and first stage (w); features = 4w")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "ResNet-mini(w): 3x3 stem + 3 basic blocks (w, 2w, 4w) + global average pool (He et al. 2016)";
  }

  @Override
  public Encoder create(ConfigNode config) {
    return new ResNetMini(config.getInt("width"));
  }
}

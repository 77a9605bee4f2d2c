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
      .optional("stem", ValueType.oneOf("cifar", "imagenet"), "cifar",
          "cifar: conv3x3, no max pool (small images); imagenet: conv7x7 stride 2 + max pool, 16x less work"
              + " (images of 64 px and more, e.g. 96x96)")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "ResNet-18 (He et al. 2016) with a CIFAR-style 3x3 stem (default) or the ImageNet 7x7 stem and max pool";
  }

  @Override
  public Encoder create(ConfigNode config) {
    return new ResNet18(config.getInt("width"),
        ResNet18.Stem.valueOf(config.getString("stem", "cifar").toUpperCase(java.util.Locale.ROOT)));
  }
}

package io.pretext.core.nn;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.Head;
import java.util.List;

/** The {@code linear} head: one fully connected layer, {@code {name: linear, outputs: 0}}. */
public final class LinearHeadFactory implements PluginFactory<Head> {
  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("outputs", ValueType.integer(0, 1 << 24), 0, "output size; 0 to take the size the task needs")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "one fully connected layer";
  }

  @Override
  public Head create(ConfigNode config) {
    return new MlpHead(List.of(), config.has("outputs") ? config.getLong("outputs") : 0, config.pathOf("outputs"));
  }
}

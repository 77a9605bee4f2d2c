package com.example.rotation;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;

/** The {@code example-rotation} pretext task: {@code {name: example-rotation, hidden: 64, all-rotations: true}}. */
public final class RotationTaskFactory implements PluginFactory<PretextTask> {
  /** The name a run file gives in its {@code pretext} section. */
  public static final String NAME = "example-rotation";

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("hidden", ValueType.integer(0, 1 << 16), 64,
          "hidden width of the default rotation head; 0 for one linear layer")
      .optional("all-rotations", ValueType.bool(), true,
          "show every image at all four rotations; false: at one random rotation")
      .build();

  @Override
  public ConfigSchema schema() {
    return SCHEMA;
  }

  @Override
  public String description() {
    return "Rotation prediction: which of 0/90/180/270 degrees was an image turned by (Gidaris et al. 2018)";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    return new RotationPredictionTask(config.getInt("hidden"), config.getBoolean("all-rotations"));
  }
}

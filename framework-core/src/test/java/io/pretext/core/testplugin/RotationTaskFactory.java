package io.pretext.core.testplugin;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.config.ValueType;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;

/** Makes the {@code rotation} pretext task; its only setting makes it fail on purpose. */
public final class RotationTaskFactory implements PluginFactory<PretextTask> {

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.builder()
        .optional("nan-at-step", ValueType.nonNegativeInt(), 0, "make the loss NaN from this step on (0: never), to test the NaN guard")
        .build();
  }

  @Override
  public String description() {
    return "rotation prediction (test plugin): predict which of 0/90/180/270 degrees an image was turned";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    int nanAt = config.getInt("nan-at-step", 0);
    return nanAt > 0 ? new NanAtStep(new RotationTask(), nanAt) : new RotationTask();
  }
}

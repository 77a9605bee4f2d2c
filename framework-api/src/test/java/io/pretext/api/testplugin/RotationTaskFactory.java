package io.pretext.api.testplugin;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.ConfigSchema;
import io.pretext.api.plugin.PluginFactory;
import io.pretext.api.spi.PretextTask;

/** Makes the {@code rotation} pretext task; it takes no settings. */
public final class RotationTaskFactory implements PluginFactory<PretextTask> {

  @Override
  public ConfigSchema schema() {
    return ConfigSchema.empty();
  }

  @Override
  public String description() {
    return "rotation prediction (test plugin): predict which of 0/90/180/270 degrees an image was turned";
  }

  @Override
  public PretextTask create(ConfigNode config) {
    return new RotationTask();
  }
}

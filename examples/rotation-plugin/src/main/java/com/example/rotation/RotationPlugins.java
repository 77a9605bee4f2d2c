package com.example.rotation;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** The plugin's entry point, listed in {@code META-INF/services/io.pretext.api.plugin.PluginModule}. */
public final class RotationPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.pretextTask(RotationTaskFactory.NAME, RotationTaskFactory.class);
  }
}

package io.pretext.context;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** Registers the {@code context} pretext task. */
public final class ContextPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.pretextTask("context", ContextPredictionTaskFactory.class);
  }
}

package io.pretext.context;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** Registers the spatial-context pretext tasks: {@code context}, {@code rotnet} and {@code jigsaw}. */
public final class ContextPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.pretextTask("context", ContextPredictionTaskFactory.class);
    plugins.pretextTask("rotnet", RotNetTaskFactory.class);
    plugins.pretextTask("jigsaw", JigsawTaskFactory.class);
  }
}

package io.pretext.contrastive;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** Registers the {@code simclr} pretext task and the {@code projection} head. */
public final class ContrastivePlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.pretextTask("simclr", SimClrTaskFactory.class);
    plugins.head("projection", ProjectionHeadFactory.class);
  }
}

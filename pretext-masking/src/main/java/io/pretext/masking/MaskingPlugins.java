package io.pretext.masking;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** Registers the {@code mlm} pretext task. */
public final class MaskingPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.pretextTask("mlm", MaskedLanguageModelTaskFactory.class);
  }
}

package io.pretext.core.nn.encoders;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** Registers the built-in text encoder {@code transformer}. */
public final class TextEncoderPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.encoder("transformer", TextTransformerFactory.class);
  }
}

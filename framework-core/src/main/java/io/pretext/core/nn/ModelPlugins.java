package io.pretext.core.nn;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** The built-in model plugins: the {@code mlp} encoder and the {@code linear} and {@code mlp} heads. */
public final class ModelPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.encoder("mlp", MlpEncoderFactory.class);
    plugins.head("linear", LinearHeadFactory.class);
    plugins.head("mlp", MlpHeadFactory.class);
  }
}

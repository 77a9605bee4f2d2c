package io.pretext.core.testplugin;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/**
 * Plugins that exist only on the test classpath, found through META-INF/services like any other:
 * a pretext task, and an encoder with a layer of its own whose ONNX writer comes with it.
 */
public final class TestPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.pretextTask("rotation", RotationTaskFactory.class);
    plugins.encoder("scaled-tanh-mlp", ScaledTanhEncoderFactory.class);
    plugins.layerExporter(ScaledTanh.class, new ScaledTanhExporter());
  }
}

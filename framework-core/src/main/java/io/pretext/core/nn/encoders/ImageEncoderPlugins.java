package io.pretext.core.nn.encoders;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** Registers the built-in image encoders {@code resnet-mini} and {@code resnet18}. */
public final class ImageEncoderPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.encoder("resnet-mini", ResNetMiniFactory.class);
    plugins.encoder("resnet18", ResNet18Factory.class);
  }
}

package io.pretext.core.augment;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** Registers the built-in image augmenters of {@link io.pretext.api.augment.image}. */
public final class ImageAugmenterPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.augmenter("random-resized-crop", RandomResizedCrop.Factory.class);
    plugins.augmenter("horizontal-flip", HorizontalFlip.Factory.class);
    plugins.augmenter("color-jitter", ColorJitter.Factory.class);
    plugins.augmenter("random-grayscale", Grayscale.Factory.class);
    plugins.augmenter("gaussian-blur", GaussianBlur.Factory.class);
    plugins.augmenter("solarize", Solarize.Factory.class);
    plugins.augmenter("normalize", Normalize.Factory.class);
    plugins.augmenter("resize", Resize.Factory.class);
  }
}

package io.pretext.core.data.source;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/** The built-in data sources, registered through the same {@link java.util.ServiceLoader} path as any plugin. */
public final class DataPlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.dataSource("fashion-mnist", FashionMnistSourceFactory.class);
    plugins.dataSource("mnist", MnistSourceFactory.class);
    plugins.dataSource("idx", IdxSourceFactory.class);
    plugins.dataSource("image-folder", ImageFolderSourceFactory.class);
    plugins.dataSource("image-shards", ImageShardsSourceFactory.class);
    plugins.dataSource("text-lines", TextLinesSourceFactory.class);
    plugins.dataSource("labeled-text", LabeledTextSourceFactory.class);
    plugins.dataSource("sotu", SotuSourceFactory.class);
    plugins.dataSource("sentiment", SentimentSourceFactory.class);
  }
}

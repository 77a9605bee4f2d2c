package io.pretext.api.plugin;

import ai.djl.nn.Block;
import io.pretext.api.onnx.LayerExporter;
import io.pretext.api.spi.Augmenter;
import io.pretext.api.spi.DataSource;
import io.pretext.api.spi.Encoder;
import io.pretext.api.transfer.DownstreamEvaluator;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;

/**
 * What a {@link PluginModule} uses to declare its named factories, one method per kind, and the
 * ONNX writers of the layers it brings.
 */
public interface PluginRegistrar {

  /** Registers a factory under a name for a kind; the typed methods below are preferred. */
  void register(PluginKind kind, String name, Class<? extends PluginFactory<?>> factory);

  default void pretextTask(String name, Class<? extends PluginFactory<? extends PretextTask>> factory) {
    register(PluginKind.PRETEXT_TASK, name, factory);
  }

  default void augmenter(String name, Class<? extends PluginFactory<? extends Augmenter<?>>> factory) {
    register(PluginKind.AUGMENTER, name, factory);
  }

  default void encoder(String name, Class<? extends PluginFactory<? extends Encoder>> factory) {
    register(PluginKind.ENCODER, name, factory);
  }

  default void head(String name, Class<? extends PluginFactory<? extends Head>> factory) {
    register(PluginKind.HEAD, name, factory);
  }

  default void dataSource(String name, Class<? extends PluginFactory<? extends DataSource>> factory) {
    register(PluginKind.DATA_SOURCE, name, factory);
  }

  default void evaluator(String name, Class<? extends PluginFactory<? extends DownstreamEvaluator>> factory) {
    register(PluginKind.EVALUATOR, name, factory);
  }

  /**
   * Registers the ONNX writer of a layer class the plugin brings, so that {@code pretext export}
   * writes models that use it and the export check accepts them. The class is matched exactly (a
   * subclass needs its own writer); two modules registering the same class fail at start-up.
   *
   * @param layer the block class
   * @param exporter writes one block of that class; stateless, called on the exporting thread
   */
  default <B extends Block> void layerExporter(Class<B> layer, LayerExporter<B> exporter) {
    throw new UnsupportedOperationException(getClass().getName() + " does not take layer exporters");
  }
}

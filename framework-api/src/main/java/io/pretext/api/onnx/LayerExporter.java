package io.pretext.api.onnx;

import ai.djl.nn.Block;
import java.util.List;

/**
 * Writes one block class as ONNX nodes. An exporter reads the block's hyper-parameters and
 * weights, adds nodes and initializers to the scope's graph (children through {@link
 * ExportScope#child}) and returns the names of the block's outputs, in the order of its {@code
 * forward} outputs. It must compute exactly what {@code forward} computes in inference mode; the
 * engine checks that with ONNX Runtime before it writes a file.
 *
 * <p>A plugin that brings a layer registers its exporter beside it, in its {@link
 * io.pretext.api.plugin.PluginModule}:
 *
 * <pre>{@code
 * protected void declare(PluginRegistrar plugins) {
 *   plugins.encoder("my-encoder", MyEncoderFactory.class);
 *   plugins.layerExporter(ScaledTanh.class, (block, inputs, scope) -> {
 *     OnnxGraph g = scope.graph();
 *     String t = g.node("Tanh", scope.hint("tanh"), List.of(inputs.get(0).name()));
 *     return List.of(g.node("Mul", scope.hint("scaled"), List.of(t, g.scalar(scope.hint("scale"), block.scale()))));
 *   });
 * }
 * }</pre>
 *
 * @param <B> the block class, matched exactly (a subclass needs its own exporter)
 */
@FunctionalInterface
public interface LayerExporter<B extends Block> {

  /**
   * @param block the initialised block
   * @param inputs the block's inputs, with their traced shapes
   * @param scope the graph, the block's path and access to its children and weights
   * @return the names of the block's outputs
   */
  List<String> export(B block, List<GraphValue> inputs, ExportScope scope);
}

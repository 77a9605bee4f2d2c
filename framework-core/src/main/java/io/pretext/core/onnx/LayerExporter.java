package io.pretext.core.onnx;

import ai.djl.nn.Block;
import java.util.List;

/**
 * Writes one block class as ONNX nodes. An exporter reads the block's hyper-parameters and
 * weights, adds nodes and initializers to the scope's graph (children through {@link
 * ExportScope#child}) and returns the names of the block's outputs, in the order of its {@code
 * forward} outputs. It must compute exactly what {@code forward} computes in inference mode;
 * {@link OnnxExporter} checks that with ONNX Runtime.
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

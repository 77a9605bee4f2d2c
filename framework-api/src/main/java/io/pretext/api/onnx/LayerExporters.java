package io.pretext.api.onnx;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ONNX writer of each block class, matched by exact class, and the check that a block tree
 * uses no other. The engine builds the set from what every plugin module registers ({@link
 * io.pretext.api.plugin.PluginRegistrar#layerExporter}), the framework's own layers included, so
 * the classes that are written and the classes that pass the check are one list.
 *
 * <p>Membership is by exact class: a subclass may change what {@code forward} computes, so it is
 * not assumed to export like its parent. DJL's {@code LambdaBlock} and {@code ParallelBlock}
 * wrap Java functions no writer can see into. Immutable; {@link #with} returns a copy.
 */
public final class LayerExporters {
  private final Map<Class<? extends Block>, LayerExporter<? extends Block>> byClass;

  private LayerExporters(Map<Class<? extends Block>, LayerExporter<? extends Block>> byClass) {
    this.byClass = Map.copyOf(byClass);
  }

  /** No exporter at all. */
  public static LayerExporters empty() {
    return new LayerExporters(Map.of());
  }

  /** A copy in which {@code type} is written by {@code exporter}. */
  public <B extends Block> LayerExporters with(Class<B> type, LayerExporter<B> exporter) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(exporter, "exporter");
    Map<Class<? extends Block>, LayerExporter<? extends Block>> copy = new HashMap<>(byClass);
    copy.put(type, exporter);
    return new LayerExporters(copy);
  }

  /** The classes that have an exporter. */
  public Set<Class<? extends Block>> classes() {
    return byClass.keySet();
  }

  /** Whether the block's own class has an exporter (its children aside). */
  public boolean supports(Block block) {
    return byClass.containsKey(block.getClass());
  }

  /**
   * Every block of the tree without an exporter, as {@code path (class)}; the path joins child
   * names from the root with '/' ({@code <root>} for the root). The children of an unsupported
   * block are walked too. Empty when the tree exports.
   */
  public List<String> unsupported(Block root) {
    List<String> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  /**
   * Throws an {@link OnnxExportException} listing every block without an exporter, if any.
   *
   * @param what the model, for the message, e.g. {@code encoder 'resnet18'}
   */
  public void requireExportable(Block root, String what) {
    List<String> bad = unsupported(root);
    if (!bad.isEmpty()) {
      throw new OnnxExportException(what + " cannot be written to ONNX: no exporter for " + String.join(", ", bad)
          + ". Build it from the layers of io.pretext.api.nn.layers, or register a LayerExporter for that class "
          + "in the plugin module that brings the layer (PluginRegistrar.layerExporter).");
    }
  }

  private void walk(Block block, String path, List<String> out) {
    if (!supports(block)) {
      out.add((path.isEmpty() ? "<root>" : path) + " (" + block.getClass().getName() + ")");
    }
    for (Pair<String, Block> child : block.getChildren()) {
      walk(child.getValue(), path.isEmpty() ? child.getKey() : path + "/" + child.getKey(), out);
    }
  }

  /**
   * Writes a whole model into the graph: the root block through its class's exporter, which
   * writes its children through theirs. Returns the model's outputs with their traced shapes.
   *
   * @param inputs the graph values the root takes, already declared as graph inputs
   */
  public List<GraphValue> export(Block root, List<GraphValue> inputs, OnnxGraph graph) {
    return exportChild(root, inputs, new ExportScope(graph, this, root, ""));
  }

  /** Exports one block through its class's exporter and attaches the traced output shapes. */
  List<GraphValue> exportChild(Block block, List<GraphValue> inputs, ExportScope scope) {
    LayerExporter<? extends Block> exporter = byClass.get(block.getClass());
    if (exporter == null) {
      throw new OnnxExportException(scope.path() + " (" + block.getClass().getName() + ") has no ONNX exporter");
    }
    return ExportScope.values(block, inputs, call(exporter, block, inputs, scope));
  }

  @SuppressWarnings("unchecked")
  private static <B extends Block> List<String> call(
      LayerExporter<B> exporter, Block block, List<GraphValue> inputs, ExportScope scope) {
    // The map pairs each class with an exporter of that class (see with()), so the cast holds.
    return exporter.export((B) block, inputs, scope);
  }
}

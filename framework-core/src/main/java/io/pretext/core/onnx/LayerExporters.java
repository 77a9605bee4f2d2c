package io.pretext.core.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import io.pretext.api.nn.layers.AvgPool2d;
import io.pretext.api.nn.layers.BatchNorm2d;
import io.pretext.api.nn.layers.Flatten;
import io.pretext.api.nn.layers.Gelu;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.nn.layers.MaxPool2d;
import io.pretext.api.nn.layers.Relu;
import io.pretext.api.nn.layers.Residual;
import io.pretext.api.nn.layers.Dropout;
import io.pretext.api.nn.layers.FirstOutput;
import io.pretext.api.nn.layers.LayerNorm;
import io.pretext.api.nn.layers.MultiHeadSelfAttention;
import io.pretext.api.nn.layers.PositionEmbedding;
import io.pretext.api.nn.layers.TokenEmbedding;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.nn.layers.TransformerLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exporter of each block class, matched by exact class. {@link #standard()} covers every
 * class of {@link io.pretext.core.onnx.ExportableLayers}; {@link #with} returns a copy with
 * one exporter added or replaced. Immutable.
 */
public final class LayerExporters {
  private final Map<Class<? extends Block>, LayerExporter<? extends Block>> byClass;

  private LayerExporters(Map<Class<? extends Block>, LayerExporter<? extends Block>> byClass) {
    this.byClass = Map.copyOf(byClass);
  }

  /** The exporters of the framework's layer vocabulary. */
  public static LayerExporters standard() {
    return new LayerExporters(Map.of())
        .with(SequentialBlock.class, StructureExporters::sequential)
        .with(Residual.class, StructureExporters::residual)
        .with(Conv2d.class, new Conv2dExporter())
        .with(Linear.class, new LinearExporter())
        .with(BatchNorm2d.class, new BatchNorm2dExporter())
        .with(Relu.class, ActivationExporters::relu)
        .with(Gelu.class, ActivationExporters::gelu)
        .with(MaxPool2d.class, PoolExporters::max)
        .with(AvgPool2d.class, PoolExporters::average)
        .with(GlobalAvgPool2d.class, PoolExporters::globalAverage)
        .with(Flatten.class, StructureExporters::flatten)
        .with(FirstOutput.class, StructureExporters::firstOutput)
        .with(TokenEmbedding.class, EmbeddingExporters::tokens)
        .with(PositionEmbedding.class, EmbeddingExporters::positions)
        .with(LayerNorm.class, TransformerExporters::layerNorm)
        .with(Dropout.class, TransformerExporters::dropout)
        .with(MultiHeadSelfAttention.class, new AttentionExporter())
        .with(TransformerLayer.class, TransformerExporters::layer)
        .with(TransformerEncoder.class, TransformerExporters::encoder);
  }

  /** A copy in which {@code type} is written by {@code exporter}. */
  public <B extends Block> LayerExporters with(Class<B> type, LayerExporter<B> exporter) {
    Map<Class<? extends Block>, LayerExporter<? extends Block>> copy = new HashMap<>(byClass);
    copy.put(type, exporter);
    return new LayerExporters(copy);
  }

  /** The classes that have an exporter. */
  public Set<Class<? extends Block>> classes() {
    return byClass.keySet();
  }

  /**
   * Every block of the tree without an exporter, as {@code path (class)}; the path joins child
   * names from the root with '/' ({@code <root>} for the root). Empty when the tree exports.
   */
  public List<String> unsupported(Block root) {
    List<String> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  private void walk(Block block, String path, List<String> out) {
    if (!byClass.containsKey(block.getClass())) {
      out.add((path.isEmpty() ? "<root>" : path) + " (" + block.getClass().getName() + ")");
    }
    for (Pair<String, Block> child : block.getChildren()) {
      walk(child.getValue(), path.isEmpty() ? child.getKey() : path + "/" + child.getKey(), out);
    }
  }

  /** Exports one block through its class's exporter and attaches the traced output shapes. */
  List<GraphValue> export(Block block, List<GraphValue> inputs, ExportScope scope) {
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

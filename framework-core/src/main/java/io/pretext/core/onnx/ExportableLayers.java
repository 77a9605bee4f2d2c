package io.pretext.core.onnx;

import io.pretext.api.nn.layers.AvgPool2d;
import io.pretext.api.nn.layers.BatchNorm2d;
import io.pretext.api.nn.layers.Dropout;
import io.pretext.api.nn.layers.FirstOutput;
import io.pretext.api.nn.layers.Flatten;
import io.pretext.api.nn.layers.Gelu;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.nn.layers.LayerNorm;
import io.pretext.api.nn.layers.MaxPool2d;
import io.pretext.api.nn.layers.MultiHeadSelfAttention;
import io.pretext.api.nn.layers.PositionEmbedding;
import io.pretext.api.nn.layers.Relu;
import io.pretext.api.nn.layers.Residual;
import io.pretext.api.nn.layers.TokenEmbedding;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.nn.layers.TransformerLayer;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The block classes the ONNX exporter writes, and a check that a block tree uses no other.
 *
 * <p>Membership is by exact class: a subclass may change what {@code forward} computes, so it is
 * not assumed to export like its parent. DJL's {@code LambdaBlock} and {@code ParallelBlock}
 * wrap Java functions the exporter cannot see into, and are never supported.
 */
public final class ExportableLayers {
  private static final Set<Class<? extends Block>> SUPPORTED = Set.of(
      SequentialBlock.class, Residual.class,
      Conv2d.class, Linear.class, BatchNorm2d.class,
      Relu.class, Gelu.class, FirstOutput.class,
      MaxPool2d.class, AvgPool2d.class, GlobalAvgPool2d.class, Flatten.class,
      TokenEmbedding.class, PositionEmbedding.class, LayerNorm.class, Dropout.class,
      MultiHeadSelfAttention.class, TransformerLayer.class, TransformerEncoder.class);

  private ExportableLayers() {}

  /** Every class the exporter supports. */
  public static Set<Class<? extends Block>> supported() {
    return SUPPORTED;
  }

  public static boolean isSupported(Block block) {
    return SUPPORTED.contains(block.getClass());
  }

  /**
   * Walks the tree and lists each block the exporter cannot write, as {@code path (class)}, where
   * the path joins child names from the root with '/' ({@code <root>} for the root itself). The
   * children of an unsupported block are walked too. Empty when the whole tree is exportable.
   */
  public static List<String> unsupported(Block root) {
    List<String> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  /** Throws an IllegalArgumentException listing every unsupported block, if any. */
  public static void requireExportable(Block root, String what) {
    List<String> bad = unsupported(root);
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(what + " uses blocks the ONNX exporter cannot write: "
          + String.join(", ", bad) + ". Build it from io.pretext.api.nn.layers (see ExportableLayers.supported()).");
    }
  }

  private static void walk(Block block, String path, List<String> out) {
    if (!isSupported(block)) {
      out.add((path.isEmpty() ? "<root>" : path) + " (" + block.getClass().getName() + ")");
    }
    for (Pair<String, Block> child : block.getChildren()) {
      walk(child.getValue(), path.isEmpty() ? child.getKey() : path + "/" + child.getKey(), out);
    }
  }
}

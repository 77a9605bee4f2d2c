package io.pretext.testkit;

import ai.djl.nn.Block;
import io.pretext.core.onnx.ExportableLayers;
import java.util.List;

/**
 * Whether {@code pretext export} can write a block tree to ONNX: the one place where the kit asks
 * the exporter, so that a plugin's tests follow the exporter when its rules change.
 */
public final class ExportCheck {
  private ExportCheck() {}

  /**
   * The blocks of the tree that the exporter has no writer for, each as {@code path (class)} with
   * the path of child names from the root; empty when the whole tree can be exported.
   */
  public static List<String> blocksWithoutWriter(Block root) {
    return ExportableLayers.unsupported(root);
  }
}

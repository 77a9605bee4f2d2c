package io.pretext.testkit;

import ai.djl.nn.Block;
import io.pretext.core.plugin.PluginLoader;
import java.util.List;

/**
 * Whether {@code pretext export} can write a block tree to ONNX: the one place where the kit asks
 * the exporter, so that a plugin's tests follow the exporter when its rules change. The writers are
 * those of every plugin on the classpath, found as {@code pretext export} finds them (the built-in
 * layers' and the plugin's own, registered through {@code PluginRegistrar.layerExporter}).
 */
public final class ExportCheck {
  private ExportCheck() {}

  /**
   * The blocks of the tree that the exporter has no writer for, each as {@code path (class)} with
   * the path of child names from the root; empty when the whole tree can be exported.
   */
  public static List<String> blocksWithoutWriter(Block root) {
    return PluginLoader.discover().layerExporters().unsupported(root);
  }
}

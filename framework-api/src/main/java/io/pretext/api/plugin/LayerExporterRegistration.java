package io.pretext.api.plugin;

import ai.djl.nn.Block;
import io.pretext.api.onnx.LayerExporter;
import io.pretext.api.onnx.LayerExporters;
import java.util.Objects;

/**
 * The ONNX writer of one layer class, contributed by a plugin module, with where it came from.
 *
 * @param layer the block class, matched exactly
 * @param exporter its writer
 * @param moduleClass the module that registered it
 * @param <B> the block class
 */
public record LayerExporterRegistration<B extends Block>(Class<B> layer, LayerExporter<B> exporter,
    Class<?> moduleClass) {
  public LayerExporterRegistration {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(exporter, "exporter");
    Objects.requireNonNull(moduleClass, "moduleClass");
  }

  /** The jar (or class folder) the module was loaded from, and the module class. */
  public String origin() {
    return PluginRegistration.location(moduleClass) + " (" + moduleClass.getName() + ")";
  }

  /** A copy of {@code exporters} in which this layer is written by this writer. */
  public LayerExporters addTo(LayerExporters exporters) {
    return exporters.with(layer, exporter);
  }
}

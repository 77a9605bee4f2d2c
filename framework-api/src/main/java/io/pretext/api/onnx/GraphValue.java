package io.pretext.api.onnx;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * A value of the graph being built: its name and the shape it has for the traced sample (batch 1
 * and the sample's sequence length). The shape gives exporters the rank and the static feature
 * sizes; batch and sequence sizes in it are never written into the graph.
 */
public record GraphValue(String name, Shape shape) {
  public GraphValue {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
  }

  public int rank() {
    return shape.dimension();
  }
}

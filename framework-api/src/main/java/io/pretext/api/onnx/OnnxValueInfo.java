package io.pretext.api.onnx;

import java.util.List;
import java.util.Objects;

/**
 * A graph input or output: its name, element type and dimensions, each a {@link Long} (a fixed
 * size) or a {@link String} (a symbolic axis such as {@code batch}).
 */
public record OnnxValueInfo(String name, ElementType type, List<Object> dims) {
  public OnnxValueInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    dims = dims.stream().map(d -> dimension(name, d)).toList();
  }

  private static Object dimension(String name, Object d) {
    if (d instanceof String || d instanceof Long) {
      return d;
    }
    if (d instanceof Integer i) {
      return i.longValue();
    }
    throw new IllegalArgumentException(name + ": a dimension is a Long or a String (a symbolic axis), got " + d);
  }
}

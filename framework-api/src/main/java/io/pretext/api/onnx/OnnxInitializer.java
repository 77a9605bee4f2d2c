package io.pretext.api.onnx;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A constant of the graph (a weight, a shape, axes): its name, element type, dimensions and
 * values as little-endian bytes in row-major order.
 */
public final class OnnxInitializer {
  private final String name;
  private final ElementType type;
  private final List<Long> dims;
  private final ByteBuffer data;

  OnnxInitializer(String name, ElementType type, List<Long> dims, ByteBuffer data) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.dims = List.copyOf(dims);
    this.data = data.asReadOnlyBuffer();
  }

  public String name() {
    return name;
  }

  public ElementType type() {
    return type;
  }

  public List<Long> dims() {
    return dims;
  }

  /** The values, little-endian, from position 0 to the limit; a read-only view of its own. */
  public ByteBuffer data() {
    return data.duplicate().rewind();
  }
}

package io.pretext.api.onnx;

import java.util.List;
import java.util.Objects;

/**
 * One attribute of a node: a name and a value of one of ONNX's attribute types. Build them with
 * {@link OnnxGraph#attr(String, long)}, {@link OnnxGraph#attr(String, float)} and {@link
 * OnnxGraph#ints(String, long...)}, or with the records below.
 */
public sealed interface OnnxAttribute {

  /** The attribute's name, e.g. {@code kernel_shape}. */
  String name();

  /** An INT attribute. */
  record IntAttribute(String name, long value) implements OnnxAttribute {
    public IntAttribute {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A FLOAT attribute. */
  record FloatAttribute(String name, float value) implements OnnxAttribute {
    public FloatAttribute {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A STRING attribute, e.g. the {@code mode} of Resize. */
  record StringAttribute(String name, String value) implements OnnxAttribute {
    public StringAttribute {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** An INTS attribute. */
  record IntsAttribute(String name, List<Long> values) implements OnnxAttribute {
    public IntsAttribute {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }
  }

  /** A FLOATS attribute. */
  record FloatsAttribute(String name, List<Float> values) implements OnnxAttribute {
    public FloatsAttribute {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }
  }
}

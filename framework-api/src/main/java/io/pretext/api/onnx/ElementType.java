package io.pretext.api.onnx;

/** The element types a graph declares for its inputs, outputs and initializers, with ONNX's numbers. */
public enum ElementType {
  FLOAT(1, "float32"),
  INT64(7, "int64");

  private final int code;
  private final String label;

  ElementType(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** ONNX's {@code TensorProto.DataType} number, e.g. for the {@code to} attribute of a Cast node. */
  public int code() {
    return code;
  }

  /** The name in an {@link InputSignature}'s text, e.g. {@code float32}. */
  public String label() {
    return label;
  }
}

package io.pretext.core.onnx;

import ai.djl.ndarray.types.Shape;
import com.google.protobuf.ByteString;
import io.pretext.core.onnx.proto.AttributeProto;
import io.pretext.core.onnx.proto.GraphProto;
import io.pretext.core.onnx.proto.NodeProto;
import io.pretext.core.onnx.proto.TensorProto;
import io.pretext.core.onnx.proto.TensorShapeProto;
import io.pretext.core.onnx.proto.TypeProto;
import io.pretext.core.onnx.proto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one ONNX graph: nodes in the order they are added (which must be topological),
 * initializers, inputs and outputs. Names are made unique with a per-prefix counter, so the
 * same model always gives the same file.
 */
public final class OnnxGraph {
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Map<String, Integer> counters = new HashMap<>();
  private final int opset;

  /** @param opset the version of the default ONNX operator set the graph targets */
  public OnnxGraph(String name, int opset) {
    graph.setName(name);
    this.opset = opset;
  }

  /** The operator-set version, for exporters whose operators changed between versions. */
  public int opset() {
    return opset;
  }

  /** A name not used before: {@code prefix}, then {@code prefix_1}, {@code prefix_2}, ... */
  public String freshName(String prefix) {
    int n = counters.merge(prefix, 1, Integer::sum) - 1;
    return n == 0 ? prefix : prefix + "_" + n;
  }

  /**
   * Adds a node with one output and returns the output's name.
   *
   * @param hint a readable prefix for the output's name (e.g. the block path)
   */
  public String node(String opType, String hint, List<String> inputs, AttributeProto... attributes) {
    String out = freshName(hint);
    node(opType, inputs, List.of(out), attributes);
    return out;
  }

  /** Adds a node with the given inputs and outputs. */
  public void node(String opType, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
    graph.addNode(NodeProto.newBuilder()
        .setOpType(opType)
        .setName(freshName("node_" + opType))
        .addAllInput(inputs)
        .addAllOutput(outputs)
        .addAllAttribute(List.of(attributes)));
  }

  /** Adds a FLOAT initializer (a weight) with the given dimensions; returns its name. */
  public String floats(String hint, float[] values, long... dims) {
    requireSize(values.length, dims, hint);
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    return initializer(hint, TensorProto.DataType.FLOAT, raw, dims);
  }

  /** Adds an INT64 initializer (shapes, axes, indices) with the given dimensions; returns its name. */
  public String longs(String hint, long[] values, long... dims) {
    requireSize(values.length, dims, hint);
    ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    return initializer(hint, TensorProto.DataType.INT64, raw, dims);
  }

  /** A FLOAT scalar constant. */
  public String scalar(String hint, float value) {
    return floats(hint, new float[] {value});
  }

  /** A 1-D INT64 constant. */
  public String vector(String hint, long... values) {
    return longs(hint, values, values.length);
  }

  private String initializer(String hint, TensorProto.DataType type, ByteBuffer raw, long... dims) {
    String name = freshName(hint);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    raw.rewind();
    graph.addInitializer(t.setRawData(ByteString.copyFrom(raw)));
    return name;
  }

  /** Declares a graph input of the given element type; {@code dims} holds a Long or a String (a symbolic axis). */
  public void input(String name, TensorProto.DataType type, List<Object> dims) {
    graph.addInput(valueInfo(name, type, dims));
  }

  /** Declares a graph output. */
  public void output(String name, TensorProto.DataType type, List<Object> dims) {
    graph.addOutput(valueInfo(name, type, dims));
  }

  GraphProto build() {
    return graph.build();
  }

  private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, List<Object> dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof String symbol) {
        dim.setDimParam(symbol);
      } else {
        dim.setDimValue(((Number) d).longValue());
      }
      shape.addDim(dim);
    }
    TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
  }

  private static void requireSize(int count, long[] dims, String hint) {
    long size = new Shape(dims).size();
    if (size != count) {
      throw new IllegalArgumentException(hint + ": " + count + " values do not fill dimensions " + new Shape(dims));
    }
  }

  /** An INT attribute. */
  public static AttributeProto attr(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  /** A FLOAT attribute. */
  public static AttributeProto attr(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  /** An INTS attribute. */
  public static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }
}

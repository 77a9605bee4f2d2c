package io.pretext.api.onnx;

import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one ONNX graph in memory: nodes in the order they are added (which must be
 * topological), initializers, inputs and outputs. Names are made unique with a per-prefix
 * counter, so the same model always gives the same file. It knows nothing of ONNX's protobuf
 * encoding: the engine serialises it.
 */
public final class OnnxGraph {
  private final String name;
  private final int opset;
  private final Map<String, Integer> counters = new HashMap<>();
  private final List<OnnxNode> nodes = new ArrayList<>();
  private final List<OnnxInitializer> initializers = new ArrayList<>();
  private final List<OnnxValueInfo> inputs = new ArrayList<>();
  private final List<OnnxValueInfo> outputs = new ArrayList<>();

  /** @param opset the version of the default ONNX operator set the graph targets */
  public OnnxGraph(String name, int opset) {
    this.name = name;
    this.opset = opset;
  }

  public String name() {
    return name;
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
  public String node(String opType, String hint, List<String> inputs, OnnxAttribute... attributes) {
    String out = freshName(hint);
    node(opType, inputs, List.of(out), attributes);
    return out;
  }

  /** Adds a node with the given inputs and outputs. */
  public void node(String opType, List<String> inputs, List<String> outputs, OnnxAttribute... attributes) {
    nodes.add(new OnnxNode(opType, freshName("node_" + opType), inputs, outputs, List.of(attributes)));
  }

  /** Adds a FLOAT initializer (a weight) with the given dimensions; returns its name. */
  public String floats(String hint, float[] values, long... dims) {
    requireSize(values.length, dims, hint);
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    return initializer(hint, ElementType.FLOAT, raw, dims);
  }

  /** Adds an INT64 initializer (shapes, axes, indices) with the given dimensions; returns its name. */
  public String longs(String hint, long[] values, long... dims) {
    requireSize(values.length, dims, hint);
    ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    return initializer(hint, ElementType.INT64, raw, dims);
  }

  /** A FLOAT scalar constant. */
  public String scalar(String hint, float value) {
    return floats(hint, new float[] {value});
  }

  /** A 1-D INT64 constant. */
  public String vector(String hint, long... values) {
    return longs(hint, values, values.length);
  }

  private String initializer(String hint, ElementType type, ByteBuffer raw, long... dims) {
    String out = freshName(hint);
    initializers.add(new OnnxInitializer(out, type, Arrays.stream(dims).boxed().toList(), raw));
    return out;
  }

  /** Declares a graph input of the given element type; {@code dims} holds a Long or a String (a symbolic axis). */
  public void input(String name, ElementType type, List<Object> dims) {
    inputs.add(new OnnxValueInfo(name, type, dims));
  }

  /** Declares a graph output. */
  public void output(String name, ElementType type, List<Object> dims) {
    outputs.add(new OnnxValueInfo(name, type, dims));
  }

  /** The nodes, in the order added. */
  public List<OnnxNode> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /** The initializers, in the order added. */
  public List<OnnxInitializer> initializers() {
    return Collections.unmodifiableList(initializers);
  }

  public List<OnnxValueInfo> inputs() {
    return Collections.unmodifiableList(inputs);
  }

  public List<OnnxValueInfo> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  private static void requireSize(int count, long[] dims, String hint) {
    long size = new Shape(dims).size();
    if (size != count) {
      throw new IllegalArgumentException(hint + ": " + count + " values do not fill dimensions " + new Shape(dims));
    }
  }

  /** An INT attribute. */
  public static OnnxAttribute attr(String name, long value) {
    return new OnnxAttribute.IntAttribute(name, value);
  }

  /** A FLOAT attribute. */
  public static OnnxAttribute attr(String name, float value) {
    return new OnnxAttribute.FloatAttribute(name, value);
  }

  /** An INTS attribute. */
  public static OnnxAttribute ints(String name, long... values) {
    return new OnnxAttribute.IntsAttribute(name, Arrays.stream(values).boxed().toList());
  }
}

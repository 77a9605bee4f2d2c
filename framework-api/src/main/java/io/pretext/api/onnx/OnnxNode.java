package io.pretext.api.onnx;

import java.util.List;
import java.util.Objects;

/**
 * One node of a graph: an operator of the default ONNX domain applied to named values.
 *
 * @param opType the operator, e.g. {@code Conv}
 * @param name the node's unique name
 * @param inputs the names of its inputs, in the operator's order
 * @param outputs the names of its outputs
 * @param attributes its attributes, in the order written
 */
public record OnnxNode(String opType, String name, List<String> inputs, List<String> outputs,
    List<OnnxAttribute> attributes) {
  public OnnxNode {
    Objects.requireNonNull(opType, "opType");
    Objects.requireNonNull(name, "name");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    attributes = List.copyOf(attributes);
  }
}

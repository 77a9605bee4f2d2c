package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.pretext.api.nn.layers.FirstOutput;
import io.pretext.api.nn.layers.Flatten;
import io.pretext.api.nn.layers.Residual;
import java.util.List;

/** Blocks that arrange others or reshape: a sequence, a residual add, flatten. */
public final class StructureExporters {
  private StructureExporters() {}

  /** Each child on the previous child's outputs; no child is the identity. */
  public static List<String> sequential(SequentialBlock block, List<GraphValue> inputs, ExportScope scope) {
    List<GraphValue> values = inputs;
    for (Block child : block.getChildren().values()) {
      values = scope.child(child, values);
    }
    return values.stream().map(GraphValue::name).toList();
  }

  /** {@code main(x) + shortcut(x)} (the shortcut is the identity when absent), one Add. */
  public static List<String> residual(Residual block, List<GraphValue> inputs, ExportScope scope) {
    String main = scope.child(block.getMain(), inputs).get(0).name();
    String skip = block.getShortcut().map(s -> scope.child(s, inputs).get(0).name()).orElse(inputs.get(0).name());
    return List.of(scope.graph().node("Add", scope.hint("residual"), List.of(main, skip)));
  }

  /** (N, d1, d2, ...) to (N, d1*d2*...): Flatten with axis 1. */
  public static List<String> flatten(Flatten block, List<GraphValue> inputs, ExportScope scope) {
    return List.of(scope.graph().node("Flatten", scope.hint("flatten"), List.of(inputs.get(0).name()), attr("axis", 1L)));
  }

  /** Output 0 of the block before: no node. */
  public static List<String> firstOutput(FirstOutput block, List<GraphValue> inputs, ExportScope scope) {
    return List.of(inputs.get(0).name());
  }
}

package io.pretext.api.onnx;

import ai.djl.nn.Block;
import java.util.List;

/** The element-wise activations: ReLU, and GELU in its exact erf form. */
public final class ActivationExporters {
  /** The first operator set with a Gelu operator. */
  public static final int GELU_OPSET = 20;

  private ActivationExporters() {}

  /** ONNX Relu. */
  public static List<String> relu(Block block, List<GraphValue> inputs, ExportScope scope) {
    return List.of(scope.graph().node("Relu", scope.hint("relu"), List.of(inputs.get(0).name())));
  }

  /**
   * {@code 0.5 * x * (1 + erf(x / sqrt(2)))}, PyTorch's default GELU: ONNX Gelu from opset 20,
   * the same expression from Div, Erf, Add and Mul before.
   */
  public static List<String> gelu(Block block, List<GraphValue> inputs, ExportScope scope) {
    return List.of(gelu(inputs.get(0).name(), scope));
  }

  /** Writes the exact GELU of one value; shared with the blocks that apply GELU inside. */
  public static String gelu(String x, ExportScope scope) {
    OnnxGraph g = scope.graph();
    if (g.opset() >= GELU_OPSET) {
      return g.node("Gelu", scope.hint("gelu"), List.of(x));
    }
    String scaled = g.node("Div", scope.hint("gelu_scaled"), List.of(x, g.scalar(scope.hint("sqrt2"), (float) Math.sqrt(2))));
    String erf = g.node("Erf", scope.hint("gelu_erf"), List.of(scaled));
    String onePlus = g.node("Add", scope.hint("gelu_1p"), List.of(erf, g.scalar(scope.hint("one"), 1f)));
    String times = g.node("Mul", scope.hint("gelu_x"), List.of(x, onePlus));
    return g.node("Mul", scope.hint("gelu"), List.of(times, g.scalar(scope.hint("half"), 0.5f)));
  }
}

package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL's {@link Linear}, {@code y = x W^T + b} over the last axis with W of shape (units, in): a
 * Gemm with {@code transB = 1} for (N, in) inputs; for inputs of higher rank (e.g. token states
 * (N, T, in)) a MatMul with W^T stored transposed, then an Add of the bias.
 */
final class LinearExporter implements LayerExporter<Linear> {

  @Override
  public List<String> export(Linear linear, List<GraphValue> inputs, ExportScope scope) {
    GraphValue x = inputs.get(0);
    boolean bias = scope.hasParameter("bias");
    OnnxGraph graph = scope.graph();
    if (x.rank() == 2) {
      List<String> args = new ArrayList<>(List.of(x.name(), scope.weight("weight")));
      if (bias) {
        args.add(scope.weight("bias"));
      }
      return List.of(graph.node("Gemm", scope.hint("linear"), args, attr("transB", 1L)));
    }
    NDArray w = scope.parameter("weight");
    long units = w.getShape().get(0);
    long in = w.getShape().get(1);
    String wt;
    try (NDArray transposed = w.transpose()) {
      wt = graph.floats(scope.hint("weight_t"), ExportScope.floats(transposed), in, units);
    }
    String y = graph.node("MatMul", scope.hint("matmul"), List.of(x.name(), wt));
    return List.of(bias ? graph.node("Add", scope.hint("linear"), List.of(y, scope.weight("bias"))) : y);
  }
}

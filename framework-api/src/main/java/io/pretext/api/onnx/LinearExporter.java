package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;

import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL's {@link Linear}, {@code y = x W^T + b} over the last axis with W of shape (units, in), as
 * one Gemm with {@code transB = 1} (the bias added inside the matrix product). An input of higher
 * rank (e.g. token states (N, T, in)) is reshaped to (-1, in) for the Gemm and back to its leading
 * axes, read at run time, followed by the units.
 */
public final class LinearExporter implements LayerExporter<Linear> {

  @Override
  public List<String> export(Linear linear, List<GraphValue> inputs, ExportScope scope) {
    GraphValue x = inputs.get(0);
    OnnxGraph g = scope.graph();
    List<String> args = new ArrayList<>();
    args.add(x.rank() == 2 ? x.name() : g.node("Reshape", scope.hint("rows"),
        List.of(x.name(), g.vector(scope.hint("rows_shape"), -1, x.shape().get(x.rank() - 1)))));
    args.add(scope.weight("weight"));
    if (scope.hasParameter("bias")) {
      args.add(scope.weight("bias"));
    }
    String y = g.node("Gemm", scope.hint("linear"), args, attr("transB", 1L));
    if (x.rank() == 2) {
      return List.of(y);
    }
    long units = scope.parameter("weight").getShape().get(0);
    String leading = g.node("Shape", scope.hint("leading"), List.of(x.name()), attr("end", (long) x.rank() - 1));
    String shape = g.node("Concat", scope.hint("out_shape"),
        List.of(leading, g.vector(scope.hint("units"), units)), attr("axis", 0L));
    return List.of(g.node("Reshape", scope.hint("linear_out"), List.of(y, shape)));
  }
}

package io.pretext.core.testplugin;

import io.pretext.api.onnx.ExportScope;
import io.pretext.api.onnx.GraphValue;
import io.pretext.api.onnx.LayerExporter;
import io.pretext.api.onnx.OnnxGraph;
import java.util.List;

/** {@link ScaledTanh} as ONNX: {@code Mul(Tanh(x), scale)}. */
public final class ScaledTanhExporter implements LayerExporter<ScaledTanh> {

  @Override
  public List<String> export(ScaledTanh block, List<GraphValue> inputs, ExportScope scope) {
    OnnxGraph g = scope.graph();
    String tanh = g.node("Tanh", scope.hint("tanh"), List.of(inputs.get(0).name()));
    return List.of(g.node("Mul", scope.hint("scaled_tanh"), List.of(tanh, g.scalar(scope.hint("scale"), block.scale()))));
  }
}

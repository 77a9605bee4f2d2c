package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;

import io.pretext.api.nn.layers.BatchNorm2d;
import java.util.List;

/**
 * {@link BatchNorm2d} in inference form as ONNX BatchNormalization: {@code gamma * (x - mean) /
 * sqrt(var + eps) + beta} per channel, with the running statistics.
 */
public final class BatchNorm2dExporter implements LayerExporter<BatchNorm2d> {

  @Override
  public List<String> export(BatchNorm2d norm, List<GraphValue> inputs, ExportScope scope) {
    List<String> args = List.of(inputs.get(0).name(), scope.weight("gamma"), scope.weight("beta"),
        scope.weight("runningMean"), scope.weight("runningVar"));
    return List.of(scope.graph().node("BatchNormalization", scope.hint("batch_norm"), args,
        attr("epsilon", norm.getEpsilon())));
  }
}

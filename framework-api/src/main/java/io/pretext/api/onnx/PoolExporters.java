package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;
import static io.pretext.api.onnx.OnnxGraph.ints;

import io.pretext.api.nn.layers.AvgPool2d;
import io.pretext.api.nn.layers.GlobalAvgPool2d;
import io.pretext.api.nn.layers.MaxPool2d;
import java.util.List;

/**
 * The pools: square windows with symmetric padding and the output size rounded down ({@code
 * ceil_mode = 0}, as the layers compute it); the average counts padded cells ({@code
 * count_include_pad = 1}); the global average is followed by a Flatten to (N, C).
 */
public final class PoolExporters {
  private PoolExporters() {}

  /** ONNX MaxPool. */
  public static List<String> max(MaxPool2d pool, List<GraphValue> inputs, ExportScope scope) {
    long k = pool.getKernel();
    long s = pool.getStride();
    long p = pool.getPadding();
    return List.of(scope.graph().node("MaxPool", scope.hint("max_pool"), List.of(inputs.get(0).name()),
        ints("kernel_shape", k, k), ints("strides", s, s), ints("pads", p, p, p, p), attr("ceil_mode", 0L)));
  }

  /** ONNX AveragePool. */
  public static List<String> average(AvgPool2d pool, List<GraphValue> inputs, ExportScope scope) {
    long k = pool.getKernel();
    long s = pool.getStride();
    long p = pool.getPadding();
    return List.of(scope.graph().node("AveragePool", scope.hint("avg_pool"), List.of(inputs.get(0).name()),
        ints("kernel_shape", k, k), ints("strides", s, s), ints("pads", p, p, p, p), attr("ceil_mode", 0L),
        attr("count_include_pad", pool.isCountIncludePad() ? 1L : 0L)));
  }

  /** ONNX GlobalAveragePool, then Flatten to (N, C). */
  public static List<String> globalAverage(GlobalAvgPool2d pool, List<GraphValue> inputs, ExportScope scope) {
    OnnxGraph g = scope.graph();
    String pooled = g.node("GlobalAveragePool", scope.hint("global_pool"), List.of(inputs.get(0).name()));
    return List.of(g.node("Flatten", scope.hint("global_pool_flat"), List.of(pooled), attr("axis", 1L)));
  }
}

package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;

import io.pretext.api.nn.layers.PositionEmbedding;
import io.pretext.api.nn.layers.TokenEmbedding;
import java.util.List;

/** Token and learned position embeddings. */
public final class EmbeddingExporters {
  private EmbeddingExporters() {}

  /** Gather(weight (V, D), ids (N, T), axis 0) to (N, T, D). */
  public static List<String> tokens(TokenEmbedding block, List<GraphValue> inputs, ExportScope scope) {
    return List.of(scope.graph().node("Gather", scope.hint("tokens"),
        List.of(scope.weight("weight"), inputs.get(0).name()), attr("axis", 0L)));
  }

  /**
   * {@code x + weight[0:T]}: T is read from x's shape at run time (Shape, start 1, end 2), so any
   * sequence length up to the table's runs; the rows are taken with Slice and added with
   * broadcasting over the batch.
   */
  public static List<String> positions(PositionEmbedding block, List<GraphValue> inputs, ExportScope scope) {
    OnnxGraph g = scope.graph();
    String x = inputs.get(0).name();
    String length = g.node("Shape", scope.hint("length"), List.of(x), attr("start", 1L), attr("end", 2L));
    String rows = g.node("Slice", scope.hint("rows"),
        List.of(scope.weight("weight"), g.vector(scope.hint("zero"), 0), length, g.vector(scope.hint("axis0"), 0)));
    return List.of(g.node("Add", scope.hint("positions"), List.of(x, rows)));
  }
}

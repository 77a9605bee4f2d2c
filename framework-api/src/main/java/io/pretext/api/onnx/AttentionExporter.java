package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;
import static io.pretext.api.onnx.OnnxGraph.ints;

import io.pretext.api.nn.layers.MultiHeadSelfAttention;
import java.util.Arrays;
import java.util.List;

/**
 * {@link MultiHeadSelfAttention} with its key padding mask, as the layer computes it (see its
 * Javadoc), laid out for fast kernels: the joint projection's rows are split at export time into
 * three Gemms over the (N*T, D) rows (query, key, value); each result is reshaped to (N, T, H, d)
 * (N and T read at run time) and transposed to (N, H, T, d), the key straight to (N, H, d, T);
 * {@code q k^T} times 1/sqrt(d); the padded keys' term {@code Cast(pad) * MASKED_SCORE} unsqueezed
 * to (N, 1, 1, T) and added; Softmax over the keys; times v; heads joined back to (N, T, D); the
 * output projection.
 */
public final class AttentionExporter implements LayerExporter<MultiHeadSelfAttention> {

  @Override
  public List<String> export(MultiHeadSelfAttention block, List<GraphValue> inputs, ExportScope scope) {
    OnnxGraph g = scope.graph();
    GraphValue x = inputs.get(0);
    String pad = inputs.get(1).name();
    int dimension = block.getDimension();
    long heads = block.getHeads();
    long headSize = dimension / heads;

    String rows = g.node("Reshape", scope.hint("rows"), List.of(x.name(), g.vector(scope.hint("rows_shape"), -1, dimension)));
    String sequence = g.node("Shape", scope.hint("batch_sequence"), List.of(x.name()), attr("end", 2L));
    String headShape = g.node("Concat", scope.hint("head_shape"),
        List.of(sequence, g.vector(scope.hint("heads"), heads, headSize)), attr("axis", 0L));
    float[] w = ExportScope.floats(ExportScope.parameter(block.getInputProjection(), "weight", scope));
    float[] b = ExportScope.floats(ExportScope.parameter(block.getInputProjection(), "bias", scope));
    String q = project(g, scope, rows, headShape, w, b, 0, dimension, "q", 0, 2, 1, 3);
    String kt = project(g, scope, rows, headShape, w, b, 1, dimension, "k", 0, 2, 3, 1);
    String v = project(g, scope, rows, headShape, w, b, 2, dimension, "v", 0, 2, 1, 3);

    String products = g.node("MatMul", scope.hint("qk"), List.of(q, kt));
    String scores = g.node("Mul", scope.hint("scores"), List.of(products, g.scalar(scope.hint("scale"), block.getScale())));
    String padFloat = g.node("Cast", scope.hint("pad_float"), List.of(pad), attr("to", (long) ElementType.FLOAT.code()));
    String maskTerm = g.node("Mul", scope.hint("mask_term"),
        List.of(padFloat, g.scalar(scope.hint("masked_score"), MultiHeadSelfAttention.MASKED_SCORE)));
    String mask = g.node("Unsqueeze", scope.hint("mask"), List.of(maskTerm, g.vector(scope.hint("mask_axes"), 1, 2)));
    String masked = g.node("Add", scope.hint("masked_scores"), List.of(scores, mask));
    String weights = g.node("Softmax", scope.hint("weights"), List.of(masked), attr("axis", -1L));

    String attended = g.node("MatMul", scope.hint("attended"), List.of(weights, v));
    String byToken = g.node("Transpose", scope.hint("attended_t"), List.of(attended), ints("perm", 0, 2, 1, 3));
    String joined = g.node("Reshape", scope.hint("joined"),
        List.of(byToken, g.vector(scope.hint("joined_shape"), 0, 0, dimension)));
    return List.of(scope.child(block.getOutputProjection(), List.of(new GraphValue(joined, x.shape()))).get(0).name());
  }

  /**
   * One of the query, key and value projections: rows {@code part*D .. part*D+D-1} of the joint
   * weight and bias as a Gemm over the rows, reshaped to (N, T, H, d) and transposed by {@code perm}.
   */
  private static String project(OnnxGraph g, ExportScope scope, String rows, String headShape, float[] w, float[] b,
      int part, int dimension, String what, long... perm) {
    float[] weight = Arrays.copyOfRange(w, part * dimension * dimension, (part + 1) * dimension * dimension);
    float[] bias = Arrays.copyOfRange(b, part * dimension, (part + 1) * dimension);
    String y = g.node("Gemm", scope.hint(what), List.of(rows,
        g.floats(scope.hint(what + "_weight"), weight, dimension, dimension),
        g.floats(scope.hint(what + "_bias"), bias, dimension)), attr("transB", 1L));
    String split = g.node("Reshape", scope.hint(what + "_heads"), List.of(y, headShape));
    return g.node("Transpose", scope.hint(what + "_t"), List.of(split), ints("perm", perm));
  }
}

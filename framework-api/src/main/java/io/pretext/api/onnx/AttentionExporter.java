package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;
import static io.pretext.api.onnx.OnnxGraph.ints;

import io.pretext.api.nn.layers.MultiHeadSelfAttention;
import io.pretext.api.onnx.proto.TensorProto;
import java.util.List;

/**
 * {@link MultiHeadSelfAttention} with its key padding mask, step by step as the layer computes it
 * (see its Javadoc): the joint projection, a Reshape to (N, T, 3, H, d) (0 copies the dynamic
 * batch and sequence sizes) and a Transpose to (3, N, H, T, d); q, k and v by Gather on axis 0;
 * {@code q k^T} times 1/sqrt(d); the padded keys' term {@code Cast(pad) * MASKED_SCORE} unsqueezed
 * to (N, 1, 1, T) and added; Softmax over the keys; times v; heads joined back to (N, T, D); the
 * output projection.
 */
final class AttentionExporter implements LayerExporter<MultiHeadSelfAttention> {

  @Override
  public List<String> export(MultiHeadSelfAttention block, List<GraphValue> inputs, ExportScope scope) {
    OnnxGraph g = scope.graph();
    GraphValue x = inputs.get(0);
    String pad = inputs.get(1).name();
    long heads = block.getHeads();
    long headSize = block.getDimension() / heads;

    String qkv = scope.child(block.getInputProjection(), List.of(x)).get(0).name();
    String split = g.node("Reshape", scope.hint("qkv_heads"),
        List.of(qkv, g.vector(scope.hint("qkv_shape"), 0, 0, 3, heads, headSize)));
    String stacked = g.node("Transpose", scope.hint("qkv_stacked"), List.of(split), ints("perm", 2, 0, 3, 1, 4));
    String q = pick(g, scope, stacked, 0, "q");
    String k = pick(g, scope, stacked, 1, "k");
    String v = pick(g, scope, stacked, 2, "v");

    String kt = g.node("Transpose", scope.hint("k_t"), List.of(k), ints("perm", 0, 1, 3, 2));
    String products = g.node("MatMul", scope.hint("qk"), List.of(q, kt));
    String scores = g.node("Mul", scope.hint("scores"), List.of(products, g.scalar(scope.hint("scale"), block.getScale())));

    String padFloat = g.node("Cast", scope.hint("pad_float"), List.of(pad), attr("to", (long) TensorProto.DataType.FLOAT_VALUE));
    String maskTerm = g.node("Mul", scope.hint("mask_term"),
        List.of(padFloat, g.scalar(scope.hint("masked_score"), MultiHeadSelfAttention.MASKED_SCORE)));
    String mask = g.node("Unsqueeze", scope.hint("mask"), List.of(maskTerm, g.vector(scope.hint("mask_axes"), 1, 2)));
    String masked = g.node("Add", scope.hint("masked_scores"), List.of(scores, mask));
    String weights = g.node("Softmax", scope.hint("weights"), List.of(masked), attr("axis", -1L));

    String heads4 = g.node("MatMul", scope.hint("attended"), List.of(weights, v));
    String byToken = g.node("Transpose", scope.hint("attended_t"), List.of(heads4), ints("perm", 0, 2, 1, 3));
    String joined = g.node("Reshape", scope.hint("joined"),
        List.of(byToken, g.vector(scope.hint("joined_shape"), 0, 0, block.getDimension())));
    GraphValue joinedValue = new GraphValue(joined, x.shape());
    return List.of(scope.child(block.getOutputProjection(), List.of(joinedValue)).get(0).name());
  }

  private static String pick(OnnxGraph g, ExportScope scope, String stacked, long index, String what) {
    String at = g.longs(scope.hint(what + "_index"), new long[] {index});
    return g.node("Gather", scope.hint(what), List.of(stacked, at), attr("axis", 0L));
  }
}

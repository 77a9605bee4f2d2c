package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;
import static io.pretext.api.onnx.OnnxGraph.ints;

import io.pretext.api.nn.layers.Dropout;
import io.pretext.api.nn.layers.LayerNorm;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.nn.layers.TransformerLayer;
import java.util.List;

/** The Transformer's own blocks: layer norm, dropout, the pre-LN layer and the encoder with its mean pooling. */
public final class TransformerExporters {
  /** The first operator set where ReduceMean takes its axes as an input. */
  public static final int REDUCE_AXES_INPUT_OPSET = 18;

  private TransformerExporters() {}

  /**
   * Layer norm over the last axis, written as its formula: {@code c = x - mean(x)}, {@code y =
   * c / sqrt(mean(c * c) + eps) * gamma + beta}. ONNX's LayerNormalization operator computes the
   * same, but ONNX Runtime 1.29's CPU kernel for it measured 2.5x slower than this form here
   * (BENCHMARKS.md, ONNX section).
   */
  public static List<String> layerNorm(LayerNorm block, List<GraphValue> inputs, ExportScope scope) {
    OnnxGraph g = scope.graph();
    String x = inputs.get(0).name();
    String mean = lastAxisMean(g, scope, x, "mean");
    String centred = g.node("Sub", scope.hint("centred"), List.of(x, mean));
    String squares = g.node("Mul", scope.hint("squares"), List.of(centred, centred));
    String variance = lastAxisMean(g, scope, squares, "variance");
    String shifted = g.node("Add", scope.hint("variance_eps"), List.of(variance, g.scalar(scope.hint("eps"), block.getEpsilon())));
    String deviation = g.node("Sqrt", scope.hint("deviation"), List.of(shifted));
    String normed = g.node("Div", scope.hint("normed"), List.of(centred, deviation));
    String scaled = g.node("Mul", scope.hint("scaled"), List.of(normed, scope.weight("gamma")));
    return List.of(g.node("Add", scope.hint("layer_norm"), List.of(scaled, scope.weight("beta"))));
  }

  /** ReduceMean over the last axis, kept: its axes are an attribute before opset 18 and an input from 18. */
  private static String lastAxisMean(OnnxGraph g, ExportScope scope, String x, String what) {
    if (g.opset() < REDUCE_AXES_INPUT_OPSET) {
      return g.node("ReduceMean", scope.hint(what), List.of(x), ints("axes", -1), attr("keepdims", 1L));
    }
    return g.node("ReduceMean", scope.hint(what), List.of(x, g.vector(scope.hint(what + "_axis"), -1)),
        attr("keepdims", 1L));
  }

  /** Inference dropout is the identity: no node. */
  public static List<String> dropout(Dropout block, List<GraphValue> inputs, ExportScope scope) {
    return List.of(inputs.get(0).name());
  }

  /** {@code h = x + attention(norm1(x), pad); y = h + ff2(gelu(ff1(norm2(h))))}, dropout omitted. */
  public static List<String> layer(TransformerLayer block, List<GraphValue> inputs, ExportScope scope) {
    OnnxGraph g = scope.graph();
    GraphValue x = inputs.get(0);
    GraphValue pad = inputs.get(1);
    GraphValue normed = scope.child(scope.childNamed("norm1"), List.of(x)).get(0);
    GraphValue attended = scope.child(block.getAttention(), List.of(normed, pad)).get(0);
    GraphValue h = new GraphValue(g.node("Add", scope.hint("attention_residual"), List.of(x.name(), attended.name())),
        x.shape());
    List<GraphValue> f = scope.child(scope.childNamed("norm2"), List.of(h));
    f = scope.child(scope.childNamed("ff1"), f);
    f = scope.child(scope.childNamed("gelu"), f);
    f = scope.child(scope.childNamed("ff2"), f);
    return List.of(g.node("Add", scope.hint("ff_residual"), List.of(h.name(), f.get(0).name())));
  }

  /**
   * The pad mask {@code Equal(ids, 0)}, the embeddings, the layers, the final norm, then the
   * masked mean: {@code ReduceSum(states * keep, axis 1) / Max(ReduceSum(keep, axis 1), 1)} with
   * {@code keep = Cast(Not(pad))}. Outputs: pooled (N, D) and states (N, T, D).
   */
  public static List<String> encoder(TransformerEncoder block, List<GraphValue> inputs, ExportScope scope) {
    OnnxGraph g = scope.graph();
    GraphValue ids = inputs.get(0);
    GraphValue pad = new GraphValue(g.node("Equal", scope.hint("pad"),
        List.of(ids.name(), g.longs(scope.hint("pad_id"), new long[] {TransformerEncoder.PAD_ID}))), ids.shape());
    List<GraphValue> x = scope.child(block.getTokens(), List.of(ids));
    x = scope.child(block.getPositions(), x);
    x = scope.child(scope.childNamed("dropout"), x);
    for (TransformerLayer layer : block.getLayers()) {
      x = scope.child(layer, List.of(x.get(0), pad));
    }
    String states = scope.child(scope.childNamed("norm"), x).get(0).name();

    String notPad = g.node("Not", scope.hint("not_pad"), List.of(pad.name()));
    String keep = g.node("Cast", scope.hint("keep"), List.of(notPad), attr("to", (long) ElementType.FLOAT.code()));
    String axis1 = g.vector(scope.hint("axis1"), 1);
    String count = g.node("ReduceSum", scope.hint("count"), List.of(keep, axis1), attr("keepdims", 1L));
    String divisor = g.node("Max", scope.hint("divisor"), List.of(count, g.scalar(scope.hint("one"), 1f)));
    String keep3 = g.node("Unsqueeze", scope.hint("keep3"), List.of(keep, g.vector(scope.hint("axis2"), 2)));
    String kept = g.node("Mul", scope.hint("kept"), List.of(states, keep3));
    String sum = g.node("ReduceSum", scope.hint("sum"), List.of(kept, axis1), attr("keepdims", 0L));
    return List.of(g.node("Div", scope.hint("pooled"), List.of(sum, divisor)), states);
  }
}

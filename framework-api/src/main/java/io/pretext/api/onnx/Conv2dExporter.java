package io.pretext.api.onnx;

import static io.pretext.api.onnx.OnnxGraph.attr;
import static io.pretext.api.onnx.OnnxGraph.ints;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL's {@link Conv2d} as ONNX Conv: weight (O, I/groups, kh, kw) in logical NCHW order (a
 * channels-last weight is reordered), optional bias (O), strides, symmetric pads, dilations and
 * groups from the block's getters.
 */
public final class Conv2dExporter implements LayerExporter<Conv2d> {

  @Override
  public List<String> export(Conv2d conv, List<GraphValue> inputs, ExportScope scope) {
    List<String> args = new ArrayList<>(List.of(inputs.get(0).name(), scope.weight("weight")));
    if (conv.isIncludeBias()) {
      args.add(scope.weight("bias"));
    }
    Shape pad = conv.getPadding();
    return List.of(scope.graph().node("Conv", scope.hint("conv"), args,
        ints("kernel_shape", conv.getKernelShape().getShape()),
        ints("strides", conv.getStride().getShape()),
        ints("pads", pad.get(0), pad.get(1), pad.get(0), pad.get(1)),
        ints("dilations", conv.getDilation().getShape()),
        attr("group", conv.getGroups())));
  }
}

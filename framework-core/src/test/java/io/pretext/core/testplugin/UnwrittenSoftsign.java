package io.pretext.core.testplugin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.pretext.api.nn.layers.ScalarOps;

/** Softsign {@code x / (1 + |x|)}: a layer whose plugin registers no ONNX writer, for the export check. */
public final class UnwrittenSoftsign extends AbstractBlock {

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray one = x.getManager().ones(new Shape());
    return new NDList(x.div(x.abs().add(one)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}

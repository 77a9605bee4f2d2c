package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Keeps output 0 of the block before it: the pooled features of an encoder with several outputs
 * (the text encoder also gives token states); the identity for single-output encoders. Put it
 * between an encoder and a classifier head. ONNX: no node, output 0 is passed on.
 */
public final class FirstOutput extends AbstractBlock {

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(inputs.head());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}

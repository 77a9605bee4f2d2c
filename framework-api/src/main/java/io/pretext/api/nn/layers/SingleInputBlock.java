package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A parameter-free block that maps exactly one array to one array. */
abstract class SingleInputBlock extends AbstractBlock {

  /** The function of the block. */
  abstract NDArray apply(NDArray input);

  /** The function in training or inference; the same in both unless overridden. */
  NDArray apply(NDArray input, boolean training) {
    return apply(input);
  }

  /** The output shape for one input shape; the identity unless overridden. */
  Shape outputShape(Shape input) {
    return input;
  }

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    requireSingle(inputs.size());
    return new NDList(apply(inputs.head(), training));
  }

  @Override
  public final Shape[] getOutputShapes(Shape[] inputShapes) {
    requireSingle(inputShapes.length);
    return new Shape[] {outputShape(inputShapes[0])};
  }

  private void requireSingle(int count) {
    if (count != 1) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " takes exactly one input, got " + count);
    }
  }

  /** Throws unless the shape has the given rank; names the block and the layout it expects. */
  final void requireRank(Shape shape, int rank, String layout) {
    if (shape.dimension() != rank) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " expects a rank-" + rank + " input " + layout
          + ", got shape " + shape);
    }
  }
}

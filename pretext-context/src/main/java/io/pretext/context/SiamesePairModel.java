package io.pretext.context;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Context prediction's late-fusion network (Doersch, Gupta, Efros 2015, Fig. 3): one encoder, its
 * weights shared by both patches, then a pair head on the two concatenated feature vectors.
 *
 * <p>Input (2N, C, P, P): rows {@code 0..N-1} the centre patches, rows {@code N..2N-1} their
 * neighbours, all passed through the encoder as one batch. The features (2N, F) are split in two
 * halves and concatenated to (N, 2F), which the head maps to (N, 8) logits.
 */
final class SiamesePairModel extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block encoder;
  private final Block head;

  SiamesePairModel(Block encoder, Block head) {
    super(VERSION);
    this.encoder = addChildBlock("encoder", encoder);
    this.head = addChildBlock("pairHead", head);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray features = encoder.forward(store, new NDList(inputs.head()), training, params).head();
    NDList halves = features.split(2, 0);
    NDArray pairs = halves.get(0).concat(halves.get(1), 1);
    return head.forward(store, new NDList(pairs), training, params);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    head.initialize(manager, dataType, pairShape(encoder.getOutputShapes(inputShapes)[0]));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return head.getOutputShapes(new Shape[] {pairShape(encoder.getOutputShapes(inputShapes)[0])});
  }

  private static Shape pairShape(Shape features) {
    if (features.dimension() != 2 || features.get(0) % 2 != 0) {
      throw new IllegalArgumentException("context prediction needs encoder features of shape (2N, F), got " + features);
    }
    return new Shape(features.get(0) / 2, 2 * features.get(1));
  }
}

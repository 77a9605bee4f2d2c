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
 * The late-fusion network of the spatial-context tasks: one encoder, its weights shared by the V
 * views of a sample, then a head on the V concatenated feature vectors. Context prediction's
 * siamese pair (Doersch, Gupta, Efros 2015, Fig. 3; V = 2: centre, neighbour) and Jigsaw's
 * context-free network (Noroozi and Favaro 2016, Fig. 3; V = 9 tiles).
 *
 * <p>Input (V·N, C, H, W), view-major: row {@code v·N + i} is view v of sample i; all rows go
 * through the encoder as one batch. The features (V·N, F) are regrouped to (N, V·F), view v's at
 * columns {@code v·F .. (v+1)·F − 1}, which the head maps to its logits.
 */
final class SharedEncoderModel extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block encoder;
  private final Block head;
  private final int views;

  /** @param headName the head's child name, which prefixes its parameters in checkpoints */
  SharedEncoderModel(Block encoder, String headName, Block head, int views) {
    super(VERSION);
    this.encoder = addChildBlock("encoder", encoder);
    this.head = addChildBlock(headName, head);
    this.views = views;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray features = encoder.forward(store, new NDList(inputs.head()), training, params).head();
    Shape fused = fusedShape(features.getShape());
    NDArray byView = features.reshape(views, fused.get(0), features.getShape().get(1));
    return head.forward(store, new NDList(byView.swapAxes(0, 1).reshape(fused)), training, params);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    head.initialize(manager, dataType, fusedShape(encoder.getOutputShapes(inputShapes)[0]));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return head.getOutputShapes(new Shape[] {fusedShape(encoder.getOutputShapes(inputShapes)[0])});
  }

  private Shape fusedShape(Shape features) {
    if (features.dimension() != 2 || features.get(0) % views != 0) {
      throw new IllegalArgumentException("a model over " + views + " views needs encoder features of shape ("
          + views + "N, F), got " + features);
    }
    return new Shape(features.get(0) / views, views * features.get(1));
  }
}

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
 * The jigsaw network, a context-free network (Noroozi and Favaro 2016, Fig. 3): one encoder,
 * its weights shared by all T tiles, then a head on the T concatenated feature vectors.
 *
 * <p>Input (N·T, C, t, t), row {@code i·T + j} the tile at position j of puzzle i, all through
 * the encoder as one batch. The features (N·T, F) are regrouped to (N, T·F), position j's at
 * columns {@code j·F .. (j+1)·F - 1}, which the head maps to (N, P) logits.
 */
final class JigsawModel extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block encoder;
  private final Block head;
  private final int tiles;

  JigsawModel(Block encoder, Block head, int tiles) {
    super(VERSION);
    this.encoder = addChildBlock("encoder", encoder);
    this.head = addChildBlock("puzzleHead", head);
    this.tiles = tiles;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray features = encoder.forward(store, new NDList(inputs.head()), training, params).head();
    Shape puzzles = puzzleShape(features.getShape());
    return head.forward(store, new NDList(features.reshape(puzzles)), training, params);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    head.initialize(manager, dataType, puzzleShape(encoder.getOutputShapes(inputShapes)[0]));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return head.getOutputShapes(new Shape[] {puzzleShape(encoder.getOutputShapes(inputShapes)[0])});
  }

  private Shape puzzleShape(Shape features) {
    if (features.dimension() != 2 || features.get(0) % tiles != 0) {
      throw new IllegalArgumentException("jigsaw needs encoder features of shape (N*" + tiles + ", F), got " + features);
    }
    return new Shape(features.get(0) / tiles, tiles * features.get(1));
  }
}

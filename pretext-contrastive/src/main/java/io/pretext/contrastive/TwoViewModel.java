package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Optional;

/**
 * The siamese network of the joint-embedding methods without negatives (SimSiam, Barlow Twins,
 * VICReg): one encoder f and one projector (expander) g, their weights shared by both views, and
 * optionally a predictor h after g (SimSiam; Chen and He 2021, Fig. 1).
 *
 * <p>Input (2N, C, H, W) in {@link TwoViewBatch}'s layout (rows {@code 0..N-1} the first views,
 * {@code N..2N-1} the second views). Each view's half goes through the network on its own, as in
 * the papers' reference code, so every BatchNorm (encoder, projector, predictor) normalises one
 * view's batch of N and never mixes the views; Barlow Twins' and VICReg's statistics are per view
 * too. Output, in the same row layout: {@code (z)} with z = g(f(x)) of shape (2N, d), or {@code
 * (z, p)} with p = h(z), also (2N, d), when there is a predictor.
 */
final class TwoViewModel extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block encoder;
  private final Block projector;
  private final Optional<Block> predictor;

  /**
   * @param encoder the encoder, features (B, F)
   * @param projector features (B, F) to embeddings (B, d)
   * @param predictor embeddings (B, d) to predictions (B, d), or empty
   */
  TwoViewModel(Block encoder, Block projector, Optional<Block> predictor) {
    super(VERSION);
    this.encoder = addChildBlock("encoder", encoder);
    this.projector = addChildBlock("projector", projector);
    this.predictor = predictor.map(p -> addChildBlock("predictor", p));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList views = views(inputs.head());
    NDArray[] z = new NDArray[2];
    NDArray[] p = new NDArray[2];
    for (int v = 0; v < 2; v++) {
      NDArray features = encoder.forward(store, new NDList(views.get(v)), training, params).head();
      z[v] = projector.forward(store, new NDList(features), training, params).head();
      if (predictor.isPresent()) {
        p[v] = predictor.get().forward(store, new NDList(z[v]), training, params).head();
      }
    }
    NDArray embeddings = z[0].concat(z[1], 0);
    return predictor.isPresent() ? new NDList(embeddings, p[0].concat(p[1], 0)) : new NDList(embeddings);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    Shape features = encoder.getOutputShapes(inputShapes)[0];
    projector.initialize(manager, dataType, features);
    Shape embeddings = projector.getOutputShapes(new Shape[] {features})[0];
    predictor.ifPresent(p -> p.initialize(manager, dataType, embeddings));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape features = encoder.getOutputShapes(inputShapes)[0];
    Shape embeddings = projector.getOutputShapes(new Shape[] {features})[0];
    if (predictor.isEmpty()) {
      return new Shape[] {embeddings};
    }
    return new Shape[] {embeddings, predictor.get().getOutputShapes(new Shape[] {embeddings})[0]};
  }

  /** The size d of the projector's output for features of size F (needs the engine started). */
  static long embeddingSize(Block projector, long featureSize) {
    return projector.getOutputShapes(new Shape[] {new Shape(2, featureSize)})[0].get(1);
  }

  /** The two views' halves of a (2N, ...) input: rows 0..N-1, then N..2N-1. */
  static NDList views(NDArray x) {
    requirePairs(x.getShape());
    return x.split(2, 0);
  }

  private static void requirePairs(Shape shape) {
    if (shape.dimension() < 1 || shape.get(0) < 2 || shape.get(0) % 2 != 0) {
      throw new IllegalArgumentException("a two-view model needs inputs of 2N rows (rows i and i+N the two views of"
          + " sample i), got " + shape);
    }
  }
}

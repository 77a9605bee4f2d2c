package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Transformer text encoder (Vaswani et al. 2017; BERT-style inputs, Devlin et al. 2019). Input:
 * ONE int64 array of token ids (N, T) with id {@link #PAD_ID} (0) for [PAD]. Outputs, in order:
 * pooled features (N, D) and token states (N, T, D).
 * <pre>
 *   pad    = (ids == 0)                                    (N, T) boolean
 *   x      = drop(positions(tokens(ids)))                  TokenEmbedding, PositionEmbedding, Dropout
 *   x      = layer_i(x, pad)  for i = 1..L                 pre-LN TransformerLayer
 *   states = norm(x)                                       final LayerNorm (eps 1e-5)
 *   pooled = sum_t states[:, t] * (1 - pad[:, t]) / max(1, sum_t (1 - pad[:, t]))
 * </pre>
 * Children, in this order: {@code tokens}, {@code positions}, {@code dropout}, {@code layer1}..
 * {@code layerL}, {@code norm}. The pooled mean runs over every non-pad position, [CLS] and [SEP]
 * included; a row of pads only pools to zeros. ONNX: Equal(ids, 0) for the mask, Cast, ReduceSum,
 * Max(count, 1), Div.
 */
public final class TransformerEncoder extends AbstractBlock {
  /** The id of [PAD]. */
  public static final long PAD_ID = 0;
  private final TokenEmbedding tokens;
  private final PositionEmbedding positions;
  private final Dropout dropout;
  private final List<TransformerLayer> layers;
  private final LayerNorm norm;
  private final int dimension;

  /**
   * @param vocabularySize V, >= 1
   * @param maxLength the longest sequence, >= 1
   * @param dimension D, >= 1
   * @param layers L, >= 1
   * @param heads H, dividing D
   * @param feedForward F, >= 1
   * @param dropoutRate in [0, 1), after the embeddings and inside each layer
   */
  public TransformerEncoder(int vocabularySize, int maxLength, int dimension, int layers, int heads,
      int feedForward, float dropoutRate) {
    Layers.requireAtLeast("layers", layers, 1);
    this.dimension = dimension;
    tokens = addChildBlock("tokens", new TokenEmbedding(vocabularySize, dimension));
    positions = addChildBlock("positions", new PositionEmbedding(maxLength, dimension));
    dropout = addChildBlock("dropout", new Dropout(dropoutRate));
    List<TransformerLayer> stack = new ArrayList<>();
    for (int i = 1; i <= layers; i++) {
      stack.add(addChildBlock("layer" + i, new TransformerLayer(dimension, heads, feedForward, dropoutRate)));
    }
    this.layers = Collections.unmodifiableList(stack);
    norm = addChildBlock("norm", new LayerNorm());
  }

  public TokenEmbedding getTokens() {
    return tokens;
  }

  public PositionEmbedding getPositions() {
    return positions;
  }

  public List<TransformerLayer> getLayers() {
    return layers;
  }

  public int getDimension() {
    return dimension;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    NDArray pad = ids.eq(PAD_ID);
    NDArray x = tokens.forward(ps, new NDList(ids), training, params).singletonOrThrow();
    x = positions.forward(ps, new NDList(x), training, params).singletonOrThrow();
    x = dropout.forward(ps, new NDList(x), training, params).singletonOrThrow();
    for (TransformerLayer layer : layers) {
      x = layer.forward(ps, new NDList(x, pad), training, params).singletonOrThrow();
    }
    NDArray states = norm.forward(ps, new NDList(x), training, params).singletonOrThrow();
    NDArray keep = pad.logicalNot().toType(states.getDataType(), false);
    NDArray count = ScalarOps.atLeast(keep.sum(new int[] {1}, true), 1f);
    NDArray pooled = states.mul(keep.expandDims(2)).sum(new int[] {1}).div(count);
    return new NDList(pooled, states);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    requireIds(inputShapes);
    Shape ids = inputShapes[0];
    return new Shape[] {new Shape(ids.get(0), dimension), ids.add(dimension)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    requireIds(inputShapes);
    Shape ids = inputShapes[0];
    Shape states = ids.add(dimension);
    tokens.initialize(manager, dataType, ids);
    positions.initialize(manager, dataType, states);
    dropout.initialize(manager, dataType, states);
    for (TransformerLayer layer : layers) {
      layer.initialize(manager, dataType, states, ids);
    }
    norm.initialize(manager, dataType, states);
  }

  private static void requireIds(Shape[] inputShapes) {
    if (inputShapes.length != 1 || inputShapes[0].dimension() != 2) {
      throw new IllegalArgumentException("TransformerEncoder expects one (N, T) array of token ids, got "
          + Arrays.toString(inputShapes));
    }
  }
}

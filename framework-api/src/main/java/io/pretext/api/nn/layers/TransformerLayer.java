package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LN Transformer encoder layer (Vaswani et al. 2017; pre-LN as Xiong et al. 2020 and
 * PyTorch's {@code TransformerEncoderLayer(norm_first=True, activation="gelu")}). Inputs: x
 * (N, T, D) and the (N, T) boolean padding mask; output (N, T, D):
 * <pre>
 *   h = x + drop(attention(norm1(x), pad))
 *   y = h + drop(ff2(drop(gelu(ff1(norm2(h))))))
 * </pre>
 * with {@link LayerNorm} (eps 1e-5) children {@code norm1}, {@code norm2}; {@link
 * MultiHeadSelfAttention} {@code attention}; {@link Linear} {@code ff1} (F units) and {@code ff2}
 * (D units); exact (erf) {@link Gelu}; {@link Dropout} (identity in inference).
 */
public final class TransformerLayer extends AbstractBlock {
  private final LayerNorm norm1;
  private final MultiHeadSelfAttention attention;
  private final LayerNorm norm2;
  private final Linear ff1;
  private final Gelu gelu;
  private final Linear ff2;
  private final Dropout dropout;

  /**
   * @param dimension D, >= 1
   * @param heads H, dividing D
   * @param feedForward F, the hidden width of the feed-forward part, >= 1
   * @param dropoutRate in [0, 1)
   */
  public TransformerLayer(int dimension, int heads, int feedForward, float dropoutRate) {
    Layers.requireAtLeast("feed-forward width", feedForward, 1);
    norm1 = addChildBlock("norm1", new LayerNorm());
    attention = addChildBlock("attention", new MultiHeadSelfAttention(dimension, heads));
    norm2 = addChildBlock("norm2", new LayerNorm());
    ff1 = addChildBlock("ff1", Layers.linear(feedForward, true));
    gelu = addChildBlock("gelu", new Gelu());
    ff2 = addChildBlock("ff2", Layers.linear(dimension, true));
    dropout = addChildBlock("dropout", new Dropout(dropoutRate));
  }

  public MultiHeadSelfAttention getAttention() {
    return attention;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray pad = inputs.get(1);
    NDArray normed = one(norm1, ps, x, training, params);
    NDArray attended = attention.forward(ps, new NDList(normed, pad), training, params).singletonOrThrow();
    NDArray h = x.add(one(dropout, ps, attended, training, params));
    NDArray f = one(ff1, ps, one(norm2, ps, h, training, params), training, params);
    f = one(dropout, ps, one(gelu, ps, f, training, params), training, params);
    f = one(ff2, ps, f, training, params);
    return new NDList(h.add(one(dropout, ps, f, training, params)));
  }

  private static NDArray one(
      ai.djl.nn.Block block, ParameterStore ps, NDArray x, boolean training, PairList<String, Object> params) {
    return block.forward(ps, new NDList(x), training, params).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return attention.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape states = attention.getOutputShapes(inputShapes)[0];
    norm1.initialize(manager, dataType, states);
    attention.initialize(manager, dataType, inputShapes);
    norm2.initialize(manager, dataType, states);
    ff1.initialize(manager, dataType, states);
    Shape hidden = ff1.getOutputShapes(new Shape[] {states})[0];
    gelu.initialize(manager, dataType, hidden);
    ff2.initialize(manager, dataType, hidden);
    dropout.initialize(manager, dataType, states);
  }
}

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
import java.util.Arrays;

/**
 * Multi-head scaled dot-product self-attention with a key padding mask (Vaswani et al. 2017).
 * Inputs: x (N, T, D) float and pad (N, T) boolean, true where the token is [PAD]. Output (N, T, D).
 *
 * <p>Exact math, with H heads of size d = D / H:
 * <ol>
 *   <li>{@code [q | k | v] = x W_in^T + b_in}, one {@link Linear} child {@code "in"} of 3D units
 *       (rows 0..D-1 query, D..2D-1 key, 2D..3D-1 value, as PyTorch's {@code in_proj_weight});
 *       each split into H heads (N, H, T, d), head h owning features h*d .. h*d+d-1;
 *   <li>{@code s = q k^T / sqrt(d)} (N, H, T, T), then {@link #MASKED_SCORE} (-1e9) ADDED to the
 *       score of every padded key (column), so its softmax weight is exactly 0 in float32 unless
 *       every key of the sequence is padded;
 *   <li>{@code a = softmax(s)} over the key axis; {@code o = a v}, heads concatenated back to
 *       (N, T, D) in head order;
 *   <li>{@code y = o W_out^T + b_out}, the {@link Linear} child {@code "out"} of D units.
 * </ol>
 * No dropout on the attention weights. Query rows at padded positions are computed like any other
 * and are meant to be ignored downstream. ONNX: MatMul/Add, Reshape, Transpose, Mul by the scale,
 * Add of the mask term, Softmax(axis -1).
 */
public final class MultiHeadSelfAttention extends AbstractBlock {
  /** The value added to the attention score of a padded key. */
  public static final float MASKED_SCORE = -1e9f;
  private final int dimension;
  private final int heads;
  private final Linear in;
  private final Linear out;

  /**
   * @param dimension D, the model width, >= 1
   * @param heads H, >= 1, dividing D
   */
  public MultiHeadSelfAttention(int dimension, int heads) {
    Layers.requireAtLeast("model dimension", dimension, 1);
    Layers.requireAtLeast("heads", heads, 1);
    if (dimension % heads != 0) {
      throw new IllegalArgumentException("attention: the model dimension " + dimension
          + " must be a multiple of the number of heads " + heads);
    }
    this.dimension = dimension;
    this.heads = heads;
    in = addChildBlock("in", Layers.linear(3L * dimension, true));
    out = addChildBlock("out", Layers.linear(dimension, true));
  }

  public int getDimension() {
    return dimension;
  }

  public int getHeads() {
    return heads;
  }

  /** The scale applied to the query-key products: 1 / sqrt(D / H). */
  public float getScale() {
    return (float) (1 / Math.sqrt((double) dimension / heads));
  }

  /** The joint query/key/value projection (3D units). */
  public Linear getInputProjection() {
    return in;
  }

  /** The output projection (D units). */
  public Linear getOutputProjection() {
    return out;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    requireInputs(inputs.getShapes());
    NDArray x = inputs.get(0);
    NDArray pad = inputs.get(1);
    long n = x.getShape().get(0);
    long t = x.getShape().get(1);
    long headSize = dimension / heads;
    NDArray qkv = in.forward(parameterStore, new NDList(x), training, params).singletonOrThrow()
        .reshape(n, t, 3, heads, headSize).transpose(2, 0, 3, 1, 4); // (3, N, H, T, d)
    NDArray q = qkv.get(0);
    NDArray k = qkv.get(1);
    NDArray v = qkv.get(2);
    NDArray scores = ScalarOps.times(q.matMul(k.transpose(0, 1, 3, 2)), getScale());
    NDArray maskTerm = ScalarOps.times(pad.toType(x.getDataType(), false), MASKED_SCORE).reshape(n, 1, 1, t);
    NDArray weights = scores.add(maskTerm).softmax(-1);
    NDArray joined = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, dimension);
    return out.forward(parameterStore, new NDList(joined), training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    requireInputs(inputShapes);
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    requireInputs(inputShapes);
    in.initialize(manager, dataType, inputShapes[0]);
    out.initialize(manager, dataType, inputShapes[0]);
  }

  private void requireInputs(Shape[] shapes) {
    boolean ok = shapes.length == 2 && shapes[0].dimension() == 3 && shapes[0].get(2) == dimension
        && shapes[1].dimension() == 2 && shapes[1].get(0) == shapes[0].get(0) && shapes[1].get(1) == shapes[0].get(1);
    if (!ok) {
      throw new IllegalArgumentException("MultiHeadSelfAttention expects (N, T, " + dimension
          + ") states and an (N, T) padding mask, got " + Arrays.toString(shapes));
    }
  }
}

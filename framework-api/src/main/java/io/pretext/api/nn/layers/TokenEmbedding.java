package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A lookup table of learned token vectors: int64 ids (N, T) to (N, T, D), {@code out[n, t] =
 * weight[ids[n, t]]}. The weight (V, D) is drawn from N(0, 0.02^2), as BERT (Devlin et al. 2019)
 * and the benchmark's PyTorch peer; row 0 ([PAD]) is an ordinary row, which the padding mask keeps
 * out of every result. An id outside [0, V) is an error. ONNX: Gather(weight, ids, axis 0).
 */
public final class TokenEmbedding extends AbstractBlock {
  /** The standard deviation of the initial weights. */
  public static final float INIT_STD = 0.02f;
  private final int vocabularySize;
  private final int dimension;
  private final Parameter weight;

  /**
   * @param vocabularySize V, the number of ids, >= 1
   * @param dimension D, the length of each vector, >= 1
   */
  public TokenEmbedding(int vocabularySize, int dimension) {
    Layers.requireAtLeast("vocabulary size", vocabularySize, 1);
    Layers.requireAtLeast("embedding dimension", dimension, 1);
    this.vocabularySize = vocabularySize;
    this.dimension = dimension;
    weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optInitializer(new NormalInitializer(INIT_STD)).build());
  }

  public int getVocabularySize() {
    return vocabularySize;
  }

  public int getDimension() {
    return dimension;
  }

  /** The (V, D) weight, which an MLM head may share (weight tying). */
  public Parameter getWeight() {
    return weight;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    if (ids.getDataType() != DataType.INT64) {
      ids = ids.toType(DataType.INT64, false);
    }
    NDArray table = parameterStore.getValue(weight, ids.getDevice(), training);
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    requireIds(inputShapes);
    return new Shape[] {inputShapes[0].add(dimension)};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    requireIds(inputShapes);
    super.beforeInitialize(inputShapes);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    weight.setShape(new Shape(vocabularySize, dimension));
  }

  private static void requireIds(Shape[] inputShapes) {
    if (inputShapes.length != 1 || inputShapes[0].dimension() != 2) {
      throw new IllegalArgumentException("TokenEmbedding expects one (N, T) array of token ids, got "
          + java.util.Arrays.toString(inputShapes));
    }
  }
}

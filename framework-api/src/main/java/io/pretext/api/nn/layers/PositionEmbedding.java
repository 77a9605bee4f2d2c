package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Learned absolute positions added to token vectors: (N, T, D) to (N, T, D),
 * {@code out[n, t] = x[n, t] + weight[t]} for t < T <= L (Devlin et al. 2019). The weight (L, D)
 * is drawn from N(0, 0.02^2). A sequence longer than L is an error. ONNX: Slice(weight, 0, T) and
 * Add (broadcast over the batch).
 */
public final class PositionEmbedding extends AbstractBlock {
  private final int maxLength;
  private final int dimension;
  private final Parameter weight;

  /**
   * @param maxLength L, the longest sequence, >= 1
   * @param dimension D, >= 1
   */
  public PositionEmbedding(int maxLength, int dimension) {
    Layers.requireAtLeast("max length", maxLength, 1);
    Layers.requireAtLeast("embedding dimension", dimension, 1);
    this.maxLength = maxLength;
    this.dimension = dimension;
    weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optInitializer(new NormalInitializer(TokenEmbedding.INIT_STD)).build());
  }

  public int getMaxLength() {
    return maxLength;
  }

  public int getDimension() {
    return dimension;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long length = x.getShape().get(1);
    requireLength(length);
    NDArray table = parameterStore.getValue(weight, x.getDevice(), training);
    // A slice of the table alone would be made in the table's manager, which outlives the step.
    NDArray rows = table.get(new NDIndex("0:{}", length));
    rows.attach(x.getManager());
    return new NDList(x.add(rows));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    requireSequence(inputShapes);
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    requireSequence(inputShapes);
    super.beforeInitialize(inputShapes);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    weight.setShape(new Shape(maxLength, dimension));
  }

  private void requireSequence(Shape[] inputShapes) {
    if (inputShapes.length != 1 || inputShapes[0].dimension() != 3 || inputShapes[0].get(2) != dimension) {
      throw new IllegalArgumentException("PositionEmbedding expects one (N, T, " + dimension + ") input, got "
          + java.util.Arrays.toString(inputShapes));
    }
    requireLength(inputShapes[0].get(1));
  }

  private void requireLength(long length) {
    if (length > maxLength) {
      throw new IllegalArgumentException("sequence of " + length + " tokens is longer than the " + maxLength
          + " positions the model was built with; truncate it or raise the encoder's max-length");
    }
  }
}

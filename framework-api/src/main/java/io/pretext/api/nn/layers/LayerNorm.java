package io.pretext.api.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Layer normalisation over the last axis (Ba et al. 2016): {@code y = (x - mean) /
 * sqrt(var + eps) * gamma + beta}, mean and biased variance over the last axis of each position,
 * gamma (initialised to 1) and beta (0) of that axis's length. The default epsilon is PyTorch's
 * 1e-5. ONNX: LayerNormalization(axis -1, epsilon).
 */
public final class LayerNorm extends AbstractBlock {
  /** PyTorch's {@code LayerNorm} default epsilon. */
  public static final float DEFAULT_EPSILON = 1e-5f;
  private final float epsilon;
  private final Parameter gamma;
  private final Parameter beta;

  public LayerNorm() {
    this(DEFAULT_EPSILON);
  }

  /** @param epsilon added to the variance, a finite number > 0 */
  public LayerNorm(float epsilon) {
    if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
      throw new IllegalArgumentException("LayerNorm: epsilon must be a finite number > 0, got " + epsilon);
    }
    this.epsilon = epsilon;
    gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
        .optInitializer(Initializer.ONES).build());
    beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
        .optInitializer(Initializer.ZEROS).build());
  }

  public float getEpsilon() {
    return epsilon;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape last = new Shape(x.getShape().get(x.getShape().dimension() - 1));
    return ai.djl.nn.norm.LayerNorm.layerNorm(x, last,
        parameterStore.getValue(gamma, x.getDevice(), training),
        parameterStore.getValue(beta, x.getDevice(), training), epsilon);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    requireOne(inputShapes);
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    requireOne(inputShapes);
    super.beforeInitialize(inputShapes);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape last = new Shape(inputShapes[0].get(inputShapes[0].dimension() - 1));
    gamma.setShape(last);
    beta.setShape(last);
  }

  private static void requireOne(Shape[] inputShapes) {
    if (inputShapes.length != 1 || inputShapes[0].dimension() < 1) {
      throw new IllegalArgumentException("LayerNorm expects one input of rank >= 1, got "
          + java.util.Arrays.toString(inputShapes));
    }
  }
}

package io.pretext.api.nn.layers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Batch normalisation over the channel axis of (N, C, H, W) inputs (Ioffe and Szegedy 2015), with
 * a learned scale {@code gamma} (initialised to 1) and shift {@code beta} (0), and running mean
 * (0) and variance (1) for inference.
 *
 * <p>Training normalises with the batch statistics and updates the running ones as PyTorch
 * does: {@code running = (1 - momentum) * running + momentum * batch}, the variance taken
 * unbiased. DJL's own {@code BatchNorm} uses the opposite momentum convention and has no getters
 * for its hyper-parameters, hence this block. ONNX: BatchNormalization, whose {@code momentum}
 * attribute is {@code 1 - getMomentum()}.
 */
public final class BatchNorm2d extends AbstractBlock {
  private final float epsilon;
  private final float momentum;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;

  /**
   * @param epsilon added to the variance before the square root, > 0 (PyTorch: 1e-5)
   * @param momentum the weight of the batch statistics in the running update, in (0, 1]
   *     (PyTorch convention and default: 0.1)
   */
  public BatchNorm2d(float epsilon, float momentum) {
    if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
      throw new IllegalArgumentException("BatchNorm2d: epsilon must be a finite number > 0, got " + epsilon);
    }
    if (!(momentum > 0 && momentum <= 1)) {
      throw new IllegalArgumentException("BatchNorm2d: momentum must be in (0, 1] (PyTorch convention), got "
          + momentum);
    }
    this.epsilon = epsilon;
    this.momentum = momentum;
    gamma = addParameter(param("gamma", Parameter.Type.GAMMA, true));
    beta = addParameter(param("beta", Parameter.Type.BETA, true));
    runningMean = addParameter(param("runningMean", Parameter.Type.RUNNING_MEAN, false));
    runningVar = addParameter(param("runningVar", Parameter.Type.RUNNING_VAR, false));
  }

  private static Parameter param(String name, Parameter.Type type, boolean trainable) {
    return Parameter.builder().setName(name).setType(type).optRequiresGrad(trainable).build();
  }

  /** Added to the variance before the square root. */
  public float getEpsilon() {
    return epsilon;
  }

  /** The weight of the batch statistics in the running update (PyTorch convention). */
  public float getMomentum() {
    return momentum;
  }

  /** The number of channels; known once the block is initialised. */
  public long getChannels() {
    Shape shape = gamma.getShape();
    if (shape == null) {
      throw new IllegalStateException("BatchNorm2d: channels are known only after initialisation");
    }
    return shape.get(0);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Device device = x.getDevice();
    return BatchNorm.batchNorm(x,
        parameterStore.getValue(runningMean, device, training),
        parameterStore.getValue(runningVar, device, training),
        parameterStore.getValue(gamma, device, training),
        parameterStore.getValue(beta, device, training),
        1, 1 - momentum, epsilon, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    requireNchw(inputShapes);
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    requireNchw(inputShapes);
    super.beforeInitialize(inputShapes);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape channels = new Shape(inputShapes[0].get(1));
    for (Parameter p : parameters.values()) {
      p.setShape(channels);
    }
  }

  private static void requireNchw(Shape[] inputShapes) {
    if (inputShapes.length != 1 || inputShapes[0].dimension() != 4) {
      throw new IllegalArgumentException("BatchNorm2d expects one (N, C, H, W) input, got "
          + Arrays.toString(inputShapes));
    }
  }
}

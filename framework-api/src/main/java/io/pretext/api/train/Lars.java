package io.pretext.api.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LARS, layer-wise adaptive rate scaling (You, Gitman, Ginsburg 2017), as SimCLR (Chen et al.
 * 2020) and BYOL (Grill et al. 2020) train with it: SGD with momentum whose step for each weight
 * matrix is scaled by a trust ratio,
 *
 * <pre>
 *   trust = η·‖w‖ / (‖g‖ + λ·‖w‖)     (1 when ‖w‖ or ‖g‖ is 0)
 *   v ← μ·v + lr·trust·(g + λ·w)
 *   w ← w − v
 * </pre>
 *
 * with η the trust coefficient, λ the weight decay and μ the momentum. Biases and norm scales and
 * shifts (parameters of fewer than two dimensions, as {@link MatrixOnlyWeightDecay} classifies
 * them) are neither adapted nor decayed, as both papers do: {@code v ← μ·v + lr·g}. Each parameter
 * keeps one velocity, the only state.
 */
public final class Lars extends Optimizer {
  private final Tracker rate;
  private final float momentum;
  private final float weightDecay;
  private final float trustCoefficient;
  private final Map<String, Map<Device, NDArray>> velocities = new ConcurrentHashMap<>();

  /**
   * @param rate the learning rate per update
   * @param momentum μ, in [0, 1)
   * @param weightDecay λ, >= 0
   * @param trustCoefficient η, > 0 (the papers: 0.001)
   */
  public Lars(Tracker rate, float momentum, float weightDecay, float trustCoefficient) {
    super(new Builder());
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    if (!(trustCoefficient > 0)) {
      throw new IllegalArgumentException("the trust coefficient must be > 0, got " + trustCoefficient);
    }
    this.rate = rate;
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.trustCoefficient = trustCoefficient;
  }

  /** Whether a parameter of this value is adapted and decayed (two or more dimensions). */
  static boolean isAdapted(NDArray weight) {
    return MatrixOnlyWeightDecay.isDecayed(weight);
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    float lr = rate.getNewValue(parameterId, updateCount(parameterId));
    NDArray velocity = withDefaultState(velocities, parameterId, weight.getDevice(), k -> weight.zerosLike());
    try (NDManager scope = weight.getManager().newSubManager()) {
      scope.tempAttachAll(weight, grad); // what is computed from them lands in this scope
      NDArray step;
      if (isAdapted(weight)) {
        NDArray decay = scalar(scope, weight, weightDecay);
        NDArray zero = scalar(scope, weight, 0);
        NDArray weightNorm = weight.square().sum().sqrt();
        NDArray gradNorm = grad.square().sum().sqrt();
        NDArray ratio = weightNorm.mul(scalar(scope, weight, trustCoefficient)).div(gradNorm.add(weightNorm.mul(decay)));
        NDArray defined = weightNorm.gt(zero).logicalAnd(gradNorm.gt(zero));
        NDArray trust = NDArrays.where(defined, ratio, scalar(scope, weight, 1));
        step = grad.add(weight.mul(decay)).mul(trust.mul(scalar(scope, weight, lr)));
      } else {
        step = grad.mul(scalar(scope, weight, lr));
      }
      velocity.muli(scalar(scope, weight, momentum)).addi(step);
      weight.subi(velocity);
    }
  }

  private static NDArray scalar(NDManager scope, NDArray like, float value) {
    return scope.full(new Shape(), value, like.getDataType(), like.getDevice());
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}

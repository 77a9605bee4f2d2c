package io.pretext.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;

/**
 * Weight decay on matrices only, as in BERT's recipe (Devlin et al. 2019): parameters of two or
 * more dimensions (linear and convolution weights, embedding tables) go to an optimizer with
 * decay; vectors (biases, LayerNorm and BatchNorm scales and shifts) go to the same optimizer built
 * without it. Each parameter keeps its state in the one optimizer it is routed to.
 */
final class MatrixOnlyWeightDecay extends Optimizer {
  private final Optimizer decayed;
  private final Optimizer undecayed;

  /**
   * @param decayed the optimizer for parameters of two or more dimensions
   * @param undecayed the same optimizer with weight decay 0, for the others
   */
  MatrixOnlyWeightDecay(Optimizer decayed, Optimizer undecayed) {
    super(new Builder());
    this.decayed = decayed;
    this.undecayed = undecayed;
  }

  /** Whether a parameter of this value is decayed. */
  static boolean isDecayed(NDArray weight) {
    return weight.getShape().dimension() >= 2;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    (isDecayed(weight) ? decayed : undecayed).update(parameterId, weight, grad);
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}

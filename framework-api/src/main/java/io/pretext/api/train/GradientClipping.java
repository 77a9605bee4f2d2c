package io.pretext.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Clips gradients by their global L2 norm (Pascanu et al. 2013), as PyTorch's
 * {@code clip_grad_norm_}: when the norm over every trainable parameter's gradient exceeds
 * {@code maxNorm}, all gradients are scaled by {@code maxNorm / norm}. Call between backward and
 * the optimizer step.
 */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Clips in place.
   *
   * @param parameters the model's parameters (those without a gradient are skipped)
   * @param maxNorm the largest global norm, > 0
   * @return the global norm before clipping
   */
  public static double clipGlobalNorm(PairList<String, Parameter> parameters, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
    }
    NDManager scope = null;
    try {
      List<NDArray> gradients = new ArrayList<>();
      NDArray squares = null;
      for (Pair<String, Parameter> p : parameters) {
        Parameter parameter = p.getValue();
        if (!parameter.requiresGradient() || !parameter.isInitialized() || !parameter.getArray().hasGradient()) {
          continue;
        }
        NDArray weight = parameter.getArray();
        if (scope == null) {
          scope = weight.getManager().newSubManager();
        }
        NDArray gradient = weight.getGradient();
        gradient.attach(scope); // this handle only; the parameter keeps its gradient
        gradients.add(gradient);
        NDArray sum = gradient.square().sum();
        squares = squares == null ? sum : squares.add(sum);
      }
      if (squares == null) {
        return 0;
      }
      double norm = Math.sqrt(squares.toType(DataType.FLOAT64, false).getDouble()); // the one sync per step
      if (norm > maxNorm) {
        float scale = (float) (maxNorm / (norm + 1e-6));
        for (NDArray gradient : gradients) {
          gradient.muli(scale);
        }
      }
      return norm;
    } finally {
      if (scope != null) {
        scope.close();
      }
    }
  }
}

package io.pretext.downstream;

/**
 * Multinomial logistic regression, the linear probe's classifier: minimizes {@code mean CE(XWᵀ + b)
 * + λ/2 ‖W‖²} (bias not penalized) in double precision with {@link Lbfgs} from zero (or a warm
 * start), as in the linear-evaluation protocol of SimCLR (Chen et al. 2020) and the reference.
 *
 * <p>Parameters are laid out as W ({@code classes × dims}, row-major) followed by b ({@code
 * classes}). The loss and gradient are summed over fixed chunks of rows (in parallel, combined in
 * chunk order), so results do not depend on the thread count.
 */
final class SoftmaxRegression {
  private static final int CHUNK = 256;
  private final int classes;
  private final int dims;

  SoftmaxRegression(int classes, int dims) {
    this.classes = classes;
    this.dims = dims;
  }

  int parameterCount() {
    return classes * (dims + 1);
  }

  /** A fitted model and how the fit went. */
  record Fit(double[] parameters, double loss, double gradientMax, int iterations, boolean converged, boolean stalled) {}

  /**
   * Fits on standardized rows.
   *
   * @param x {@code n × dims} row-major values
   * @param y class per row
   * @param l2 λ
   * @param start initial parameters (null for zeros)
   */
  Fit fit(double[] x, int[] y, double l2, double[] start, Lbfgs optimizer, Parallel parallel) {
    double[] x0 = start != null ? start : new double[parameterCount()];
    Lbfgs.Result r = optimizer.minimize((p, grad) -> lossAndGradient(x, y, l2, p, grad, parallel), x0);
    return new Fit(r.x(), r.value(), r.gradientMax(), r.iterations(), r.converged(), r.stalled());
  }

  /** The objective at p; writes its gradient into grad. */
  double lossAndGradient(double[] x, int[] y, double l2, double[] p, double[] grad, Parallel parallel) {
    int n = y.length;
    int chunks = (n + CHUNK - 1) / CHUNK;
    double[][] partGrad = new double[chunks][];
    double[] partLoss = new double[chunks];
    parallel.forEach(chunks, c -> {
      double[] gc = new double[parameterCount()];
      partLoss[c] = chunk(x, y, p, gc, c * CHUNK, Math.min(n, (c + 1) * CHUNK));
      partGrad[c] = gc;
    });
    java.util.Arrays.fill(grad, 0);
    double loss = 0;
    for (int c = 0; c < chunks; c++) {
      loss += partLoss[c];
      double[] gc = partGrad[c];
      for (int i = 0; i < grad.length; i++) {
        grad[i] += gc[i];
      }
    }
    double inv = 1.0 / Math.max(1, n);
    loss *= inv;
    for (int i = 0; i < grad.length; i++) {
      grad[i] *= inv;
    }
    double penalty = 0;
    int weights = classes * dims;
    for (int i = 0; i < weights; i++) {
      penalty += p[i] * p[i];
      grad[i] += l2 * p[i];
    }
    return loss + 0.5 * l2 * penalty;
  }

  /**
   * Sum of the cross-entropy over rows [from, to); adds the (unscaled) gradient into g. Rows are
   * taken four at a time so that each weight loaded serves four rows and the gradient update is one
   * vectorizable pass per class.
   */
  private double chunk(double[] x, int[] y, double[] p, double[] g, int from, int to) {
    int biasOffset = classes * dims;
    double[][] coef = new double[4][classes];
    double loss = 0;
    int r = from;
    for (; r + 3 < to; r += 4) {
      int o0 = r * dims;
      int o1 = o0 + dims;
      int o2 = o1 + dims;
      int o3 = o2 + dims;
      for (int c = 0; c < classes; c++) {
        int w = c * dims;
        double z0 = 0;
        double z1 = 0;
        double z2 = 0;
        double z3 = 0;
        for (int j = 0; j < dims; j++) {
          double wj = p[w + j];
          z0 += wj * x[o0 + j];
          z1 += wj * x[o1 + j];
          z2 += wj * x[o2 + j];
          z3 += wj * x[o3 + j];
        }
        double b = p[biasOffset + c];
        coef[0][c] = z0 + b;
        coef[1][c] = z1 + b;
        coef[2][c] = z2 + b;
        coef[3][c] = z3 + b;
      }
      for (int q = 0; q < 4; q++) {
        loss += softmaxInPlace(coef[q], y[r + q]);
      }
      for (int c = 0; c < classes; c++) {
        int w = c * dims;
        double c0 = coef[0][c];
        double c1 = coef[1][c];
        double c2 = coef[2][c];
        double c3 = coef[3][c];
        for (int j = 0; j < dims; j++) {
          g[w + j] += c0 * x[o0 + j] + c1 * x[o1 + j] + c2 * x[o2 + j] + c3 * x[o3 + j];
        }
        g[biasOffset + c] += c0 + c1 + c2 + c3;
      }
    }
    double[] z = coef[0];
    for (; r < to; r++) {
      int row = r * dims;
      for (int c = 0; c < classes; c++) {
        z[c] = p[biasOffset + c] + Dot.dot(p, c * dims, x, row, dims);
      }
      loss += softmaxInPlace(z, y[r]);
      for (int c = 0; c < classes; c++) {
        double cc = z[c];
        int w = c * dims;
        for (int j = 0; j < dims; j++) {
          g[w + j] += cc * x[row + j];
        }
        g[biasOffset + c] += cc;
      }
    }
    return loss;
  }

  /**
   * Turns logits into the cross-entropy gradient coefficients {@code softmax(z) - onehot(target)} in
   * place and returns the row's cross-entropy.
   */
  private static double softmaxInPlace(double[] z, int target) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double zt = z[target];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < z.length; c++) {
      z[c] /= sum;
    }
    z[target] -= 1;
    return Math.log(sum) + max - zt;
  }

  /** The predicted class of every row. */
  int[] predict(double[] x, int rows, double[] p) {
    int biasOffset = classes * dims;
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int best = 0;
      double bestZ = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double z = p[biasOffset + c] + Dot.dot(p, c * dims, x, r * dims, dims);
        if (z > bestZ) {
          bestZ = z;
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }
}

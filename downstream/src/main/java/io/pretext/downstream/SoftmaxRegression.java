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
  record Fit(double[] parameters, double loss, double gradientMax, int iterations, boolean converged) {}

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
    return new Fit(r.x(), r.value(), r.gradientMax(), r.iterations(), r.converged());
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

  /** Sum of the cross-entropy over rows [from, to); adds the (unscaled) gradient into g. */
  private double chunk(double[] x, int[] y, double[] p, double[] g, int from, int to) {
    int biasOffset = classes * dims;
    double[] z = new double[classes];
    double loss = 0;
    for (int r = from; r < to; r++) {
      int row = r * dims;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        z[c] = p[biasOffset + c] + dot(p, c * dims, x, row, dims);
        max = Math.max(max, z[c]);
      }
      double target = z[y[r]];
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      loss += Math.log(sum) + max - target;
      for (int c = 0; c < classes; c++) {
        double coef = z[c] / sum - (c == y[r] ? 1 : 0);
        int w = c * dims;
        for (int j = 0; j < dims; j++) {
          g[w + j] += coef * x[row + j];
        }
        g[biasOffset + c] += coef;
      }
    }
    return loss;
  }

  /** The predicted class of every row. */
  int[] predict(double[] x, int rows, double[] p) {
    int biasOffset = classes * dims;
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int best = 0;
      double bestZ = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double z = p[biasOffset + c] + dot(p, c * dims, x, r * dims, dims);
        if (z > bestZ) {
          bestZ = z;
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }

  private static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += a[ao + j] * b[bo + j];
      s1 += a[ao + j + 1] * b[bo + j + 1];
      s2 += a[ao + j + 2] * b[bo + j + 2];
      s3 += a[ao + j + 3] * b[bo + j + 3];
    }
    for (; j < n; j++) {
      s0 += a[ao + j] * b[bo + j];
    }
    return (s0 + s1) + (s2 + s3);
  }
}

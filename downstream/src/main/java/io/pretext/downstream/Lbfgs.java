package io.pretext.downstream;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 7.4: the
 * two-loop recursion) with a backtracking Armijo line search, for smooth convex objectives such as
 * the multinomial logistic regression of the linear probe. Deterministic; the first step is scaled
 * to {@code min(1, 1/|g|₁)} as in PyTorch's {@code torch.optim.LBFGS}.
 */
final class Lbfgs {

  /** A function that writes its gradient at x into {@code gradient} and returns its value. */
  @FunctionalInterface
  interface Objective {
    double evaluate(double[] x, double[] gradient);
  }

  /**
   * @param x the minimizer found
   * @param value the objective there
   * @param gradientMax the largest absolute gradient component there
   * @param iterations iterations taken
   * @param converged whether the gradient tolerance was reached
   * @param stalled whether it stopped earlier because the objective and step stopped changing
   */
  record Result(double[] x, double value, double gradientMax, int iterations, boolean converged, boolean stalled) {}

  private static final double ARMIJO = 1e-4;
  private static final int MAX_HALVINGS = 50;
  private final int history;
  private final double tolerance;
  private final int maxIterations;
  private final double toleranceChange;

  /**
   * @param history pairs kept (e.g. 20)
   * @param tolerance stop when every gradient component is at most this in absolute value
   * @param maxIterations the most iterations
   */
  Lbfgs(int history, double tolerance, int maxIterations) {
    this(history, tolerance, maxIterations, 0);
  }

  /**
   * @param toleranceChange also stop when the objective or every parameter changes by at most this
   *     in one iteration (PyTorch's {@code tolerance_change}; the reference uses 1e-10); 0 to rely
   *     on the gradient alone
   */
  Lbfgs(int history, double tolerance, int maxIterations, double toleranceChange) {
    this.history = history;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.toleranceChange = toleranceChange;
  }

  Result minimize(Objective f, double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.evaluate(x, g);
    double[][] s = new double[history][n];
    double[][] y = new double[history][n];
    double[] rho = new double[history];
    double[] alpha = new double[history];
    int stored = 0;
    int newest = -1;
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    double[] sStep = new double[n];
    double[] yStep = new double[n];
    int iter = 0;
    boolean stationary = false;
    while (maxAbs(g) > tolerance && iter < maxIterations) {
      iter++;
      // two-loop recursion: d = -H g
      for (int i = 0; i < n; i++) {
        d[i] = -g[i];
      }
      for (int k = 0; k < stored; k++) {
        int j = Math.floorMod(newest - k, history);
        alpha[j] = rho[j] * dot(s[j], d);
        axpy(-alpha[j], y[j], d);
      }
      if (stored > 0) {
        double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
        scale(d, gamma);
      }
      for (int k = stored - 1; k >= 0; k--) {
        int j = Math.floorMod(newest - k, history);
        double beta = rho[j] * dot(y[j], d);
        axpy(alpha[j] - beta, s[j], d);
      }
      double slope = dot(g, d);
      if (!(slope < 0)) { // not a descent direction: restart from steepest descent
        stored = 0;
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = dot(g, d);
      }
      double t = stored == 0 && iter == 1 ? Math.min(1.0, 1.0 / sumAbs(g)) : 1.0;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int h = 0; h < MAX_HALVINGS; h++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + t * d[i];
        }
        fNew = f.evaluate(xNew, gNew);
        if (fNew <= fx + ARMIJO * t * slope) {
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        break; // no decrease possible at machine precision
      }
      double sy = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        sStep[i] = xNew[i] - x[i];
        yStep[i] = gNew[i] - g[i];
        sy += sStep[i] * yStep[i];
        yy += yStep[i] * yStep[i];
      }
      if (sy > 1e-10 * yy && sy > 0) { // keep only pairs with positive curvature
        int slot = (newest + 1) % history;
        System.arraycopy(sStep, 0, s[slot], 0, n);
        System.arraycopy(yStep, 0, y[slot], 0, n);
        rho[slot] = 1.0 / sy;
        newest = slot;
        stored = Math.min(stored + 1, history);
      }
      double change = Math.abs(fNew - fx);
      double stepMax = t * maxAbs(d);
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (change <= Math.max(toleranceChange, 1e-15 * Math.max(1, Math.abs(fx))) || stepMax <= toleranceChange) {
        stationary = maxAbs(g) > tolerance;
        break; // no progress left
      }
    }
    double gmax = maxAbs(g);
    return new Result(x, fx, gmax, iter, gmax <= tolerance, stationary);
  }

  static double dot(double[] a, double[] b) {
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (; i + 1 < a.length; i += 2) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
    }
    if (i < a.length) {
      s0 += a[i] * b[i];
    }
    return s0 + s1;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static void scale(double[] x, double a) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= a;
    }
  }

  static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static double sumAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m += Math.abs(v);
    }
    return Math.max(m, 1e-300);
  }
}

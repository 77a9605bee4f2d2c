package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.runtime.SeedSource;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionTest {

  @Test
  void gradientMatchesFiniteDifferences() {
    SplittableRandom r = new SplittableRandom(1);
    int n = 30;
    int d = 4;
    int k = 3;
    double[] x = new double[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(k);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = r.nextGaussian() + (j == y[i] ? 1 : 0);
      }
    }
    SoftmaxRegression model = new SoftmaxRegression(k, d);
    double[] p = new double[model.parameterCount()];
    for (int i = 0; i < p.length; i++) {
      p[i] = 0.3 * r.nextGaussian();
    }
    try (Parallel parallel = new Parallel(2)) {
      double[] grad = new double[p.length];
      model.lossAndGradient(x, y, 0.1, p, grad, parallel);
      double h = 1e-6;
      for (int i = 0; i < p.length; i++) {
        double[] plus = p.clone();
        double[] minus = p.clone();
        plus[i] += h;
        minus[i] -= h;
        double[] scratch = new double[p.length];
        double numeric = (model.lossAndGradient(x, y, 0.1, plus, scratch, parallel)
            - model.lossAndGradient(x, y, 0.1, minus, scratch, parallel)) / (2 * h);
        assertEquals(numeric, grad[i], 1e-7, "component " + i);
      }
    }
  }

  @Test
  void binaryFitMatchesABruteForceMinimumAndHasZeroGradient() {
    // 1-D, two classes, overlapping: the optimum is finite even with a tiny L2.
    double[] xs = {-2, -1.5, -1, -0.5, 0.2, 0.4, -0.3, 0.5, 1, 1.5, 2, 2.5};
    int[] ys = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    double l2 = 0.05;
    SoftmaxRegression model = new SoftmaxRegression(2, 1);
    SoftmaxRegression.Fit fit;
    try (Parallel parallel = new Parallel(1)) {
      fit = model.fit(xs, ys, l2, null, new Lbfgs(20, 1e-8, 1000), parallel);
    }
    assertTrue(fit.converged(), "gradient " + fit.gradientMax());
    assertTrue(fit.gradientMax() <= 1e-8);
    // Reduced problem: v = w1 - w0, beta = b1 - b0; the L2 term is minimized at w1 = -w0, i.e. l2/4 v².
    double[] coarse = bruteForce(xs, ys, l2, 0, 6, -2, 2, 0.01);
    double[] fine = bruteForce(xs, ys, l2, coarse[1] - 0.02, coarse[1] + 0.02, coarse[2] - 0.02, coarse[2] + 0.02, 0.0002);
    double best = fine[0];
    assertEquals(best, fit.loss(), 1e-6);
    double[] p = fit.parameters();
    assertEquals(-p[0], p[1], 1e-8, "w0 = -w1 at the optimum");
  }

  @Test
  void separableProblemIsClassifiedPerfectlyByTheProbe() {
    SplittableRandom r = new SplittableRandom(2);
    int n = 200;
    int d = 16;
    float[] v = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 4;
      for (int j = 0; j < d; j++) {
        v[i * d + j] = (float) (0.3 * r.nextGaussian() + (j == y[i] ? 3 : 0));
      }
    }
    FeatureMatrix data = new FeatureMatrix(v, n, d, y, 4);
    try (Parallel parallel = new Parallel(2)) {
      LinearProbe.Model model = new LinearProbe(ProbeSettings.defaults(), new SeedSource(0)).fit(data, parallel);
      assertEquals(1.0, Accuracy.of(model.predict(data), y));
      assertTrue(model.fit().converged(), "max |grad| " + model.fit().gradientMax());
      assertEquals(5, model.cvAccuracy().size());
    }
  }

  @Test
  void crossValidationPicksAnL2ThatGeneralizes() {
    // Few samples, many noisy dimensions, one informative one: tiny L2 overfits.
    SplittableRandom r = new SplittableRandom(3);
    int d = 100;
    FeatureMatrix train = noisy(r, 40, d);
    FeatureMatrix test = noisy(r, 2000, d);
    ProbeSettings cv = ProbeSettings.defaults();
    try (Parallel parallel = new Parallel(2)) {
      LinearProbe.Model chosen = new LinearProbe(cv, new SeedSource(0)).fit(train, parallel);
      double chosenAcc = Accuracy.of(chosen.predict(test), test.labels());
      double bestAcc = 0;
      for (double l2 : ProbeSettings.DEFAULT_GRID) {
        ProbeSettings fixed = new ProbeSettings(ProbeSettings.DEFAULT_GRID, l2, 5, 1e-6, 1000, 20, 1e-10);
        LinearProbe.Model m = new LinearProbe(fixed, new SeedSource(0)).fit(train, parallel);
        bestAcc = Math.max(bestAcc, Accuracy.of(m.predict(test), test.labels()));
      }
      assertTrue(ProbeSettings.DEFAULT_GRID.contains(chosen.l2()));
      assertTrue(chosen.l2() >= 1e-2, "chose l2 " + chosen.l2() + " CV " + chosen.cvAccuracy());
      assertTrue(chosenAcc >= bestAcc - 0.05, "chosen " + chosenAcc + " best " + bestAcc);
    }
  }

  /** {min loss, v, beta} over a grid of the reduced binary problem. */
  private static double[] bruteForce(double[] xs, int[] ys, double l2, double v0, double v1, double b0, double b1,
      double step) {
    double[] best = {Double.POSITIVE_INFINITY, 0, 0};
    for (double v = v0; v <= v1; v += step) {
      for (double beta = b0; beta <= b1; beta += step) {
        double loss = 0;
        for (int i = 0; i < xs.length; i++) {
          double z = (ys[i] == 1 ? 1 : -1) * (v * xs[i] + beta);
          loss += Math.log1p(Math.exp(-z));
        }
        loss = loss / xs.length + l2 / 4 * v * v;
        if (loss < best[0]) {
          best = new double[] {loss, v, beta};
        }
      }
    }
    return best;
  }

  private static FeatureMatrix noisy(SplittableRandom r, int n, int d) {
    float[] v = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < d; j++) {
        v[i * d + j] = (float) (r.nextGaussian() + (j == 0 ? (y[i] == 1 ? 1.0 : -1.0) : 0));
      }
    }
    return new FeatureMatrix(v, n, d, y, 2);
  }
}

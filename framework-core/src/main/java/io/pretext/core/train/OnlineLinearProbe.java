package io.pretext.core.train;

/**
 * The online monitor's linear probe: multinomial logistic regression on frozen (stop-gradient)
 * encoder features, standardized with the bank's mean and standard deviation, trained by
 * full-batch gradient descent that continues from the weights of the previous measurement, as the
 * online probes of solo-learn and lightly follow the encoder through pretraining. Deterministic:
 * zero initialization, no sampling.
 */
final class OnlineLinearProbe {
  /** Gradient steps per measurement. */
  static final int STEPS = 100;
  private static final double LEARNING_RATE = 0.1;
  private static final double L2 = 1e-4;
  private final int d;
  private final int classes;
  private final double[] weights;
  private final double[] bias;

  OnlineLinearProbe(int d, int classes) {
    this.d = d;
    this.classes = classes;
    this.weights = new double[classes * d];
    this.bias = new double[classes];
  }

  /** Trains {@link #STEPS} more steps on the bank, then returns the accuracy on the queries. */
  double trainAndScore(float[] bank, int[] bankLabels, float[] queries, int[] queryLabels) {
    int n = bankLabels.length;
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += bank[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = bank[i * d + j] - mean[j];
        std[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(std[j] / n) + 1e-6;
    }
    double[] x = standardized(bank, mean, std);
    double[] p = new double[classes];
    double[] gw = new double[weights.length];
    double[] gb = new double[classes];
    for (int step = 0; step < STEPS; step++) {
      java.util.Arrays.fill(gw, 0);
      java.util.Arrays.fill(gb, 0);
      for (int i = 0; i < n; i++) {
        softmax(x, i, p);
        p[bankLabels[i]] -= 1;
        for (int c = 0; c < classes; c++) {
          double g = p[c] / n;
          gb[c] += g;
          for (int j = 0; j < d; j++) {
            gw[c * d + j] += g * x[i * d + j];
          }
        }
      }
      for (int w = 0; w < weights.length; w++) {
        weights[w] -= LEARNING_RATE * (gw[w] + L2 * weights[w]);
      }
      for (int c = 0; c < classes; c++) {
        bias[c] -= LEARNING_RATE * gb[c];
      }
    }
    double[] q = standardized(queries, mean, std);
    int correct = 0;
    for (int i = 0; i < queryLabels.length; i++) {
      softmax(q, i, p);
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (p[c] > p[best]) {
          best = c;
        }
      }
      correct += best == queryLabels[i] ? 1 : 0;
    }
    return (double) correct / queryLabels.length;
  }

  private double[] standardized(float[] rows, double[] mean, double[] std) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = (rows[i] - mean[i % d]) / std[i % d];
    }
    return out;
  }

  /** The class probabilities of row {@code i} into {@code p}. */
  private void softmax(double[] x, int i, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      double z = bias[c];
      for (int j = 0; j < d; j++) {
        z += weights[c * d + j] * x[i * d + j];
      }
      p[c] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      p[c] = Math.exp(p[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < classes; c++) {
      p[c] /= sum;
    }
  }
}

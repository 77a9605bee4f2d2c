package io.pretext.downstream;

/**
 * Per-dimension standardization {@code (x - mean) / std}, with the mean and the unbiased std
 * (clamped to at least 1e-6) of the data it was fitted on, as the reference protocol's probes do.
 * Output is double precision for the logistic regression.
 */
public final class Standardizer {
  static final double MIN_STD = 1e-6;
  private final double[] mean;
  private final double[] std;

  private Standardizer(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /** Fits the mean and std of every column. */
  public static Standardizer fit(FeatureMatrix data) {
    int n = data.rows();
    int d = data.cols();
    double[] mean = new double[d];
    float[] v = data.values();
    for (int i = 0; i < n; i++) {
      for (int j = 0, o = i * d; j < d; j++) {
        mean[j] += v[o + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= Math.max(1, n);
    }
    double[] var = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0, o = i * d; j < d; j++) {
        double t = v[o + j] - mean[j];
        var[j] += t * t;
      }
    }
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      std[j] = Math.max(MIN_STD, Math.sqrt(var[j] / Math.max(1, n - 1)));
    }
    return new Standardizer(mean, std);
  }

  /** The fitted means, one per column. */
  double[] mean() {
    return mean.clone();
  }

  /** The fitted standard deviations (clamped), one per column. */
  double[] std() {
    return std.clone();
  }

  /** The standardized values, row-major. */
  public double[] apply(FeatureMatrix data) {
    int d = data.cols();
    if (d != mean.length) {
      throw new IllegalArgumentException("fitted on " + mean.length + " columns, got " + d);
    }
    float[] v = data.values();
    double[] out = new double[v.length];
    for (int i = 0; i < data.rows(); i++) {
      for (int j = 0, o = i * d; j < d; j++) {
        out[o + j] = (v[o + j] - mean[j]) / std[j];
      }
    }
    return out;
  }
}

package io.pretext.runner.report;

import java.util.Arrays;

/** Small statistics over arrays; non-finite values are ignored. */
final class Stats {
  private Stats() {}

  /** The median of the finite values, NaN when there are none. */
  static double median(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  /** The mean of the finite values, NaN when there are none. */
  static double mean(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).average().orElse(Double.NaN);
  }

  /** The sum of the finite values. */
  static double sum(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).sum();
  }

  /**
   * The trailing moving average: element {@code i} is the mean of the finite values among the
   * {@code window} values ending at {@code i} (fewer at the start); NaN where all of them are not finite.
   */
  static double[] movingAverage(double[] values, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, was " + window);
    }
    double[] out = new double[values.length];
    double sum = 0;
    int count = 0;
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i])) {
        sum += values[i];
        count++;
      }
      int drop = i - window;
      if (drop >= 0 && Double.isFinite(values[drop])) {
        sum -= values[drop];
        count--;
      }
      out[i] = count == 0 ? Double.NaN : sum / count;
    }
    return out;
  }

  /** A moving-average window for {@code n} points: about n/25, between 1 and 100. */
  static int windowFor(int n) {
    return Math.max(1, Math.min(100, n / 25));
  }
}

package io.pretext.downstream;

import java.util.List;
import java.util.Locale;

/**
 * The mean and the sample standard deviation (n − 1 in the denominator) of repeated measurements,
 * e.g. one accuracy per subset seed; the deviation is NaN for a single measurement.
 *
 * @param mean the arithmetic mean
 * @param sd the sample standard deviation, NaN when {@code n < 2}
 * @param n how many measurements
 */
public record Spread(double mean, double sd, int n) {

  /** The spread of the values; NaN mean for none. */
  public static Spread of(List<Double> values) {
    int n = values.size();
    if (n == 0) {
      return new Spread(Double.NaN, Double.NaN, 0);
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    if (n == 1) {
      return new Spread(mean, Double.NaN, 1);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new Spread(mean, Math.sqrt(squares / (n - 1)), n);
  }

  /**
   * Both in percent with two decimals: {@code 81.20 ± 0.35}, or {@code 81.20} for one
   * measurement, {@code -} for none; values given as fractions in [0, 1].
   */
  public String percent() {
    if (n == 0 || Double.isNaN(mean)) {
      return "-";
    }
    String m = String.format(Locale.ROOT, "%.2f", 100 * mean);
    return n < 2 ? m : m + String.format(Locale.ROOT, " ± %.2f", 100 * sd);
  }
}

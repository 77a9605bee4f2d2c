package io.pretext.runner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chart axis: its range, its tick values ("nice" numbers: 1, 2 or 5 times a power of ten) and
 * the mapping of a value to a fraction of the axis length. Linear or base-10 logarithmic.
 *
 * @param min the axis start (a tick value)
 * @param max the axis end (a tick value)
 * @param ticks tick values from {@code min} to {@code max}, ascending
 * @param log whether values are placed on a log10 scale
 */
public record Axis(double min, double max, List<Double> ticks, boolean log) {
  private static final double[] NICE = {1, 2, 5};

  public Axis {
    if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("axis range must be finite and min < max, was " + min + ".." + max);
    }
    if (log && min <= 0) {
      throw new IllegalArgumentException("a log axis needs positive values, min was " + min);
    }
    ticks = List.copyOf(ticks);
  }

  /**
   * A linear axis covering {@code [lo, hi]} with about {@code targetTicks} ticks; the ends are
   * widened to multiples of the tick step. An empty range ({@code lo == hi}) is widened around it.
   */
  public static Axis linear(double lo, double hi, int targetTicks) {
    checkRange(lo, hi);
    if (lo == hi) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double step = niceStep((hi - lo) / Math.max(1, targetTicks - 1));
    double start = Math.floor(lo / step + 1e-9) * step;
    double end = Math.ceil(hi / step - 1e-9) * step;
    List<Double> ticks = new ArrayList<>();
    long n = Math.round((end - start) / step);
    for (long i = 0; i <= n; i++) {
      ticks.add(clean(start + i * step, step));
    }
    return new Axis(ticks.get(0), ticks.get(ticks.size() - 1), ticks, false);
  }

  /**
   * A log10 axis covering {@code [lo, hi]} (both positive): the ends are widened to the nearest
   * 1-2-5 values; ticks are powers of ten, with the 2 and 5 multiples added when the range spans
   * fewer than three decades.
   */
  public static Axis log10(double lo, double hi) {
    checkRange(lo, hi);
    if (lo <= 0) {
      throw new IllegalArgumentException("a log axis needs positive values, the smallest was " + lo);
    }
    double start = niceAtOrBelow(lo);
    double end = niceAtOrAbove(hi);
    if (start == end) {
      start = niceAtOrBelow(start * 0.99);
      end = niceAtOrAbove(end * 1.01);
    }
    boolean fine = Math.log10(end / start) < 3 - 1e-9;
    List<Double> ticks = new ArrayList<>();
    for (int exp = (int) Math.floor(Math.log10(start) + 1e-9); ; exp++) {
      double decade = Math.pow(10, exp);
      if (decade > end * (1 + 1e-9)) {
        break;
      }
      for (double m : fine ? NICE : new double[] {1}) {
        double v = clean(m * decade, decade);
        if (v >= start * (1 - 1e-9) && v <= end * (1 + 1e-9)) {
          ticks.add(v);
        }
      }
    }
    if (ticks.isEmpty() || ticks.get(0) > start * (1 + 1e-9)) {
      ticks.add(0, start);
    }
    if (ticks.get(ticks.size() - 1) < end * (1 - 1e-9)) {
      ticks.add(end);
    }
    return new Axis(start, end, ticks, true);
  }

  /** Where {@code value} sits on the axis: 0 at {@code min}, 1 at {@code max}. */
  public double fraction(double value) {
    if (log) {
      return (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    }
    return (value - min) / (max - min);
  }

  /** The tick step of a linear axis (the smallest gap between ticks of a log axis). */
  public double step() {
    double step = Double.MAX_VALUE;
    for (int i = 1; i < ticks.size(); i++) {
      step = Math.min(step, ticks.get(i) - ticks.get(i - 1));
    }
    return step == Double.MAX_VALUE ? max - min : step;
  }

  /** A tick's label: as many decimals as the tick step needs, no exponent for ordinary sizes. */
  public String label(double tick) {
    if (Math.abs(tick) >= 1e6 || (tick != 0 && Math.abs(tick) < 1e-4)) {
      return String.format(Locale.ROOT, "%.3g", tick);
    }
    double unit = log ? Math.abs(tick) : step();
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(unit) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", tick);
  }

  /** The 1, 2 or 5 times a power of ten nearest to {@code rough} (Heckbert's rounding). */
  static double niceStep(double rough) {
    double decade = Math.pow(10, Math.floor(Math.log10(rough)));
    double m = rough / decade;
    double nice = m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10;
    return nice * decade;
  }

  private static double niceAtOrBelow(double v) {
    double decade = Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    double best = decade;
    for (double m : NICE) {
      if (m * decade <= v * (1 + 1e-9)) {
        best = m * decade;
      }
    }
    return clean(best, decade);
  }

  private static double niceAtOrAbove(double v) {
    double decade = Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    for (double m : NICE) {
      if (m * decade >= v * (1 - 1e-9)) {
        return clean(m * decade, decade);
      }
    }
    return clean(10 * decade, decade);
  }

  /** Rounds away floating-point noise (0.30000000000000004 → 0.3) relative to {@code unit}. */
  private static double clean(double v, double unit) {
    double scale = Math.pow(10, 6 - Math.floor(Math.log10(unit)));
    double r = Math.round(v * scale) / scale;
    return r == 0 ? 0 : r;
  }

  private static void checkRange(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
      throw new IllegalArgumentException("need finite lo <= hi, was " + lo + ".." + hi);
    }
  }
}

package io.pretext.runner.report;

import java.awt.Color;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named line of a {@link LineChart}: (x, y) points in drawing order. A point whose x or y is
 * not finite (e.g. a blank table cell given as NaN) is not drawn and breaks the line there.
 * Immutable: the arrays are copied in and out.
 */
public final class Series {
  /** Series with at most this many points get markers unless told otherwise. */
  static final int AUTO_MARKER_LIMIT = 50;

  private final String name;
  private final double[] x;
  private final double[] y;
  private final boolean markers;
  private final Color color;
  private final float width;

  private Series(String name, double[] x, double[] y, boolean markers, Color color, float width) {
    this.name = Objects.requireNonNull(name, "name");
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but " + y.length
          + " y values");
    }
    if (!(width > 0)) {
      throw new IllegalArgumentException("line width must be positive, was " + width);
    }
    this.x = x.clone();
    this.y = y.clone();
    this.markers = markers;
    this.color = color;
    this.width = width;
  }

  /** A series drawn as a 2-pixel line, with markers when it has at most 50 points, in the next palette color. */
  public static Series of(String name, double[] x, double[] y) {
    return new Series(name, x, y, x.length <= AUTO_MARKER_LIMIT, null, 2f);
  }

  /** The same series with markers at its points switched on or off. */
  public Series withMarkers(boolean on) {
    return new Series(name, x, y, on, color, width);
  }

  /** The same series in a fixed color instead of the chart palette's. */
  public Series withColor(Color c) {
    return new Series(name, x, y, markers, Objects.requireNonNull(c, "color"), width);
  }

  /** The same series with another line width in pixels. */
  public Series withWidth(float pixels) {
    return new Series(name, x, y, markers, color, pixels);
  }

  public String name() {
    return name;
  }

  public double[] x() {
    return x.clone();
  }

  public double[] y() {
    return y.clone();
  }

  public int size() {
    return x.length;
  }

  double xAt(int i) {
    return x[i];
  }

  double yAt(int i) {
    return y[i];
  }

  /** Whether point {@code i} is drawn. */
  boolean drawn(int i) {
    return Double.isFinite(x[i]) && Double.isFinite(y[i]);
  }

  public boolean markers() {
    return markers;
  }

  /** The fixed color, or null for the chart palette's. */
  Color color() {
    return color;
  }

  public float width() {
    return width;
  }

  @Override
  public String toString() {
    return "Series[" + name + ", " + x.length + " points, x=" + Arrays.toString(Arrays.copyOf(x, Math.min(5, x.length)))
        + (x.length > 5 ? "…" : "") + "]";
  }
}

package io.pretext.runner.report;

import io.pretext.api.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A line chart drawn with Java2D (headless) and written as PNG: title, axis labels, named series
 * with a legend, linear axes with nice ticks, an optional log10 x axis, markers at the points.
 * The same chart gives the same bytes on the same JDK and fonts. Immutable; build one with
 * {@link #builder()}:
 *
 * <pre>{@code
 * LineChart.builder().title("Label efficiency").xLabel("labels").yLabel("accuracy (%)").logX(true)
 *     .series(Series.of("linear probe", new double[] {100, 600, 6000}, new double[] {71.2, 85.0, 93.4}))
 *     .build().writePng(runDir.plots().resolve("label-efficiency.png"));
 * }</pre>
 */
public final class LineChart {
  /** Background color of the whole image. */
  public static final Color BACKGROUND = Color.WHITE;
  private static final Color[] PALETTE = {
      new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x59A14F), new Color(0xB07AA1),
      new Color(0x76B7B2), new Color(0xEDC948), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};
  private static final Color TEXT = new Color(0x222222);
  private static final Color GRID = new Color(0xE3E3E3);
  private static final Color FRAME = new Color(0x888888);

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final int width;
  private final int height;
  private final boolean logX;
  private final List<Double> includeY;
  private final List<Series> series;

  private LineChart(Builder b) {
    this.title = b.title;
    this.xLabel = b.xLabel;
    this.yLabel = b.yLabel;
    this.width = b.width;
    this.height = b.height;
    this.logX = b.logX;
    this.includeY = List.copyOf(b.includeY);
    this.series = List.copyOf(b.series);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Series> series() {
    return series;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Draws the chart into a new RGB image of the chart's size. */
  public BufferedImage render() {
    ensureHeadless();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      new Painter(g).paint();
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Renders the chart and writes it as PNG, atomically (temporary file, then rename). */
  public void writePng(Path file) throws IOException {
    BufferedImage image = render();
    AtomicFiles.write(file, out -> writePng(image, out));
  }

  private static void writePng(BufferedImage image, OutputStream out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(image);
    } finally {
      writer.dispose();
    }
  }

  /** Java2D needs no display for images; say so unless the application already decided. */
  private static void ensureHeadless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Draws one chart onto one graphics context; holds the layout of that drawing. */
  private final class Painter {
    private final Graphics2D g;
    private final Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private final Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private final Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private final Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private Axis xAxis;
    private Axis yAxis;
    private double left;
    private double top;
    private double right;
    private double bottom;

    Painter(Graphics2D g) {
      this.g = g;
    }

    void paint() {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);
      boolean hasData = makeAxes();
      layout();
      drawGridAndTicks();
      drawTitles();
      if (hasData) {
        drawSeries();
        drawLegend();
      } else {
        g.setFont(labelFont);
        g.setColor(FRAME);
        centered("no data", (left + right) / 2, (top + bottom) / 2);
      }
    }

    private boolean makeAxes() {
      double x0 = Double.POSITIVE_INFINITY;
      double x1 = Double.NEGATIVE_INFINITY;
      double y0 = Double.POSITIVE_INFINITY;
      double y1 = Double.NEGATIVE_INFINITY;
      for (Series s : series) {
        for (int i = 0; i < s.size(); i++) {
          if (s.drawn(i) && (!logX || s.xAt(i) > 0)) {
            x0 = Math.min(x0, s.xAt(i));
            x1 = Math.max(x1, s.xAt(i));
            y0 = Math.min(y0, s.yAt(i));
            y1 = Math.max(y1, s.yAt(i));
          }
        }
      }
      boolean hasData = x0 <= x1;
      if (!hasData) {
        x0 = logX ? 1 : 0;
        x1 = logX ? 10 : 1;
        y0 = 0;
        y1 = 1;
      }
      for (double v : includeY) {
        y0 = Math.min(y0, v);
        y1 = Math.max(y1, v);
      }
      double plotW = width * 0.8;
      double plotH = height * 0.75;
      xAxis = logX ? Axis.log10(x0, x1) : Axis.linear(x0, x1, clamp((int) (plotW / 100), 3, 10));
      yAxis = Axis.linear(y0, y1, clamp((int) (plotH / 60), 3, 10));
      return hasData;
    }

    private void layout() {
      FontMetrics tick = g.getFontMetrics(tickFont);
      int widest = 0;
      for (double t : yAxis.ticks()) {
        widest = Math.max(widest, tick.stringWidth(yAxis.label(t)));
      }
      double labelH = g.getFontMetrics(labelFont).getHeight();
      left = 12 + (yLabel.isEmpty() ? 0 : labelH + 6) + widest + 8;
      top = 14 + (title.isEmpty() ? 0 : g.getFontMetrics(titleFont).getHeight() + 8);
      right = width - 24;
      bottom = height - (12 + (xLabel.isEmpty() ? 0 : labelH + 4) + tick.getHeight() + 8);
    }

    private void drawGridAndTicks() {
      g.setFont(tickFont);
      FontMetrics fm = g.getFontMetrics();
      g.setStroke(new BasicStroke(1f));
      for (double t : xAxis.ticks()) {
        double px = px(t);
        g.setColor(GRID);
        g.draw(new Line2D.Double(px, top, px, bottom));
        g.setColor(FRAME);
        g.draw(new Line2D.Double(px, bottom, px, bottom + 5));
        g.setColor(TEXT);
        centered(xAxis.label(t), px, bottom + 8 + fm.getAscent() / 2.0 + 2);
      }
      for (double t : yAxis.ticks()) {
        double py = py(t);
        g.setColor(GRID);
        g.draw(new Line2D.Double(left, py, right, py));
        g.setColor(FRAME);
        g.draw(new Line2D.Double(left - 5, py, left, py));
        g.setColor(TEXT);
        String label = yAxis.label(t);
        g.drawString(label, (float) (left - 8 - fm.stringWidth(label)), (float) (py + fm.getAscent() / 2.0 - 2));
      }
      g.setColor(FRAME);
      g.draw(new Rectangle2D.Double(left, top, right - left, bottom - top));
    }

    private void drawTitles() {
      g.setColor(TEXT);
      if (!title.isEmpty()) {
        g.setFont(titleFont);
        FontMetrics fm = g.getFontMetrics();
        centered(title, (left + right) / 2, 12 + fm.getHeight() / 2.0);
      }
      g.setFont(labelFont);
      FontMetrics fm = g.getFontMetrics();
      if (!xLabel.isEmpty()) {
        centered(xLabel, (left + right) / 2, height - 10 - fm.getHeight() / 2.0);
      }
      if (!yLabel.isEmpty()) {
        AffineTransform saved = g.getTransform();
        g.translate(12 + fm.getAscent(), (top + bottom) / 2);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, (float) (-fm.stringWidth(yLabel) / 2.0), 0f);
        g.setTransform(saved);
      }
    }

    private void drawSeries() {
      Shape clip = g.getClip();
      g.clip(new Rectangle2D.Double(left - 6, top - 6, right - left + 12, bottom - top + 12));
      for (int k = 0; k < series.size(); k++) {
        Series s = series.get(k);
        g.setColor(colorOf(k));
        g.setStroke(new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double line = new Path2D.Double();
        boolean open = false;
        for (int i = 0; i < s.size(); i++) {
          if (!visible(s, i)) {
            open = false;
            continue;
          }
          if (open) {
            line.lineTo(px(s.xAt(i)), py(s.yAt(i)));
          } else {
            line.moveTo(px(s.xAt(i)), py(s.yAt(i)));
            open = true;
          }
        }
        g.draw(line);
        if (s.markers()) {
          for (int i = 0; i < s.size(); i++) {
            if (visible(s, i)) {
              drawMarker(k, px(s.xAt(i)), py(s.yAt(i)));
            }
          }
        }
      }
      g.setClip(clip);
    }

    private void drawMarker(int k, double cx, double cy) {
      Shape m = marker(k, cx, cy, 4.5);
      g.setColor(colorOf(k));
      g.fill(m);
      g.setColor(BACKGROUND);
      g.setStroke(new BasicStroke(1f));
      g.draw(m);
    }

    private void drawLegend() {
      g.setFont(legendFont);
      FontMetrics fm = g.getFontMetrics();
      int widest = 0;
      for (Series s : series) {
        widest = Math.max(widest, fm.stringWidth(s.name()));
      }
      double rowH = fm.getHeight() + 4;
      double w = 10 + 28 + 8 + widest + 10;
      double h = 8 + rowH * series.size() + 4;
      Rectangle2D box = bestCorner(w, h);
      g.setColor(new Color(255, 255, 255, 225));
      g.fill(box);
      g.setColor(GRID.darker());
      g.setStroke(new BasicStroke(1f));
      g.draw(box);
      for (int k = 0; k < series.size(); k++) {
        Series s = series.get(k);
        double cy = box.getY() + 8 + rowH * k + rowH / 2;
        double x0 = box.getX() + 10;
        g.setColor(colorOf(k));
        g.setStroke(new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x0, cy, x0 + 28, cy));
        if (s.markers()) {
          drawMarker(k, x0 + 14, cy);
        }
        g.setColor(TEXT);
        g.drawString(s.name(), (float) (x0 + 36), (float) (cy + fm.getAscent() / 2.0 - 2));
      }
    }

    /** The plot corner whose legend box would hide the fewest points (top right on a tie). */
    private Rectangle2D bestCorner(double w, double h) {
      double pad = 10;
      Rectangle2D[] corners = {
          new Rectangle2D.Double(right - pad - w, top + pad, w, h),
          new Rectangle2D.Double(left + pad, top + pad, w, h),
          new Rectangle2D.Double(right - pad - w, bottom - pad - h, w, h),
          new Rectangle2D.Double(left + pad, bottom - pad - h, w, h)};
      Rectangle2D best = corners[0];
      long bestHidden = Long.MAX_VALUE;
      for (Rectangle2D c : corners) {
        long hidden = hiddenPoints(c);
        if (hidden < bestHidden) {
          best = c;
          bestHidden = hidden;
        }
      }
      return best;
    }

    /** Points, and samples along the segments between them, that fall inside {@code box}. */
    private long hiddenPoints(Rectangle2D box) {
      long hidden = 0;
      for (Series s : series) {
        int prev = -1;
        for (int i = 0; i < s.size(); i++) {
          if (!visible(s, i)) {
            prev = -1;
            continue;
          }
          double x1 = px(s.xAt(i));
          double y1 = py(s.yAt(i));
          if (prev >= 0) {
            double x0 = px(s.xAt(prev));
            double y0 = py(s.yAt(prev));
            for (int t = 1; t < 8; t++) {
              if (box.contains(x0 + (x1 - x0) * t / 8, y0 + (y1 - y0) * t / 8)) {
                hidden++;
              }
            }
          }
          if (box.contains(x1, y1)) {
            hidden += 8;
          }
          prev = i;
        }
      }
      return hidden;
    }

    private boolean visible(Series s, int i) {
      return s.drawn(i) && (!logX || s.xAt(i) > 0);
    }

    private Color colorOf(int k) {
      Color c = series.get(k).color();
      return c != null ? c : PALETTE[k % PALETTE.length];
    }

    private double px(double x) {
      return left + xAxis.fraction(x) * (right - left);
    }

    private double py(double y) {
      return bottom - yAxis.fraction(y) * (bottom - top);
    }

    private void centered(String text, double cx, double cy) {
      FontMetrics fm = g.getFontMetrics();
      g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) (cy + fm.getAscent() / 2.0 - fm.getDescent() / 2.0));
    }
  }

  /** Circle, square, diamond, triangle, by series index: tells lines apart without color. */
  private static Shape marker(int k, double cx, double cy, double r) {
    switch (k % 4) {
      case 1:
        return new Rectangle2D.Double(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7);
      case 2: {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx, cy - r * 1.2);
        p.lineTo(cx + r * 1.2, cy);
        p.lineTo(cx, cy + r * 1.2);
        p.lineTo(cx - r * 1.2, cy);
        p.closePath();
        return p;
      }
      case 3: {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx, cy - r * 1.2);
        p.lineTo(cx + r * 1.1, cy + r * 0.8);
        p.lineTo(cx - r * 1.1, cy + r * 0.8);
        p.closePath();
        return p;
      }
      default:
        return new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
    }
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** Collects a chart's settings and series. */
  public static final class Builder {
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private int width = 800;
    private int height = 500;
    private boolean logX;
    private final List<Double> includeY = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();

    private Builder() {}

    public Builder title(String text) {
      this.title = Objects.requireNonNull(text, "title");
      return this;
    }

    public Builder xLabel(String text) {
      this.xLabel = Objects.requireNonNull(text, "xLabel");
      return this;
    }

    public Builder yLabel(String text) {
      this.yLabel = Objects.requireNonNull(text, "yLabel");
      return this;
    }

    /** Image size in pixels; 800 × 500 unless set. */
    public Builder size(int widthPx, int heightPx) {
      if (widthPx < 200 || heightPx < 150) {
        throw new IllegalArgumentException("a chart needs at least 200 × 150 pixels, asked for " + widthPx + " × "
            + heightPx);
      }
      this.width = widthPx;
      this.height = heightPx;
      return this;
    }

    /** A log10 x axis; points with x ≤ 0 are then not drawn. */
    public Builder logX(boolean on) {
      this.logX = on;
      return this;
    }

    /** Widens the y axis to include this value (e.g. 0, or 100 for percentages). */
    public Builder includeY(double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("includeY needs a finite value, was " + value);
      }
      includeY.add(value);
      return this;
    }

    public Builder series(Series s) {
      series.add(Objects.requireNonNull(s, "series"));
      return this;
    }

    /** Adds {@link Series#of(String, double[], double[])}. */
    public Builder series(String name, double[] x, double[] y) {
      return series(Series.of(name, x, y));
    }

    public LineChart build() {
      return new LineChart(this);
    }
  }
}

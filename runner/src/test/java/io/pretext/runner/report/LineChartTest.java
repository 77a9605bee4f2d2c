package io.pretext.runner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
  @TempDir
  Path dir;

  static LineChart labelEfficiency() {
    double[] labels = {100, 600, 6000};
    return LineChart.builder().title("Label efficiency").xLabel("labeled examples (log scale)")
        .yLabel("accuracy (%)").logX(true)
        .series(Series.of("linear probe", labels, new double[] {71.25, 85.0, 93.4}))
        .series(Series.of("fine-tune", labels, new double[] {74.5, 88.1, 96.2}))
        .series(Series.of("from scratch", labels, new double[] {52.0, Double.NaN, 91.0}))
        .build();
  }

  @Test
  void writesAPngOfTheRequestedSizeWithLinesAndLegend() throws Exception {
    Path file = dir.resolve("plots/chart.png");
    labelEfficiency().writePng(file);
    BufferedImage img = ImageIO.read(file.toFile());
    assertNotNull(img, "a PNG ImageIO can read");
    assertEquals(800, img.getWidth());
    assertEquals(500, img.getHeight());
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
    int blue = 0x4E79A7;
    int orange = 0xF28E2B;
    int red = 0xE15759;
    assertTrue(count(img, blue) > 200, "the first series is drawn in its palette color");
    assertTrue(count(img, orange) > 200, "the second series is drawn");
    assertTrue(count(img, red) > 50, "the third series is drawn");
    assertTrue(count(img, LineChart.BACKGROUND.getRGB() & 0xFFFFFF) > 800 * 500 / 2, "mostly background");
  }

  @Test
  void legendShowsEachSeriesSwatchAndText() throws Exception {
    BufferedImage img = labelEfficiency().render();
    // look for a short horizontal run of the first color (the swatch left of its marker) with dark text right of it
    boolean found = false;
    for (int y = 0; y < img.getHeight() && !found; y++) {
      int run = 0;
      for (int x = 0; x < img.getWidth(); x++) {
        run = (img.getRGB(x, y) & 0xFFFFFF) == 0x4E79A7 ? run + 1 : 0;
        if (run >= 6 && darkPixelsRightOf(img, x, y) > 5) {
          found = true;
          break;
        }
      }
    }
    assertTrue(found, "a legend swatch followed by its label");
  }

  @Test
  void sameChartGivesTheSameBytes() throws Exception {
    Path a = dir.resolve("a.png");
    Path b = dir.resolve("b.png");
    labelEfficiency().writePng(a);
    labelEfficiency().writePng(b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void customSizeEmptyChartAndPng(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    BufferedImage empty = LineChart.builder().title("nothing").size(400, 300).build().render();
    assertEquals(400, empty.getWidth());
    assertEquals(300, empty.getHeight());
    Path sample = dir.resolve("label-efficiency.png");
    labelEfficiency().writePng(sample);
    assertTrue(Files.size(sample) > 1000);
  }

  @Test
  void manyPointsAreDrawnWithoutMarkers() {
    double[] x = new double[2000];
    double[] y = new double[2000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
      y[i] = 2.3 * Math.exp(-i / 400.0) + 0.1 * Math.sin(i);
    }
    Series s = Series.of("loss", x, y);
    assertTrue(!s.markers());
    BufferedImage img = LineChart.builder().series(s).build().render();
    assertTrue(count(img, 0x4E79A7) > 300);
  }

  private static long count(BufferedImage img, int rgb) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  private static int darkPixelsRightOf(BufferedImage img, int x0, int y0) {
    int dark = 0;
    for (int y = Math.max(0, y0 - 6); y < Math.min(img.getHeight(), y0 + 6); y++) {
      for (int x = x0 + 20; x < Math.min(img.getWidth(), x0 + 90); x++) {
        Color c = new Color(img.getRGB(x, y));
        if (c.getRed() < 80 && c.getGreen() < 80 && c.getBlue() < 80) {
          dark++;
        }
      }
    }
    return dark;
  }
}

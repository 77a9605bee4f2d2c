package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pretraining run on an image folder with two truncated JPEGs and skip-bad-images: the count is reported. */
class SkippedImagesRunTest {
  @TempDir
  Path dir;

  @Test
  void twoTruncatedJpegsAreSkippedAndCountedInTheSummaryTheReportAndTheMetrics() throws IOException {
    Path images = Files.createDirectories(dir.resolve("photos"));
    for (int i = 0; i < 10; i++) {
      Files.write(images.resolve(String.format("ok-%02d.jpg", i)), jpeg(16, i));
    }
    byte[] whole = jpeg(64, 3);
    Files.write(images.resolve("cut-a.jpg"), Arrays.copyOf(whole, whole.length * 3 / 5));
    Files.write(images.resolve("cut-b.jpg"), Arrays.copyOf(whole, whole.length / 2));

    CliHarness.Result run = CliHarness.run("run", config(images, true).toString(), "--run-dir",
        dir.resolve("run").toString(), "--no-progress");

    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("on 12 samples"), run.out());
    assertTrue(run.out().contains("skipped 2 images that did not decode"), run.out());
    String report = Files.readString(dir.resolve("run/report.md"));
    assertTrue(report.contains("| images skipped (did not decode) | 2 |"), report);
    String summary = Files.readAllLines(dir.resolve("run/metrics.jsonl")).stream()
        .filter(l -> l.contains("data_wait_fraction")).findFirst().orElseThrow();
    assertTrue(summary.contains("\"skipped_images\":2"), summary);
  }

  @Test
  void withoutSkippingTheFirstTruncatedJpegStopsTheRunNamingIt() throws IOException {
    Path images = Files.createDirectories(dir.resolve("photos"));
    for (int i = 0; i < 4; i++) {
      Files.write(images.resolve(String.format("ok-%02d.jpg", i)), jpeg(16, i));
    }
    byte[] whole = jpeg(64, 3);
    Files.write(images.resolve("cut-a.jpg"), Arrays.copyOf(whole, whole.length * 3 / 5));

    CliHarness.Result run = CliHarness.run("run", config(images, false).toString(), "--run-dir",
        dir.resolve("run").toString(), "--no-progress");

    assertEquals(PretextCli.USER_ERROR, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("cut-a.jpg") && run.err().contains("skip-bad-images"), run.err());
    assertFalse(run.out().contains("skipped"), run.out());
  }

  private Path config(Path images, boolean skip) throws IOException {
    Path file = dir.resolve("folder.yaml");
    Files.writeString(file, """
        data: {name: image-folder, path: %s, labeled: false, height: 8, width: 8, channels: 1,
               skip-bad-images: %s, index-cache: %s}
        pretext: {name: rotation}
        encoder: {name: mlp, hidden: [16], features: 8}
        train: {epochs: 1, batch-size: 4, learning-rate: 0.01, threads: 1, workers: 1}
        """.formatted(images, skip, dir.resolve("index-cache")));
    return file;
  }

  /** A colour gradient JPEG of side {@code size}, varied by {@code seed}. */
  private static byte[] jpeg(int size, int seed) throws IOException {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, ((x * 255 / size) << 16) | ((y * 255 / size) << 8) | (seed * 20 % 256));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", out);
    return out.toByteArray();
  }
}

package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pretext.api.runtime.RuntimeSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pretext data throughput}: real decode and augmentation through the batch prefetcher, no model. */
class DataThroughputCommandTest {
  private static final Path CONFIGS = Path.of("..", "configs");
  private static final Pattern WORKER_LINE = Pattern.compile(
      "workers (\\d+): ([0-9.]+) images/s \\(([0-9.]+) views/s\\), median batch ([0-9.]+) ms, (\\d+) batches of"
          + " (\\d+) images in ([0-9.]+) s");

  @TempDir
  Path dir;

  @Test
  void measuresAFolderOfJpegsWithEachWorkerCount() throws IOException {
    Path images = jpegs(dir.resolve("photos"), 12);
    CliHarness.Result r = CliHarness.run("data", "throughput", CONFIGS.resolve("simclr-image-folder.yaml").toString(),
        "--set", "data.path=" + images, "--set", "train.batch-size=4", "--workers", "1,2", "--batches", "4");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("data: image-folder, 12 images, batches of 4 images, simclr: 2 view(s) per image;"
        + " augment: random-resized-crop, horizontal-flip, color-jitter, random-grayscale, gaussian-blur, normalize,"
        + " fit"), r.out());
    List<Matcher> lines = workerLines(r.out());
    assertEquals(2, lines.size(), r.out());
    for (int i = 0; i < 2; i++) {
      Matcher m = lines.get(i);
      assertEquals(i + 1, Integer.parseInt(m.group(1)), r.out());
      assertEquals("4", m.group(5), r.out());
      assertEquals("16", m.group(6), r.out()); // 4 timed batches of 4, crossing into the second epoch
      double imagesPerSecond = Double.parseDouble(m.group(2));
      assertTrue(imagesPerSecond > 0, r.out());
      assertEquals(2 * imagesPerSecond, Double.parseDouble(m.group(3)), 0.2, r.out());
      assertEquals(imagesPerSecond, 16 / Double.parseDouble(m.group(7)), 0.05 * imagesPerSecond + 0.5, r.out());
    }
    assertTrue(r.out().contains("summary: at most "), r.out());
    assertTrue(r.out().contains("per batch of 4"), r.out());
  }

  @Test
  void measuresFashionMnistFromTheCache() {
    assumeTrue(Files.isDirectory(RuntimeSettings.defaultDataCache().resolve("datasets/fashion-mnist")),
        "needs fashion-mnist in the data cache (pretext data fetch fashion-mnist)");
    CliHarness.Result r = CliHarness.run("data", "throughput", CONFIGS.resolve("simclr-fashion-mnist.yaml").toString(),
        "--workers", "2", "--batches", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("data: fashion-mnist, 60000 images, batches of 256 images, simclr: 2 view(s) per image"),
        r.out());
    List<Matcher> lines = workerLines(r.out());
    assertEquals(1, lines.size(), r.out());
    assertEquals("2", lines.get(0).group(1));
    assertEquals("512", lines.get(0).group(6), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "a", "1,,2", "1,-2", "300"})
  void aBadWorkerListIsRefusedWithExitTwo(String workers) {
    CliHarness.Result r = CliHarness.run("data", "throughput", CONFIGS.resolve("simclr-image-folder.yaml").toString(),
        "--workers", workers);
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--workers " + workers) && r.err().contains("e.g. --workers 1,2"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aMissingRunFileIsRefusedWithExitTwo() {
    Path missing = dir.resolve("nope.yaml");
    CliHarness.Result r = CliHarness.run("data", "throughput", missing.toString());
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(missing.toString()) && r.err().contains("does not exist"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void fewerImagesThanOneBatchIsRefusedWithExitTwo() throws IOException {
    Path images = jpegs(dir.resolve("few"), 3);
    CliHarness.Result r = CliHarness.run("data", "throughput", CONFIGS.resolve("simclr-image-folder.yaml").toString(),
        "--set", "data.path=" + images, "--workers", "1", "--batches", "1");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("3 samples") && r.err().contains("train.batch-size 128"), r.err());
  }

  private static List<Matcher> workerLines(String out) {
    return out.lines().map(WORKER_LINE::matcher).filter(Matcher::matches).toList();
  }

  /** Seeded noise JPEGs of a few sizes around 160x120 to 320x240. */
  private static Path jpegs(Path folder, int count) throws IOException {
    Files.createDirectories(folder);
    SplittableRandom random = new SplittableRandom(7);
    int[][] sizes = {{160, 120}, {200, 150}, {320, 240}};
    for (int i = 0; i < count; i++) {
      int[] size = sizes[i % sizes.length];
      BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < size[1]; y++) {
        for (int x = 0; x < size[0]; x++) {
          img.setRGB(x, y, random.nextInt(1 << 24));
        }
      }
      ImageIO.write(img, "jpg", folder.resolve(String.format("img-%03d.jpg", i)).toFile());
    }
    return folder;
  }
}

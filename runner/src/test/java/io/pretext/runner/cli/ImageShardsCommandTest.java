package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pretext data shard} and the {@code image-shards} data source from the command line. */
class ImageShardsCommandTest {
  @TempDir
  Path dir;

  @Test
  void shardsAFolderAndPretrainsOnTheShards() throws IOException {
    Path images = classFolders(dir.resolve("images"), 2, 10);
    Path shards = dir.resolve("shards");
    CliHarness.Result r = CliHarness.run("data", "shard", images.toString(), "--out", shards.toString(),
        "--shard-size", "6");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("wrote 20 images of 2 classes into 4 shard(s)"), r.out());
    assertTrue(Files.readString(shards.resolve("classes.json")).contains("\"cats\""));

    CliHarness.Result run = CliHarness.run("run", config(shards).toString(), "--run-dir",
        dir.resolve("run").toString(), "--no-progress");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("on 20 samples"), run.out());
    assertTrue(Files.exists(dir.resolve("run/encoder/encoder.params")));
  }

  @Test
  void anEmptyImageFolderIsRefusedWithExitTwo() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("nothing"));
    CliHarness.Result r = CliHarness.run("data", "shard", empty.toString(), "--out", dir.resolve("s").toString());
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(empty.toString()) && r.err().contains("no images"), r.err());
  }

  @Test
  void anEmptyShardFolderIsRefusedWithExitTwo() throws IOException {
    Path shards = Files.createDirectories(dir.resolve("shards"));
    CliHarness.Result r = CliHarness.run("run", config(shards).toString(), "--no-progress");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(shards.toString()) && r.err().contains("no tar shards"), r.err());
  }

  @Test
  void aLabelThatIsNotAnIntegerIsRefusedWithExitTwo() throws IOException {
    Path shard = tar(dir.resolve("shards/a.tar"), "k1.png", png(1), "k1.cls", "0", "k2.png", png(2), "k2.cls", "dog");
    CliHarness.Result r = CliHarness.run("run", config(shard.getParent()).toString(), "--no-progress");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(shard.toString()) && r.err().contains("k2.cls") && r.err().contains("not a class index"),
        r.err());
  }

  @Test
  void aShardTruncatedMidFileIsRefusedWithExitTwo() throws IOException {
    Path shard = tar(dir.resolve("shards/a.tar"), "k1.png", png(1), "k2.png", png(2));
    try (FileChannel ch = FileChannel.open(shard, StandardOpenOption.WRITE)) {
      ch.truncate(512 + (png(1).length + 511) / 512 * 512 + 512 + 20); // into k2.png's bytes
    }
    CliHarness.Result r = CliHarness.run("run", config(shard.getParent()).toString(), "--no-progress");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(shard.toString()) && r.err().contains("truncated"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  private Path config(Path shards) throws IOException {
    Path file = dir.resolve("shards.yaml");
    Files.writeString(file, """
        data: {name: image-shards, path: %s, height: 8, width: 8, channels: 1, shuffle-buffer: 8}
        pretext: {name: rotation}
        encoder: {name: mlp, hidden: [16], features: 8}
        train: {epochs: 1, batch-size: 5, learning-rate: 0.01, threads: 1, workers: 2}
        output: {dir: %s}
        """.formatted(shards, dir.resolve("runs")));
    return file;
  }

  private static Path classFolders(Path root, int classes, int perClass) throws IOException {
    int id = 0;
    for (int c = 0; c < classes; c++) {
      Path d = Files.createDirectories(root.resolve(c == 0 ? "cats" : "dogs" + c));
      for (int i = 0; i < perClass; i++) {
        Files.write(d.resolve("img" + i + ".png"), png(id++));
      }
    }
    return root;
  }

  private static byte[] png(int id) throws IOException {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, (id * 9 << 16) | (x * 30 << 8) | y * 30);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static Path tar(Path file, Object... nameAndContent) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream os = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(os)) {
      for (int i = 0; i < nameAndContent.length; i += 2) {
        Object c = nameAndContent[i + 1];
        byte[] bytes = c instanceof byte[] b ? b : c.toString().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry((String) nameAndContent[i]);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    return file;
  }
}

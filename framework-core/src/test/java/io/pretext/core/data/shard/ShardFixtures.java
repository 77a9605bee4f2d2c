package io.pretext.core.data.shard;

import io.pretext.api.data.Image;
import io.pretext.core.data.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small image folders and tar files made in the test: image {@code id} has red value {@code id}. */
final class ShardFixtures {
  static final int SIZE = 8;

  private ShardFixtures() {}

  /** A folder with {@code perClass} PNGs in each of {@code classes} subfolders; ids run 0, 1, ... */
  static Path classFolders(Path root, int classes, int perClass) throws IOException {
    int id = 0;
    for (int c = 0; c < classes; c++) {
      Path dir = Files.createDirectories(root.resolve("class-" + (char) ('a' + c)));
      for (int i = 0; i < perClass; i++) {
        ImageIO.write(image(id++), "png", dir.resolve("img" + i + ".png").toFile());
      }
    }
    return root;
  }

  static Path flatFolder(Path root, int count) throws IOException {
    Files.createDirectories(root);
    for (int id = 0; id < count; id++) {
      ImageIO.write(image(id), "png", root.resolve(String.format("p%03d.png", id)).toFile());
    }
    return root;
  }

  static BufferedImage image(int id) {
    BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        img.setRGB(x, y, (id << 16) | ((x * 30) << 8) | (y * 30));
      }
    }
    return img;
  }

  static byte[] png(int id) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ImageIO.write(image(id), "png", out);
    return out.toByteArray();
  }

  /** The id of a decoded fixture image. */
  static int id(Image image) {
    return Math.round(image.get(0, 0, 0) * 255);
  }

  static ImageDecoder decoder() {
    return new ImageDecoder(3, ImageDecoder.DEFAULT_MAX_PIXELS);
  }

  /** Writes a tar of the given (name, content) pairs. */
  static Path tar(Path file, Object... nameAndContent) throws IOException {
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

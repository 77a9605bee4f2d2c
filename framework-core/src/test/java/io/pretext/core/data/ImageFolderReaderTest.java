package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Image;
import io.pretext.api.data.ImageDataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFolderReaderTest {
  @TempDir Path dir;

  private static Path png(Path file, int w, int h, Color color, int type) throws Exception {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, color.getRGB());
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, file.toString().endsWith(".jpg") ? "jpg" : "png", file.toFile());
    return file;
  }

  private static ImageFolderReader reader(int h, int w, int c, boolean labeled, boolean skip) {
    return new ImageFolderReader(new ImageFolderReader.Options(h, w, c, labeled, skip));
  }

  @Test
  void labeledFolderGivesSortedClassesAndLabels() throws Exception {
    png(dir.resolve("zebra/1.png"), 4, 4, Color.WHITE, BufferedImage.TYPE_INT_RGB);
    png(dir.resolve("apple/1.png"), 4, 4, Color.RED, BufferedImage.TYPE_INT_RGB);
    png(dir.resolve("apple/2.jpg"), 4, 4, Color.RED, BufferedImage.TYPE_INT_RGB);
    Files.writeString(dir.resolve("apple/notes.txt"), "not an image");

    ImageFolderReader.Result r = reader(4, 4, 3, true, false).read(dir);

    ImageDataset ds = r.dataset();
    assertEquals(List.of("apple", "zebra"), ds.classNames());
    assertEquals(3, ds.size());
    assertEquals(0, ds.label(0));
    assertEquals(0, ds.label(1));
    assertEquals(1, ds.label(2));
    assertEquals(0, r.skippedCount());
    Image red = ds.get(0);
    assertEquals(1f, red.get(0, 1, 1), 1e-6);
    assertEquals(0f, red.get(1, 1, 1), 1e-6);
    assertEquals(1f, ds.get(2).get(2, 3, 3), 1e-6);
  }

  @Test
  void flatFolderIsUnlabeled() throws Exception {
    png(dir.resolve("a.png"), 3, 3, Color.GRAY, BufferedImage.TYPE_BYTE_GRAY);
    png(dir.resolve("b.png"), 3, 3, Color.GRAY, BufferedImage.TYPE_BYTE_GRAY);
    ImageDataset ds = reader(3, 3, 1, false, false).read(dir).dataset();
    assertEquals(2, ds.size());
    assertFalse(ds.labeled());
    assertEquals(List.of(), ds.classNames());
  }

  @ParameterizedTest(name = "source {0} → {1} channels")
  @CsvSource({"gray, 1", "gray, 3", "rgb, 1", "rgb, 3"})
  void convertsChannels(String source, int channels) throws Exception {
    boolean gray = source.equals("gray");
    Color color = gray ? new Color(128, 128, 128) : new Color(255, 0, 0);
    if (gray) { // the stored gray level, as other readers (PIL) see it; setRGB would store it linearised
      BufferedImage g = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 2; y++) {
        for (int x = 0; x < 2; x++) {
          g.getRaster().setSample(x, y, 0, 128);
        }
      }
      ImageIO.write(g, "png", dir.resolve("x.png").toFile());
    } else {
      png(dir.resolve("x.png"), 2, 2, color, BufferedImage.TYPE_INT_RGB);
    }
    Image img = reader(2, 2, channels, false, false).read(dir).dataset().get(0);
    assertEquals(channels, img.channels());
    if (gray) {
      for (int c = 0; c < channels; c++) {
        assertEquals(128 / 255f, img.get(c, 0, 0), 2 / 255f);
      }
    } else if (channels == 1) {
      assertEquals(Math.round(0.299f * 255) / 255f, img.get(0, 1, 1), 1 / 255f);
    } else {
      assertEquals(1f, img.get(0, 0, 0), 1e-6);
      assertEquals(0f, img.get(1, 0, 0), 1e-6);
      assertEquals(0f, img.get(2, 0, 0), 1e-6);
    }
  }

  @Test
  void resizesBilinearly() throws Exception {
    BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        int v = x < 2 ? 0 : 255;
        img.setRGB(x, y, new Color(v, v, v).getRGB());
      }
    }
    ImageIO.write(img, "png", dir.resolve("edge.png").toFile());
    Image out = reader(4, 2, 1, false, false).read(dir).dataset().get(0);
    assertEquals(4, out.height());
    assertEquals(2, out.width());
    assertEquals(0f, out.get(0, 0, 0), 1e-6);
    assertEquals(1f, out.get(0, 3, 1), 1e-6);
    Image same = reader(2, 4, 1, false, false).read(dir).dataset().get(0);
    assertEquals(0f, same.get(0, 1, 1), 1e-6);
    assertEquals(1f, same.get(0, 1, 2), 1e-6);
    Image up = reader(2, 8, 1, false, false).read(dir).dataset().get(0);
    float mid = up.get(0, 0, 3);
    assertTrue(mid > 0f && mid < 1f, "a blended value at the edge, got " + mid);
  }

  @Test
  void undecodableImageFailsNamingTheFile() throws Exception {
    png(dir.resolve("cats/good.png"), 2, 2, Color.BLUE, BufferedImage.TYPE_INT_RGB);
    Files.write(dir.resolve("cats/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> reader(2, 2, 3, true, false).read(dir));
    assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
    assertTrue(e.getMessage().contains("does not decode"), e.getMessage());
    assertTrue(e.getMessage().contains("skip-bad-images"), e.getMessage());
  }

  @Test
  void undecodableImageSkippedAndCountedWhenAsked() throws Exception {
    png(dir.resolve("cats/good.png"), 2, 2, Color.BLUE, BufferedImage.TYPE_INT_RGB);
    png(dir.resolve("dogs/good.png"), 2, 2, Color.GREEN, BufferedImage.TYPE_INT_RGB);
    Files.write(dir.resolve("cats/broken.png"), new byte[] {1, 2, 3});
    Files.write(dir.resolve("dogs/empty.jpg"), new byte[0]);
    ImageFolderReader.Result r = reader(2, 2, 3, true, true).read(dir);
    assertEquals(2, r.skippedCount());
    assertEquals(List.of(dir.resolve("cats/broken.png"), dir.resolve("dogs/empty.jpg")), r.skipped());
    assertEquals(2, r.dataset().size());
    assertEquals(0, r.dataset().label(0));
    assertEquals(1, r.dataset().label(1));
  }

  @Test
  void missingFolderAndEmptyFolder() throws Exception {
    DataException e = assertThrows(DataException.class, () -> reader(2, 2, 1, false, false).read(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("not found"), e.getMessage());
    DataException e2 = assertThrows(DataException.class, () -> reader(2, 2, 1, false, false).read(dir));
    assertTrue(e2.getMessage().contains("no images"), e2.getMessage());
  }

  @Test
  void testSplitUsesTrainingClasses() throws Exception {
    png(dir.resolve("train/a/1.png"), 2, 2, Color.BLUE, BufferedImage.TYPE_INT_RGB);
    png(dir.resolve("train/b/1.png"), 2, 2, Color.BLUE, BufferedImage.TYPE_INT_RGB);
    png(dir.resolve("test/b/1.png"), 2, 2, Color.BLUE, BufferedImage.TYPE_INT_RGB);
    png(dir.resolve("odd/c/1.png"), 2, 2, Color.BLUE, BufferedImage.TYPE_INT_RGB);
    ImageFolderReader r = reader(2, 2, 3, true, false);
    List<String> names = r.read(dir.resolve("train")).dataset().classNames();
    ImageDataset test = r.read(dir.resolve("test"), names).dataset();
    assertEquals(List.of("a", "b"), test.classNames());
    assertEquals(1, test.label(0));
    DataException e = assertThrows(DataException.class, () -> r.read(dir.resolve("odd"), names));
    assertTrue(e.getMessage().contains("not among the training classes"), e.getMessage());
  }
}

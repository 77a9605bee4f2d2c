package io.pretext.core.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
  @TempDir Path dir;

  private final ImageDecoder rgb = new ImageDecoder(3, ImageDecoder.DEFAULT_MAX_PIXELS);
  private final ImageDecoder gray = new ImageDecoder(1, ImageDecoder.DEFAULT_MAX_PIXELS);

  @Test
  void pngDecodesAtItsOwnSizeWithExactValues() throws Exception {
    Path f = ImageFixtures.write(dir.resolve("a.png"), ImageFixtures.png(ImageFixtures.gradient(7, 5, 3)));

    Image img = rgb.decode(f);

    assertEquals(3, img.channels());
    assertEquals(5, img.height());
    assertEquals(7, img.width());
    assertEquals((10 * 6 + 3) / 255f, img.get(0, 4, 6), 1e-6);
    assertEquals((10 * 4 + 3) / 255f, img.get(1, 4, 6), 1e-6);
    assertEquals(203 / 255f, img.get(2, 4, 6), 1e-6);
  }

  @Test
  void colourBecomesGrayByLumaAndGrayBecomesColourByRepeating() {
    Image g = gray.decode(ImageFixtures.png(ImageFixtures.gradient(4, 4, 0)), dir.resolve("c.png"));
    assertEquals(1, g.channels());
    float r = 30 / 255f;
    float gr = 20 / 255f;
    float b = 200 / 255f;
    assertEquals(0.299f * r + 0.587f * gr + 0.114f * b, g.get(0, 2, 3), 1e-5);

    BufferedImage grayImg = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    grayImg.getRaster().setSample(1, 1, 0, 100);
    Image c = rgb.decode(ImageFixtures.png(grayImg), dir.resolve("g.png"));
    for (int ch = 0; ch < 3; ch++) {
      // read from the raster: no colour-space round trip brightens the linear gray
      assertEquals(100 / 255f, c.get(ch, 1, 1), 1e-6);
    }
  }

  @Test
  void sixteenBitPngIsScaledByItsOwnMaximum() {
    byte[] png = ImageFixtures.gray16Png(3, 3, 32768);
    assertEquals(16, ImageFixtures.pngBitDepth(png));

    Image img = gray.decode(png, dir.resolve("deep.png"));

    assertEquals(32768 / 65535f, img.get(0, 2, 2), 1e-6);
  }

  @Test
  void palettePngGivesItsPaletteColours() {
    byte[] png = ImageFixtures.palettePng(4, 2, 0xFF0000, 0x0000FF);
    assertTrue(ImageFixtures.isPalettePng(png), "fixture is a palette PNG");

    Image img = rgb.decode(png, dir.resolve("pal.png"));

    assertEquals(1f, img.get(0, 0, 0), 1e-6);
    assertEquals(0f, img.get(2, 0, 0), 1e-6);
    assertEquals(0f, img.get(0, 1, 3), 1e-6);
    assertEquals(1f, img.get(2, 1, 3), 1e-6);
  }

  @Test
  void cmykJpegDecodesWhereTheJdkReaderFails() throws Exception {
    // no cyan, full magenta and yellow, no black: red, once the reader has turned it into RGB
    byte[] cmyk = ImageFixtures.cmykJpeg(8, 8, 0, 255, 255, 0);
    assertFirstJpegReaderIsTwelveMonkeys(cmyk);

    Image img = rgb.decode(cmyk, dir.resolve("cmyk.jpg"));

    assertEquals(8, img.width());
    float red = img.get(0, 4, 4);
    float green = img.get(1, 4, 4);
    float blue = img.get(2, 4, 4);
    assertTrue(red > 0.6f && green < 0.4f && blue < 0.4f, "red expected, got " + red + "," + green + "," + blue);
  }

  @Test
  void progressiveJpegDecodes() throws Exception {
    byte[] jpg = ImageFixtures.jpeg(ImageFixtures.gradient(16, 12, 0), true);
    assertTrue(hasMarker(jpg, 0xC2), "fixture is progressive (SOF2)");

    Image img = rgb.decode(jpg, dir.resolve("prog.jpg"));

    assertEquals(12, img.height());
    assertEquals(16, img.width());
    assertEquals(200 / 255f, img.get(2, 6, 8), 0.05);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void exifOrientationSixTurnsTheImageAQuarterClockwise(boolean littleEndian) throws Exception {
    // stored 4 wide, 2 high: left half black, right half white
    BufferedImage stored = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 8; x < 16; x++) {
        stored.setRGB(x, y, 0xFFFFFF);
      }
    }
    byte[] jpg = ImageFixtures.withExifOrientation(ImageFixtures.jpeg(stored, false), 6, littleEndian);
    assertEquals(6, ExifOrientation.of(jpg));

    Image img = gray.decode(jpg, dir.resolve("rot.jpg"));

    // upright: 8 wide, 16 high; the stored right half (white) is now the bottom
    assertEquals(16, img.height());
    assertEquals(8, img.width());
    assertEquals(0f, img.get(0, 2, 4), 0.05);
    assertEquals(1f, img.get(0, 13, 4), 0.05);
  }

  @Test
  void everyOrientationMovesTheCornersAsTheStandardSays() {
    // 2 channels of a 2x3 (h x w) image; pixel value = 10 y + x
    float[] src = new float[2 * 6];
    for (int c = 0; c < 2; c++) {
      for (int y = 0; y < 2; y++) {
        for (int x = 0; x < 3; x++) {
          src[c * 6 + y * 3 + x] = 10 * y + x + 100 * c;
        }
      }
    }
    // top-left value after the transform, for orientations 1..8
    float[] topLeft = {0, 2, 12, 10, 0, 10, 12, 2};
    for (int o = 1; o <= 8; o++) {
      float[] out = ExifOrientation.apply(o, src, 2, 2, 3);
      assertEquals(topLeft[o - 1], out[0], "orientation " + o);
      int plane = 6;
      assertEquals(topLeft[o - 1] + 100, out[plane], "orientation " + o + ", second channel");
    }
    // orientation 6: out is 3 high, 2 wide; out(0, 1) is stored (0, 0)
    assertEquals(0f, ExifOrientation.apply(6, src, 2, 2, 3)[1]);
  }

  @Test
  void orientationReadsAsUprightWhenAbsentOrGarbled() {
    assertEquals(1, ExifOrientation.of(ImageFixtures.png(ImageFixtures.gradient(2, 2, 0))));
    byte[] jpg = ImageFixtures.withExifOrientation(ImageFixtures.jpeg(ImageFixtures.gradient(4, 4, 0)), 6, false);
    jpg[2 + 4 + 6 + 3] = 0; // break the TIFF magic number (42)
    assertEquals(1, ExifOrientation.of(jpg));
    assertEquals(1, ExifOrientation.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F}));
  }

  @Test
  void decompressionBombIsRefusedFromTheHeaderBeforeAllocating() throws Exception {
    // 50,000 x 50,000 RGB would be 7.5 GB decoded, 30 GB as floats: far above the test heap
    Path png = ImageFixtures.write(dir.resolve("bomb.png"), ImageFixtures.pngDeclaring(50_000, 50_000));
    Path jpg = ImageFixtures.write(dir.resolve("bomb.jpg"), ImageFixtures.jpegDeclaring(50_000, 50_000));

    for (Path f : new Path[] {png, jpg}) {
      CorruptDataException e = assertThrows(CorruptDataException.class, () -> rgb.decode(f));
      assertEquals(f, e.file());
      assertTrue(e.getMessage().contains("50000x50000"), e.getMessage());
      assertTrue(e.getMessage().contains("max-pixels"), e.getMessage());
    }
  }

  @Test
  void pixelLimitIsConfigurable() {
    byte[] png = ImageFixtures.png(ImageFixtures.gradient(10, 10, 0));
    assertEquals(10, new ImageDecoder(3, 100).decode(png, dir.resolve("ok.png")).width());
    assertThrows(CorruptDataException.class, () -> new ImageDecoder(3, 99).decode(png, dir.resolve("big.png")));
    assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(3, 0));
    assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(2, 100));
  }

  @Test
  void truncatedFilesAreCorruptAndNamed() throws Exception {
    Path png = ImageFixtures.write(dir.resolve("cut.png"),
        ImageFixtures.truncated(ImageFixtures.png(ImageFixtures.gradient(40, 40, 0)), 0.5));
    Path jpg = ImageFixtures.write(dir.resolve("cut.jpg"),
        ImageFixtures.truncated(ImageFixtures.jpeg(ImageFixtures.gradient(64, 64, 0), false), 0.6));

    for (Path f : new Path[] {png, jpg}) {
      CorruptDataException e = assertThrows(CorruptDataException.class, () -> rgb.decode(f));
      assertEquals(f, e.file());
      assertTrue(e.getMessage().contains("skip-bad-images"), e.getMessage());
    }
  }

  @Test
  void aFileThatIsNoImageIsCorrupt() throws Exception {
    Path f = ImageFixtures.write(dir.resolve("notes.jpg"), "not an image".getBytes());
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> rgb.decode(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void missingOrUnreadableFileIsADataErrorNamingIt() throws Exception {
    Path link = dir.resolve("gone.jpg");
    Files.createSymbolicLink(link, dir.resolve("nowhere.jpg"));
    DataException e = assertThrows(DataException.class, () -> rgb.decode(link));
    assertEquals(link, e.file());

    Path locked = ImageFixtures.write(dir.resolve("locked.png"), ImageFixtures.png(ImageFixtures.gradient(2, 2, 0)));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(locked), "running as root: every file is readable");
    DataException denied = assertThrows(DataException.class, () -> rgb.decode(locked));
    assertTrue(denied.getMessage().contains("permission"), denied.getMessage());
  }

  @Test
  void imageNamesByExtension() {
    assertTrue(ImageDecoder.isImageName("A.JPG"));
    assertTrue(ImageDecoder.isImageName("b.jpeg"));
    assertTrue(ImageDecoder.isImageName("c.png"));
    assertEquals(false, ImageDecoder.isImageName("d.txt"));
  }

  private static void assertFirstJpegReaderIsTwelveMonkeys(byte[] jpg) throws Exception {
    ImageReader r = ImageIO.getImageReaders(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpg))).next();
    assertTrue(r.getClass().getName().startsWith("com.twelvemonkeys."), r.getClass().getName());
  }

  private static boolean hasMarker(byte[] jpg, int marker) {
    for (int i = 0; i + 1 < jpg.length; i++) {
      if ((jpg[i] & 0xFF) == 0xFF && (jpg[i + 1] & 0xFF) == marker) {
        return true;
      }
    }
    return false;
  }
}

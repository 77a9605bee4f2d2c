package io.pretext.core.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Small image files made in the test: the formats real folders hold, and broken ones. */
public final class ImageFixtures {
  private ImageFixtures() {}

  /** An RGB image whose pixel (x, y) is (r, g, b) = (10 x, 10 y, 200) + seed, for telling pixels apart. */
  public static BufferedImage gradient(int w, int h, int seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, ((10 * x + seed) & 0xFF) << 16 | ((10 * y + seed) & 0xFF) << 8 | ((200 + seed) & 0xFF));
      }
    }
    return img;
  }

  public static byte[] png(BufferedImage img) {
    return encode(img, "png");
  }

  public static byte[] jpeg(BufferedImage img) {
    return encode(img, "jpg");
  }

  public static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes);
    return file;
  }

  /** A JPEG at the highest quality, baseline or progressive, written by the JDK's own writer. */
  public static byte[] jpeg(BufferedImage img, boolean progressive) throws IOException {
    ImageWriter writer = jdkJpegWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(1f);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * A 4-component CMYK JPEG of one ink colour (0..255 ink), as Photoshop writes them: an Adobe
   * APP14 segment (transform 0, no colour transform) and the ink stored inverted.
   */
  public static byte[] cmykJpeg(int w, int h, int c, int m, int y, int k) throws IOException {
    java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
        java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int yy = 0; yy < h; yy++) {
      for (int xx = 0; xx < w; xx++) {
        raster.setPixel(xx, yy, new int[] {255 - c, 255 - m, 255 - y, 255 - k});
      }
    }
    ImageWriter writer = jdkJpegWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(1f);
      writer.write(null, new IIOImage(raster, null, null), param);
    } finally {
      writer.dispose();
    }
    byte[] jpg = bytes.toByteArray();
    byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpg, 0, 2);
    out.writeBytes(adobe);
    out.write(jpg, 2, jpg.length - 2);
    return out.toByteArray();
  }

  private static ImageWriter jdkJpegWriter() {
    var it = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter first = null;
    while (it.hasNext()) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.")) {
        return w;
      }
      first = first == null ? w : first;
    }
    return first;
  }

  /** A 16-bit gray PNG of one value. */
  public static byte[] gray16Png(int w, int h, int value) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, value);
      }
    }
    return png(img);
  }

  /** A palette PNG (colour type 3): the left half palette entry 1, the right half entry 2. */
  public static byte[] palettePng(int w, int h, int rgb1, int rgb2) {
    byte[] r = {0, (byte) (rgb1 >> 16), (byte) (rgb2 >> 16), 0};
    byte[] g = {0, (byte) (rgb1 >> 8), (byte) (rgb2 >> 8), 0};
    byte[] b = {0, (byte) rgb1, (byte) rgb2, 0};
    IndexColorModel cm = new IndexColorModel(2, 4, r, g, b);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY, cm);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, x < w / 2 ? 1 : 2);
      }
    }
    return png(img);
  }

  /** Inserts an EXIF APP1 segment declaring {@code orientation} right after a JPEG's SOI. */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
    tiff.order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
    tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M'));
    tiff.putShort((short) 42).putInt(8);
    tiff.putShort((short) 1); // one IFD0 entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0); // no next IFD
    byte[] exif = tiff.array();
    int len = 2 + 6 + exif.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xE1);
    out.write(len >> 8);
    out.write(len & 0xFF);
    out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    out.writeBytes(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** A PNG whose IHDR declares {@code w × h} (CRC fixed), its pixel data that of a tiny image. */
  public static byte[] pngDeclaring(int w, int h) {
    byte[] png = png(gradient(2, 2, 0));
    // signature (8), IHDR length (4), "IHDR" (4), width, height at 16 and 20
    ByteBuffer.wrap(png, 16, 8).putInt(w).putInt(h);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 4 + 13);
    ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
    return png;
  }

  /** A JPEG whose SOF0 declares {@code w × h}, its scan that of a tiny image. */
  public static byte[] jpegDeclaring(int w, int h) throws IOException {
    byte[] jpg = jpeg(gradient(8, 8, 0), false);
    for (int p = 2; p + 9 < jpg.length; ) {
      int marker = jpg[p + 1] & 0xFF;
      int len = ((jpg[p + 2] & 0xFF) << 8) | (jpg[p + 3] & 0xFF);
      if (marker == 0xC0 || marker == 0xC2) {
        ByteBuffer.wrap(jpg, p + 5, 4).putShort((short) h).putShort((short) w);
        return jpg;
      }
      p += 2 + len;
    }
    throw new IllegalStateException("no SOF segment");
  }

  /** The first {@code fraction} of a file's bytes. */
  public static byte[] truncated(byte[] file, double fraction) {
    return Arrays.copyOf(file, (int) (file.length * fraction));
  }

  private static byte[] encode(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no " + format + " writer for " + img);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a PNG's IHDR colour type is 3 (palette). */
  public static boolean isPalettePng(byte[] png) {
    return png[25] == 3;
  }

  /** The bit depth in a PNG's IHDR. */
  public static int pngBitDepth(byte[] png) {
    return png[24];
  }
}

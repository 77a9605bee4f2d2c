package io.pretext.core.data.image;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one encoded image (PNG or JPEG, anything an installed ImageIO reader takes) into an
 * {@link Image} at the file's own size, with values in [0, 1] and the configured channels.
 *
 * <ul>
 *   <li>The pixel count is read from the header ({@code ImageReader.getWidth/getHeight}) and
 *       refused above {@link #maxPixels()} before any pixel buffer is allocated, so a
 *       decompression bomb costs nothing.
 *   <li>CMYK/YCCK and progressive JPEGs are read by the TwelveMonkeys JPEG reader (an ImageIO
 *       service provider on the classpath); 16-bit, gray, palette and alpha PNGs by the JDK's.
 *       {@link RasterPixels} converts any raster type.
 *   <li>The EXIF orientation (JPEG {@code APP1}, PNG {@code eXIf}) is applied, so the image
 *       comes out upright ({@link ExifOrientation}).
 *   <li>A file that does not decode, or ends early, is a {@link CorruptDataException} naming it;
 *       a file that cannot be read is a {@link DataException}. Whether to skip is the caller's
 *       choice.
 * </ul>
 *
 * <p>Stateless and safe to share between threads; encoded bytes are held in memory, never
 * cached on disk.
 */
public final class ImageDecoder {
  /** The default pixel limit (width × height): 50 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  /** The largest pixel limit: an RGB float image of that many pixels still fits one Java array. */
  public static final long MAX_PIXELS_CAP = Integer.MAX_VALUE / 3;
  /** The file name endings taken as image files (lower case). */
  public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  private final int channels;
  private final long maxPixels;

  /**
   * @param channels 1 (gray) or 3 (RGB): every image is converted to it
   * @param maxPixels width × height above which an image is refused, in [1, {@link #MAX_PIXELS_CAP}]
   */
  public ImageDecoder(int channels, long maxPixels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
    }
    if (maxPixels < 1 || maxPixels > MAX_PIXELS_CAP) {
      throw new IllegalArgumentException("maxPixels must be in [1, " + MAX_PIXELS_CAP + "], got " + maxPixels);
    }
    this.channels = channels;
    this.maxPixels = maxPixels;
  }

  public int channels() {
    return channels;
  }

  public long maxPixels() {
    return maxPixels;
  }

  /** Whether a file name ends in one of {@link #EXTENSIONS} (case-insensitive). */
  public static boolean isImageName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    for (String ext : EXTENSIONS) {
      if (n.endsWith(ext)) {
        return true;
      }
    }
    return false;
  }

  /** Reads and decodes a file. */
  public Image decode(Path file) {
    return decode(read(file), file);
  }

  /**
   * Decodes encoded bytes; {@code source} names them in errors (a file, or e.g. a tar shard
   * entry written as {@code shard.tar/key.jpg}).
   */
  public Image decode(byte[] encoded, Path source) {
    ImageReader reader = null;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw corrupt(source, "not a PNG or JPEG image (no decoder recognised its content)", null);
      }
      reader = readers.next();
      reader.setInput(in, true, true);
      long w = reader.getWidth(0);
      long h = reader.getHeight(0);
      if (w <= 0 || h <= 0) {
        throw corrupt(source, "the header declares an empty image (" + w + "x" + h + ")", null);
      }
      if (w * h > maxPixels) {
        throw new CorruptDataException(source, "the header declares " + w + "x" + h + " = " + (w * h)
            + " pixels, above the limit of " + maxPixels + " (max-pixels in the data section); refused before"
            + " decoding. Raise max-pixels if the image is genuine, or remove the file (or set skip-bad-images: true)");
      }
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((r, message) -> warnings.add(message));
      BufferedImage image = reader.read(0);
      for (String warning : warnings) {
        if (endsEarly(warning)) {
          throw corrupt(source, "the file ends before its last pixel (" + warning + ")", null);
        }
      }
      if (image.getWidth() != w || image.getHeight() != h) {
        throw corrupt(source, "decoded to " + image.getWidth() + "x" + image.getHeight() + ", header said " + w + "x" + h, null);
      }
      float[] pixels = RasterPixels.planar(image, channels);
      int orientation = ExifOrientation.of(encoded);
      int height = (int) h;
      int width = (int) w;
      pixels = ExifOrientation.apply(orientation, pixels, channels, height, width);
      return ExifOrientation.swapsSides(orientation)
          ? new Image(channels, width, height, pixels) : new Image(channels, height, width, pixels);
    } catch (DataException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw corrupt(source, "does not decode (" + why + ")", e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  private static boolean endsEarly(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return w.contains("premature end") || w.contains("truncat") || w.contains("unexpected end");
  }

  private static CorruptDataException corrupt(Path source, String why, Throwable cause) {
    return new CorruptDataException(source, "image " + why + "; fix or remove the file, or set"
        + " skip-bad-images: true to skip such files", cause);
  }

  private static byte[] read(Path file) {
    try {
      if (Files.size(file) > Integer.MAX_VALUE - 16) {
        throw new DataException(file, "image file of " + Files.size(file) + " bytes is larger than 2 GiB;"
            + " no PNG/JPEG of a usable size is that large: remove it");
      }
      return Files.readAllBytes(file);
    } catch (AccessDeniedException e) {
      throw new DataException(file, "cannot read the image file (permission denied); give read permission"
          + " (chmod a+r) or remove it", e);
    } catch (NoSuchFileException e) {
      throw new DataException(file, "image file not found (removed, or a broken link); restore it or"
          + " remove it from the folder", e);
    } catch (IOException e) {
      throw new DataException(file, "cannot read the image file (" + e.getMessage() + ")", e);
    }
  }
}

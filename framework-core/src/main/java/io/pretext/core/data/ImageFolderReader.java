package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.ImageDataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PNG/JPEG images from a folder with {@code javax.imageio}: labeled (one subfolder per class,
 * sorted names give the class indices) or flat (unlabeled). Every image is converted to the
 * configured channels (1 = gray, 3 = RGB) and resized bilinearly to the configured size.
 */
public final class ImageFolderReader {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFolderReader.class);
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");
  /** Default of {@code data.max-pixels}: Pillow's decompression-bomb threshold (about 89 megapixels). */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;
  /** The setting that raises the pixel limit. */
  public static final String MAX_PIXELS_SETTING = "data.max-pixels";

  /**
   * How to read a folder.
   *
   * @param skipBadImages skip (and count) files that do not decode instead of failing
   * @param maxPixels the most pixels an image may declare in its header, checked before decoding
   */
  public record Options(int height, int width, int channels, boolean labeled, boolean skipBadImages, long maxPixels) {
    /** With the default pixel limit. */
    public Options(int height, int width, int channels, boolean labeled, boolean skipBadImages) {
      this(height, width, channels, labeled, skipBadImages, DEFAULT_MAX_PIXELS);
    }

    public Options {
      if (height <= 0 || width <= 0) {
        throw new IllegalArgumentException("height and width must be positive, got " + height + "x" + width);
      }
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
      }
    }
  }

  /** What a read produced: the images and the files skipped because they did not decode. */
  public record Result(ImageDataset dataset, List<Path> skipped) {
    public Result {
      skipped = List.copyOf(skipped);
    }

    public int skippedCount() {
      return skipped.size();
    }
  }

  private final Options options;

  public ImageFolderReader(Options options) {
    this.options = options;
  }

  /** Reads a folder; class names (when labeled) come from its sorted subfolder names. */
  public Result read(Path folder) {
    return read(folder, null);
  }

  /**
   * Reads a folder with given class names (e.g. those of the training split, for a test split);
   * null means take them from the subfolders.
   */
  public Result read(Path folder, List<String> classNames) {
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder, "image folder not found (or not a folder); check the path");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> fileLabels = new ArrayList<>();
    List<String> names = List.of();
    if (options.labeled()) {
      List<Path> classDirs = list(folder).stream().filter(Files::isDirectory).toList();
      if (classDirs.isEmpty()) {
        throw new DataException(folder, "a labeled image folder needs one subfolder per class, found none"
            + " (set labeled: false for a flat folder of images)");
      }
      List<String> found = classDirs.stream().map(p -> p.getFileName().toString()).toList();
      names = classNames == null ? found : classNames;
      for (Path dir : classDirs) {
        int label = names.indexOf(dir.getFileName().toString());
        if (label < 0) {
          throw new DataException(dir, "class folder not among the training classes " + names);
        }
        for (Path f : imageFiles(dir)) {
          files.add(f);
          fileLabels.add(label);
        }
      }
    } else {
      files.addAll(imageFiles(folder));
    }
    if (files.isEmpty()) {
      throw new DataException(folder, "no images (" + String.join(", ", EXTENSIONS) + ") found");
    }
    return decodeAll(folder, files, fileLabels, names);
  }

  private Result decodeAll(Path folder, List<Path> files, List<Integer> fileLabels, List<String> names) {
    int per = options.channels() * options.height() * options.width();
    long total = (long) files.size() * per;
    if (total > Integer.MAX_VALUE - 16) {
      throw new DataException(folder, files.size() + " images of " + options.channels() + "x" + options.height() + "x"
          + options.width() + " need " + total + " bytes, more than the " + (Integer.MAX_VALUE - 16) + " bytes one"
          + " data set held in memory may take; lower height and width, or split the folder");
    }
    byte[] pixels = new byte[(int) total];
    List<Integer> kept = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < files.size(); i++) {
      BufferedImage img = decode(files.get(i));
      if (img == null) {
        skipped.add(files.get(i));
        LOG.warn("Skipping {}: not a decodable PNG/JPEG image", files.get(i));
        continue;
      }
      ImagePixels.write(img, options.channels(), options.height(), options.width(), pixels, n * per);
      n++;
      if (options.labeled()) {
        kept.add(fileLabels.get(i));
      }
    }
    if (!skipped.isEmpty()) {
      LOG.warn("Skipped {} of {} images in {} that did not decode", skipped.size(), files.size(), folder);
    }
    if (n == 0) {
      throw new DataException(folder, "none of the " + files.size() + " image files decoded");
    }
    byte[] used = n == files.size() ? pixels : Arrays.copyOf(pixels, n * per);
    int[] labels = options.labeled() ? kept.stream().mapToInt(Integer::intValue).toArray() : null;
    ImageDataset ds = new ImageDataset(options.channels(), options.height(), options.width(), used, labels, names);
    return new Result(ds, skipped);
  }

  /** The decoded image, or null when it is bad and bad images are skipped. */
  private BufferedImage decode(Path file) {
    checkDeclaredSize(file);
    String why;
    try {
      BufferedImage img = ImageIO.read(file.toFile());
      if (img != null && img.getWidth() > 0 && img.getHeight() > 0) {
        return img;
      }
      why = "no PNG/JPEG decoder recognised its content";
    } catch (IOException | RuntimeException e) {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    if (options.skipBadImages()) {
      return null;
    }
    throw new CorruptDataException(file, "image does not decode (" + why + "); fix or remove the file,"
        + " or set skip-bad-images: true to skip such files");
  }

  /** Refuses an image whose header declares more than the pixel limit, before it is decoded. */
  private void checkDeclaredSize(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return; // decode() reports it
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > options.maxPixels()) {
          throw new DataException(file, "the image declares " + w + "x" + h + " = " + (w * h) + " pixels, over the"
              + " limit of " + options.maxPixels() + " (" + MAX_PIXELS_SETTING + "); shrink the image, or raise "
              + MAX_PIXELS_SETTING + " if it is really this large");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataException d) {
        throw d;
      }
      // an unreadable header: decode() reports it, or skips the file
    }
  }

  private static List<Path> imageFiles(Path dir) {
    return list(dir).stream().filter(Files::isRegularFile).filter(p -> {
      String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
      return EXTENSIONS.stream().anyMatch(n::endsWith);
    }).toList();
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DataException(dir, "cannot list folder: " + e.getMessage(), e);
    }
  }
}

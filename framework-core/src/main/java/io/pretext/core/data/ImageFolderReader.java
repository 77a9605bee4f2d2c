package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.ImageDataset;

import io.pretext.api.data.Image;
import io.pretext.core.augment.Resize;
import io.pretext.core.data.image.ImageDecoder;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PNG/JPEG images from a folder into memory at one size (for {@code embed} and {@code
 * predict}; training streams with {@code io.pretext.core.data.image}): labeled (one subfolder per
 * class, sorted names give the class indices) or flat (unlabeled). Each file is decoded by {@link
 * ImageDecoder} (CMYK, 16-bit, palette, EXIF orientation), converted to the configured channels (1 =
 * gray, 3 = RGB) and resized bilinearly to the configured size.
 */
public final class ImageFolderReader {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFolderReader.class);
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  /**
   * How to read a folder.
   *
   * @param skipBadImages skip (and count) files that do not decode instead of failing
   * @param maxPixels the most pixels an image may declare in its header, checked before decoding
   */
  public record Options(int height, int width, int channels, boolean labeled, boolean skipBadImages, long maxPixels) {
    /** With the default pixel limit. */
    public Options(int height, int width, int channels, boolean labeled, boolean skipBadImages) {
      this(height, width, channels, labeled, skipBadImages, ImageDecoder.DEFAULT_MAX_PIXELS);
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

  private static final RandomGenerator NO_RANDOM = new SplittableRandom(0); // the resize draws nothing

  private final Options options;
  private final ImageDecoder decoder;
  private final Resize fit;

  public ImageFolderReader(Options options) {
    this.options = options;
    this.decoder = new ImageDecoder(options.channels(), options.maxPixels());
    this.fit = Resize.to(options.height(), options.width());
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
      Image img = decode(files.get(i));
      if (img == null) {
        skipped.add(files.get(i));
        LOG.warn("Skipping {}: not a decodable PNG/JPEG image", files.get(i));
        continue;
      }
      float[] fitted = fit.apply(img, NO_RANDOM).pixels();
      for (int k = 0; k < per; k++) {
        pixels[n * per + k] = (byte) Math.max(0, Math.min(255, Math.round(fitted[k] * 255f)));
      }
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

  /** The decoded image at its own size, or null when it is bad and bad images are skipped. */
  private Image decode(Path file) {
    try {
      return decoder.decode(file);
    } catch (CorruptDataException e) {
      if (options.skipBadImages()) {
        return null;
      }
      throw e;
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

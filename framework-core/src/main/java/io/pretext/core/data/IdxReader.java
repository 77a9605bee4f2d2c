package io.pretext.core.data;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.ImageDataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), plain or gzip-compressed: image files (magic {@code
 * 0x00000803}, count × rows × cols unsigned bytes) and label files (magic {@code 0x00000801}, one
 * unsigned byte per item). Errors name the file and what was expected. Before allocating, the size a
 * header declares is checked against a limit (the {@code data.max-bytes} setting) and, for a plain
 * file, against the bytes the file really holds.
 */
public final class IdxReader {
  /** Default for {@code data.max-bytes}: the most bytes one IDX file may declare (1 GiB). */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  /** The setting that raises the limit. */
  public static final String MAX_BYTES_SETTING = "data.max-bytes";

  /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
  public static final int LABELS_MAGIC = 0x00000801;

  private final long maxBytes;

  /** A reader with the default limit {@link #DEFAULT_MAX_BYTES}. */
  public IdxReader() {
    this(DEFAULT_MAX_BYTES);
  }

  /** A reader refusing files that declare more than {@code maxBytes} bytes of data. */
  public IdxReader(long maxBytes) {
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxBytes must be in 1.." + (Integer.MAX_VALUE - 16) + ", got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The images of one IDX file. */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  /** Reads an image file and, if given, its label file into a (labeled) dataset. */
  public ImageDataset read(Path images, Path labels, List<String> classNames) {
    Images im = readImages(images);
    if (labels == null) {
      return new ImageDataset(1, im.rows(), im.cols(), im.pixels(), null, List.of());
    }
    byte[] lb = readLabels(labels);
    if (lb.length != im.count()) {
      throw new CorruptDataException(labels, "holds " + lb.length + " labels but the image file " + images
          + " holds " + im.count() + " images; the two counts must be equal (are the files from the same split?)");
    }
    int[] out = new int[lb.length];
    int max = -1;
    for (int i = 0; i < lb.length; i++) {
      out[i] = lb[i] & 0xFF;
      max = Math.max(max, out[i]);
    }
    long distinct = Arrays.stream(out).distinct().count();
    if (distinct < 2) {
      throw new CorruptDataException(labels, "holds only one class (every label is " + (out.length == 0 ? "absent" : out[0])
          + "); classifying needs at least two classes: use a label file with two or more classes");
    }
    List<String> names = classNames.isEmpty() ? numbered(max + 1) : classNames;
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= names.size()) {
        throw new CorruptDataException(labels, "label " + out[i] + " at index " + i + " (0-based) is outside the "
            + names.size() + " classes " + names);
      }
    }
    return new ImageDataset(1, im.rows(), im.cols(), im.pixels(), out, names);
  }

  /** Reads an IDX image file. */
  public Images readImages(Path file) {
    requireExists(file, "image");
    try (InputStream in = CompressedInput.open(file)) {
      int[] header = header(file, in, IMAGES_MAGIC, "images", 3);
      String what = header[0] + " images of " + header[1] + "x" + header[2];
      requireItems(file, header[0], "images");
      long bytes = product(header[0], (long) header[1] * header[2]);
      checkSize(file, bytes, 16, what);
      byte[] pixels = body(file, in, (int) bytes, what, 16);
      return new Images(header[0], header[1], header[2], pixels);
    } catch (IOException e) {
      throw new DataException(file, "cannot read IDX image file: " + e.getMessage(), e);
    }
  }

  /** Reads an IDX label file: one unsigned byte per item. */
  public byte[] readLabels(Path file) {
    requireExists(file, "label");
    try (InputStream in = CompressedInput.open(file)) {
      int[] header = header(file, in, LABELS_MAGIC, "labels", 1);
      requireItems(file, header[0], "labels");
      checkSize(file, header[0], 8, header[0] + " labels");
      return body(file, in, header[0], header[0] + " labels", 8);
    } catch (IOException e) {
      throw new DataException(file, "cannot read IDX label file: " + e.getMessage(), e);
    }
  }

  /** The number of items an IDX image or label file declares, read from its header only. */
  public int count(Path file) {
    requireExists(file, "");
    try (InputStream in = CompressedInput.open(file)) {
      byte[] head = new byte[8];
      int n = CompressedInput.readUpTo(in, head, 0);
      if (n < 8) {
        throw new CorruptDataException(file, "truncated IDX header: expected at least 8 bytes, found " + n);
      }
      int magic = intAt(head, 0);
      if (magic != IMAGES_MAGIC && magic != LABELS_MAGIC) {
        throw new CorruptDataException(file, "wrong magic number " + hex(magic) + "; expected " + hex(IMAGES_MAGIC)
            + " (images) or " + hex(LABELS_MAGIC) + " (labels)");
      }
      return intAt(head, 4);
    } catch (IOException e) {
      throw new DataException(file, "cannot read IDX file: " + e.getMessage(), e);
    }
  }

  private static void requireExists(Path file, String kind) {
    if (!Files.isRegularFile(file)) {
      String what = kind.isEmpty() ? "IDX file" : "IDX " + kind + " file";
      throw new DataException(file, (Files.exists(file) ? "is not a regular file" : "does not exist")
          + "; expected an " + what + " here: check the path in the data section of the run (or fetch the data set)");
    }
  }

  private static void requireItems(Path file, int count, String what) {
    if (count == 0) {
      throw new CorruptDataException(file, "is an empty IDX file: its header declares 0 " + what
          + "; the file holds no data (fetch it again or point the data section at the right file)");
    }
  }

  /** Checks the declared data size against the limit and, for a plain file, against the real file size. */
  private void checkSize(Path file, long bytes, int headerSize, String what) throws IOException {
    if (bytes > maxBytes) {
      throw new DataException(file, "declares " + what + " = "
          + (bytes == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(bytes)) + " bytes, over the limit of " + maxBytes
          + " bytes (" + MAX_BYTES_SETTING + "); raise " + MAX_BYTES_SETTING + " if the file is really this large,"
          + " otherwise its header is corrupt: fetch it again");
    }
    if (!CompressedInput.isGzip(file)) {
      long present = Files.size(file);
      if (present < bytes + headerSize) {
        throw new CorruptDataException(file, "truncated IDX file: " + what + " need " + bytes
            + " bytes after the " + headerSize + "-byte header, found " + Math.max(0, present - headerSize)
            + " (expected " + (bytes + headerSize) + " bytes in all, present " + present + "); fetch the file again");
      }
    }
  }

  private static int[] header(Path file, InputStream in, int magic, String what, int dims) throws IOException {
    int size = 4 + 4 * dims;
    byte[] head = new byte[size];
    int n = CompressedInput.readUpTo(in, head, 0);
    if (n >= 4 && intAt(head, 0) != magic) {
      throw new CorruptDataException(file, "wrong magic number " + hex(intAt(head, 0)) + " for an IDX " + what
          + " file; expected " + hex(magic) + " (is this the right file?)");
    }
    if (n < size) {
      throw new CorruptDataException(file, "truncated IDX " + what + " file: the header needs " + size
          + " bytes, found " + n);
    }
    int[] out = new int[dims];
    for (int d = 0; d < dims; d++) {
      out[d] = intAt(head, 4 + 4 * d);
      if (out[d] < 0 || (d > 0 && out[d] == 0)) {
        throw new CorruptDataException(file, "IDX header declares dimension " + d + " as " + out[d]
            + "; expected a positive size (the header is corrupt: fetch the file again)");
      }
    }
    return out;
  }

  private static byte[] body(Path file, InputStream in, int bytes, String what, int headerSize) throws IOException {
    byte[] out = new byte[bytes];
    int n;
    try {
      n = CompressedInput.readUpTo(in, out, 0);
      if (n == bytes) {
        in.read(); // reaching the end makes a gzip stream check its CRC and length trailer
      }
    } catch (ZipException e) {
      throw new CorruptDataException(file, "the gzip data is corrupt (" + e.getMessage()
          + "); the file was damaged in transfer or on disk: fetch it again");
    }
    if (n < bytes) {
      throw new CorruptDataException(file, "truncated IDX file: " + what + " need " + bytes
          + " bytes after the " + headerSize + "-byte header, found " + n + " (expected " + (bytes + headerSize)
          + " bytes in all, present " + (n + headerSize) + "); fetch the file again");
    }
    return out;
  }

  /** The product, or {@code Long.MAX_VALUE} where it overflows (still over any limit). */
  private static long product(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static int intAt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
  }

  private static String hex(int v) {
    return String.format("0x%08X", v);
  }

  private static List<String> numbered(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }
}

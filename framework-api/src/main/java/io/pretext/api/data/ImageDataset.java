package io.pretext.api.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Images of one size stored compactly as 8-bit pixels (C×H×W per image, images back to back),
 * with optional class labels. {@link #get(int)} returns a fresh {@link Image} with values in [0, 1].
 */
public final class ImageDataset implements Dataset<Image> {
  private final int channels;
  private final int height;
  private final int width;
  private final int count;
  private final byte[] pixels;
  private final int[] labels;
  private final List<String> classNames;

  /**
   * @param pixels {@code count × channels × height × width} unsigned bytes; not copied, the caller hands it over
   * @param labels one class index per image, or null when unlabeled; not copied
   * @param classNames the class names in index order; empty when unlabeled
   */
  public ImageDataset(int channels, int height, int width, byte[] pixels, int[] labels, List<String> classNames) {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException("image dimensions must be positive: " + channels + "x" + height + "x" + width);
    }
    Objects.requireNonNull(pixels, "pixels");
    int per = channels * height * width;
    if (pixels.length % per != 0) {
      throw new IllegalArgumentException(pixels.length + " pixel bytes is not a whole number of " + per + "-byte images");
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.count = pixels.length / per;
    this.pixels = pixels;
    this.classNames = List.copyOf(classNames);
    if (labels != null) {
      if (labels.length != count) {
        throw new IllegalArgumentException(count + " images but " + labels.length + " labels");
      }
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
          throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside [0, "
              + this.classNames.size() + ") (class names " + this.classNames + ")");
        }
      }
    }
    this.labels = labels;
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public Image get(int index) {
    int per = channels * height * width;
    int base = checkIndex(index) * per;
    float[] out = new float[per];
    for (int i = 0; i < per; i++) {
      out[i] = (pixels[base + i] & 0xFF) / 255f;
    }
    return new Image(channels, height, width, out);
  }

  /** The raw 8-bit pixels of one image (a copy), C×H×W. */
  public byte[] rawPixels(int index) {
    int per = channels * height * width;
    int base = checkIndex(index) * per;
    return Arrays.copyOfRange(pixels, base, base + per);
  }

  @Override
  public boolean labeled() {
    return labels != null;
  }

  @Override
  public int label(int index) {
    if (labels == null) {
      throw new UnsupportedOperationException("this image dataset has no labels");
    }
    return labels[checkIndex(index)];
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  /** The first {@code n} images (a copy of their storage); the whole dataset when {@code n >= size()}. */
  public ImageDataset head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (n >= count) {
      return this;
    }
    int per = channels * height * width;
    return new ImageDataset(channels, height, width, Arrays.copyOf(pixels, n * per),
        labels == null ? null : Arrays.copyOf(labels, n), classNames);
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("index " + index + " outside image dataset of " + count);
    }
    return index;
  }

  @Override
  public String toString() {
    return "ImageDataset[" + count + " images " + channels + "x" + height + "x" + width
        + (labels == null ? ", unlabeled" : ", " + classNames.size() + " classes") + "]";
  }
}

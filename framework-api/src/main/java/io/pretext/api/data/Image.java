package io.pretext.api.data;

import java.util.Arrays;

/**
 * One image as floats in channel-major order (C×H×W), values in [0, 1] until normalized.
 * Mutable on purpose: augmenters may work in place on the copy they are handed.
 */
public final class Image {
  private final int channels;
  private final int height;
  private final int width;
  private final float[] pixels;

  public Image(int channels, int height, int width, float[] pixels) {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException("image dimensions must be positive: " + channels + "x" + height + "x" + width);
    }
    if (pixels.length != channels * height * width) {
      throw new IllegalArgumentException("expected " + channels * height * width + " pixel values, got " + pixels.length);
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.pixels = pixels;
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

  /** The backing array (C×H×W); not a copy. */
  public float[] pixels() {
    return pixels;
  }

  public float get(int c, int y, int x) {
    return pixels[(c * height + y) * width + x];
  }

  public void set(int c, int y, int x, float value) {
    pixels[(c * height + y) * width + x] = value;
  }

  public Image copy() {
    return new Image(channels, height, width, pixels.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Image i && i.channels == channels && i.height == height && i.width == width
        && Arrays.equals(i.pixels, pixels);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pixels) * 31 + channels * 7 + height * 3 + width;
  }

  @Override
  public String toString() {
    return "Image[" + channels + "x" + height + "x" + width + "]";
  }
}

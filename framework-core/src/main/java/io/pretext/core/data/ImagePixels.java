package io.pretext.core.data;

import java.awt.image.BufferedImage;

/** Converts a decoded image to 8-bit gray or RGB pixels (C×H×W) at a target size, resizing bilinearly. */
public final class ImagePixels {
  private ImagePixels() {}

  /**
   * Writes {@code channels × height × width} bytes for {@code image} into {@code out} at {@code offset}.
   * Gray is the luma (0.299 R + 0.587 G + 0.114 B); RGB from gray repeats the gray value.
   */
  public static void write(BufferedImage image, int channels, int height, int width, byte[] out, int offset) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    int sw = image.getWidth();
    int sh = image.getHeight();
    int[] argb = image.getRGB(0, 0, sw, sh, null, 0, sw);
    float[][] src = new float[channels][sw * sh];
    for (int i = 0; i < argb.length; i++) {
      int r = (argb[i] >> 16) & 0xFF;
      int g = (argb[i] >> 8) & 0xFF;
      int b = argb[i] & 0xFF;
      if (channels == 1) {
        src[0][i] = 0.299f * r + 0.587f * g + 0.114f * b;
      } else {
        src[0][i] = r;
        src[1][i] = g;
        src[2][i] = b;
      }
    }
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        float fy = sourceCoordinate(y, height, sh);
        int y0 = (int) Math.floor(fy);
        int y1 = Math.min(y0 + 1, sh - 1);
        float wy = fy - y0;
        for (int x = 0; x < width; x++) {
          float fx = sourceCoordinate(x, width, sw);
          int x0 = (int) Math.floor(fx);
          int x1 = Math.min(x0 + 1, sw - 1);
          float wx = fx - x0;
          float[] s = src[c];
          float top = s[y0 * sw + x0] * (1 - wx) + s[y0 * sw + x1] * wx;
          float bottom = s[y1 * sw + x0] * (1 - wx) + s[y1 * sw + x1] * wx;
          int v = Math.round(top * (1 - wy) + bottom * wy);
          out[offset + c * plane + y * width + x] = (byte) Math.max(0, Math.min(255, v));
        }
      }
    }
  }

  /** Pixel-centre alignment, clamped to the source. */
  private static float sourceCoordinate(int dst, int dstSize, int srcSize) {
    if (dstSize == srcSize) {
      return dst;
    }
    float f = (dst + 0.5f) * srcSize / dstSize - 0.5f;
    return Math.max(0, Math.min(srcSize - 1, f));
  }
}

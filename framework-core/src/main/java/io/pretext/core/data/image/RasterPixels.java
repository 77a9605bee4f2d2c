package io.pretext.core.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * Planar pixels in [0, 1] (C×H×W, C = 1 gray or 3 RGB) from a decoded image of any raster type.
 *
 * <p>Gray and RGB component images of any bit depth (8-bit, 16-bit PNGs) are read from the raster
 * and scaled by their own maximum, so no colour-space round trip shifts the values (the JDK's
 * {@code getRGB} brightens linear gray). Everything else (palette PNGs, packed RGB, what a CMYK
 * JPEG decodes to) goes through the colour model to sRGB. Alpha is dropped. Gray from colour is
 * the luma 0.299 R + 0.587 G + 0.114 B; colour from gray repeats the gray value.
 */
public final class RasterPixels {
  private RasterPixels() {}

  /** The pixels of {@code image} as {@code channels × height × width} floats in [0, 1]. */
  public static float[] planar(BufferedImage image, int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int plane = w * h;
    float[] out = new float[channels * plane];
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    int spaceType = cm.getColorSpace().getType();
    if (cm instanceof ComponentColorModel && spaceType == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
      float max = (1 << cm.getComponentSize(0)) - 1;
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          float v = row[x] / max;
          for (int c = 0; c < channels; c++) {
            out[c * plane + y * w + x] = v;
          }
        }
      }
      return out;
    }
    if (cm instanceof ComponentColorModel && spaceType == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3) {
      int[] row = new int[w];
      float[] rgb = channels == 3 ? out : new float[3 * plane];
      for (int b = 0; b < 3; b++) {
        float max = (1 << cm.getComponentSize(b)) - 1;
        for (int y = 0; y < h; y++) {
          raster.getSamples(0, y, w, 1, b, row);
          for (int x = 0; x < w; x++) {
            rgb[b * plane + y * w + x] = row[x] / max;
          }
        }
      }
      if (channels == 1) {
        for (int i = 0; i < plane; i++) {
          out[i] = luma(rgb[i], rgb[plane + i], rgb[2 * plane + i]);
        }
      }
      return out;
    }
    int[] argb = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, argb, 0, w);
      for (int x = 0; x < w; x++) {
        float r = ((argb[x] >> 16) & 0xFF) / 255f;
        float g = ((argb[x] >> 8) & 0xFF) / 255f;
        float bl = (argb[x] & 0xFF) / 255f;
        int i = y * w + x;
        if (channels == 1) {
          out[i] = luma(r, g, bl);
        } else {
          out[i] = r;
          out[plane + i] = g;
          out[2 * plane + i] = bl;
        }
      }
    }
    return out;
  }

  private static float luma(float r, float g, float b) {
    return Math.min(1f, 0.299f * r + 0.587f * g + 0.114f * b);
  }
}

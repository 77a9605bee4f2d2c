package io.pretext.context;

import io.pretext.api.data.Image;

/**
 * Integer-factor bilinear upscaling with half-pixel centres (PyTorch's {@code interpolate(...,
 * mode="bilinear", align_corners=False)}), used to give small images room for a 3×3 patch grid.
 */
final class Bilinear {
  private Bilinear() {}

  /** The image scaled by {@code factor} along both axes; the image itself when the factor is 1. */
  static Image upscale(Image image, int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("upscale factor must be >= 1, got " + factor);
    }
    if (factor == 1) {
      return image;
    }
    int c = image.channels();
    int h = image.height();
    int w = image.width();
    Image out = new Image(c, h * factor, w * factor, new float[c * h * factor * w * factor]);
    for (int y = 0; y < h * factor; y++) {
      double sy = source(y, factor, h);
      int y0 = (int) sy;
      int y1 = Math.min(y0 + 1, h - 1);
      float wy = (float) (sy - y0);
      for (int x = 0; x < w * factor; x++) {
        double sx = source(x, factor, w);
        int x0 = (int) sx;
        int x1 = Math.min(x0 + 1, w - 1);
        float wx = (float) (sx - x0);
        for (int ch = 0; ch < c; ch++) {
          float top = image.get(ch, y0, x0) * (1 - wx) + image.get(ch, y0, x1) * wx;
          float bottom = image.get(ch, y1, x0) * (1 - wx) + image.get(ch, y1, x1) * wx;
          out.set(ch, y, x, top * (1 - wy) + bottom * wy);
        }
      }
    }
    return out;
  }

  private static double source(int destination, int factor, int size) {
    double s = (destination + 0.5) / factor - 0.5;
    return Math.min(Math.max(s, 0), size - 1);
  }
}

package io.pretext.downstream;

import io.pretext.api.data.Image;
import java.util.random.RandomGenerator;

/**
 * The supervised baseline's augmentation from the reference protocol: horizontal flip with p = 0.5,
 * then a random translation by up to {@code pad} pixels each way (zero-pad, random crop of the
 * original size). Works on a copy; applied before preprocessing, on [0, 1] pixels.
 */
final class FlipTranslate {
  private final boolean flip;
  private final int pad;

  FlipTranslate(boolean flip, int pad) {
    this.flip = flip;
    this.pad = pad;
  }

  boolean isIdentity() {
    return !flip && pad == 0;
  }

  Image apply(Image in, RandomGenerator random) {
    boolean mirror = flip && random.nextBoolean();
    int dx = pad > 0 ? random.nextInt(2 * pad + 1) - pad : 0;
    int dy = pad > 0 ? random.nextInt(2 * pad + 1) - pad : 0;
    int c = in.channels();
    int h = in.height();
    int w = in.width();
    float[] src = in.pixels();
    float[] dst = new float[src.length];
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y < h; y++) {
        int sy = y + dy;
        if (sy < 0 || sy >= h) {
          continue;
        }
        for (int x = 0; x < w; x++) {
          int sx = x + dx;
          if (sx < 0 || sx >= w) {
            continue;
          }
          int fromX = mirror ? w - 1 - sx : sx;
          dst[(ch * h + y) * w + x] = src[(ch * h + sy) * w + fromX];
        }
      }
    }
    return new Image(c, h, w, dst);
  }
}

package io.pretext.core.augment;

import io.pretext.api.data.Image;
import java.util.SplittableRandom;

/** Test images. */
final class TestImages {
  private TestImages() {}

  /** Uniform random values in [0, 1). */
  static Image random(int channels, int height, int width, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[channels * height * width];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) r.nextDouble();
    }
    return new Image(channels, height, width, p);
  }

  static Image constant(int channels, int height, int width, float value) {
    float[] p = new float[channels * height * width];
    java.util.Arrays.fill(p, value);
    return new Image(channels, height, width, p);
  }

  /** Channel 0 holds each pixel's x (column), channel 1 its y (row). */
  static Image coordinates(int height, int width) {
    Image img = new Image(2, height, width, new float[2 * height * width]);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.set(0, y, x, x);
        img.set(1, y, x, y);
      }
    }
    return img;
  }

  static double mean(float[] p) {
    double s = 0;
    for (float v : p) {
      s += v;
    }
    return s / p.length;
  }
}

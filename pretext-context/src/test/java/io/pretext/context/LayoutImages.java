package io.pretext.context;

import io.pretext.api.data.Image;
import io.pretext.core.testplugin.UnlabeledImages;
import java.util.SplittableRandom;

/**
 * Small synthetic, unlabeled grey images with a layout, as photographs have one (sky above,
 * ground below): a fixed top-to-bottom and left-to-right shading, plus a random gradient and two
 * random Gaussian blobs per image. Not symmetric, so where a patch sits can be learned.
 */
final class LayoutImages extends UnlabeledImages {

  LayoutImages(int count, int size, long seed) {
    super(count);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      double angle = random.nextDouble(2 * Math.PI);
      double slope = random.nextDouble(0, 0.2);
      double[][] blobs = new double[2][];
      for (int b = 0; b < blobs.length; b++) {
        blobs[b] = new double[] {random.nextDouble(size), random.nextDouble(size), random.nextDouble(2, size / 5.0),
            random.nextDouble(-0.3, 0.3)};
      }
      float[] px = new float[size * size];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double u = (double) y / size;
          double v = (double) x / size;
          double value = 0.6 * (1 - u) + 0.3 * v + slope * (Math.cos(angle) * u + Math.sin(angle) * v);
          for (double[] blob : blobs) {
            double d2 = (y - blob[0]) * (y - blob[0]) + (x - blob[1]) * (x - blob[1]);
            value += blob[3] * Math.exp(-d2 / (2 * blob[2] * blob[2]));
          }
          px[y * size + x] = (float) value;
        }
      }
      images[i] = new Image(1, size, size, px);
    }
  }
}

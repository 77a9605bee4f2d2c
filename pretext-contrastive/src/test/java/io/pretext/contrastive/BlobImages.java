package io.pretext.contrastive;

import io.pretext.api.data.Image;
import io.pretext.core.testplugin.UnlabeledImages;
import java.util.SplittableRandom;

/**
 * Small synthetic, unlabeled grey images for SimCLR tests: each is three Gaussian blobs of random
 * place, size and brightness, so every image has its own layout that survives a crop and a flip.
 */
final class BlobImages extends UnlabeledImages {
  private static final int BLOBS = 3;

  BlobImages(int count, int size, long seed) {
    super(count);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      float[] px = new float[size * size];
      for (int b = 0; b < BLOBS; b++) {
        double cy = random.nextDouble(size);
        double cx = random.nextDouble(size);
        double radius = random.nextDouble(1.5, size / 4.0);
        double brightness = random.nextDouble(0.3, 1);
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
            px[y * size + x] += (float) (brightness * Math.exp(-d2 / (2 * radius * radius)));
          }
        }
      }
      for (int p = 0; p < px.length; p++) {
        px[p] = Math.min(1f, px[p]);
      }
      images[i] = new Image(1, size, size, px);
    }
  }
}

package io.pretext.core.testplugin;

import io.pretext.api.data.Image;
import java.util.SplittableRandom;

/**
 * A small synthetic, unlabeled image data set for tests: each image is a random bright blob in one
 * corner region over noise, so its rotation is learnable.
 */
public final class TinyImages extends UnlabeledImages {

  public TinyImages(int count, int size, long seed) {
    super(count);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      float[] px = new float[size * size];
      for (int p = 0; p < px.length; p++) {
        px[p] = (float) (0.2 * random.nextDouble());
      }
      int half = size / 2;
      int x0 = random.nextInt(half);
      int y0 = random.nextInt(half);
      for (int y = y0; y < y0 + half / 2 + 1; y++) {
        for (int x = 0; x < size; x++) {
          px[y * size + x] += 0.5f;
        }
        for (int x = x0; x < x0 + 2; x++) {
          px[y * size + x] += 0.3f;
        }
      }
      images[i] = new Image(1, size, size, px);
    }
  }
}

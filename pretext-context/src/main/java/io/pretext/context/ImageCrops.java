package io.pretext.context;

import io.pretext.api.data.Image;
import java.util.random.RandomGenerator;

/** Square crops of an image, every channel, and their jitter, as the spatial-context tasks cut patches and tiles. */
final class ImageCrops {
  private ImageCrops() {}

  /** The {@code size}×{@code size} square whose top-left pixel is (y0, x0), as a new image; must lie inside. */
  static Image square(Image source, int y0, int x0, int size) {
    if (y0 < 0 || x0 < 0 || y0 + size > source.height() || x0 + size > source.width()) {
      throw new IllegalArgumentException("crop of " + size + "x" + size + " at (" + y0 + ", " + x0 + ") leaves "
          + source);
    }
    int c = source.channels();
    float[] out = new float[c * size * size];
    float[] px = source.pixels();
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y < size; y++) {
        System.arraycopy(px, (ch * source.height() + y0 + y) * source.width() + x0, out, (ch * size + y) * size, size);
      }
    }
    return new Image(c, size, size, out);
  }

  /** A shift in [-jitter, jitter], drawn uniformly; 0 without drawing when jitter is 0. */
  static int jitter(RandomGenerator random, int jitter) {
    return jitter == 0 ? 0 : random.nextInt(-jitter, jitter + 1);
  }
}

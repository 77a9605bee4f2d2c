package io.pretext.api.testplugin;

import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small synthetic, unlabeled image data set for tests: each image is a random bright blob in one
 * corner region over noise, so its rotation is learnable.
 */
public final class TinyImages implements Dataset<Image> {
  private final Image[] images;

  public TinyImages(int count, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    images = new Image[count];
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

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public int size() {
    return images.length;
  }

  @Override
  public Image get(int index) {
    return images[index].copy();
  }

  @Override
  public boolean labeled() {
    return false;
  }

  @Override
  public int label(int index) {
    throw new UnsupportedOperationException("unlabeled");
  }

  @Override
  public List<String> classNames() {
    return List.of();
  }
}

package io.pretext.contrastive;

import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small synthetic, unlabeled grey images for SimCLR tests: each is three Gaussian blobs of random
 * place, size and brightness, so every image has its own layout that survives a crop and a flip.
 */
final class BlobImages implements Dataset<Image> {
  private static final int BLOBS = 3;
  private final Image[] images;

  BlobImages(int count, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    images = new Image[count];
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

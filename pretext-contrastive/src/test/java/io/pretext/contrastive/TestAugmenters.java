package io.pretext.contrastive;

import io.pretext.api.data.Image;
import io.pretext.api.spi.Augmenter;
import java.util.random.RandomGenerator;

/** Augmenters that make the two-view layout visible in tests. */
final class TestAugmenters {
  private TestAugmenters() {}

  /**
   * Works in place like a real augmenter may: adds a random offset in [0, 0.5) to every pixel and
   * sets the last pixel to 1 as a mark; refuses an image it has marked already, so a task that
   * augments one object twice fails.
   */
  static final class InPlaceJitter implements Augmenter<Image> {
    @Override
    public Class<Image> sampleType() {
      return Image.class;
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
      float[] px = image.pixels();
      if (px[px.length - 1] != 0) {
        throw new IllegalStateException("image augmented twice: the task must copy before the second view");
      }
      float offset = (float) (0.5 * random.nextDouble());
      for (int i = 0; i < px.length - 1; i++) {
        px[i] += offset;
      }
      px[px.length - 1] = 1;
      return image;
    }
  }

  /** Crops a random number of columns off the right: views of random widths. */
  static final class RandomWidth implements Augmenter<Image> {
    @Override
    public Class<Image> sampleType() {
      return Image.class;
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
      int width = 1 + random.nextInt(image.width());
      Image out = new Image(image.channels(), image.height(), width, new float[image.channels() * image.height() * width]);
      for (int c = 0; c < image.channels(); c++) {
        for (int y = 0; y < image.height(); y++) {
          for (int x = 0; x < width; x++) {
            out.set(c, y, x, image.get(c, y, x));
          }
        }
      }
      return out;
    }
  }

  /** An image of one constant value (the last pixel 0, for {@link InPlaceJitter}'s mark). */
  static Image constant(int channels, int height, int width, float value) {
    float[] px = new float[channels * height * width];
    java.util.Arrays.fill(px, value);
    px[px.length - 1] = 0;
    return new Image(channels, height, width, px);
  }
}

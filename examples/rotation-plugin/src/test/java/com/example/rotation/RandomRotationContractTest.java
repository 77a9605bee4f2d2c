package com.example.rotation;

import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Augmenter;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.PretextTask;
import io.pretext.testkit.PretextTaskContract;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The task keeps the contract when it draws a rotation per image, on colour images through an
 * augmenter that works in place (as real ones may) and draws from the batch's generator too.
 */
class RandomRotationContractTest extends PretextTaskContract {

  /** Scales an image's brightness by a random factor in [0.8, 1.2], in place. */
  static final class Brightness implements Augmenter<Image> {
    @Override
    public Class<Image> sampleType() {
      return Image.class;
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
      float factor = (float) random.nextDouble(0.8, 1.2);
      float[] px = image.pixels();
      for (int i = 0; i < px.length; i++) {
        px[i] *= factor;
      }
      return image;
    }
  }

  @Override
  protected PretextTask task() {
    return new RotationPredictionTask(0, false);
  }

  @Override
  protected Encoder encoder() {
    return TinyEncoders.mlp(32, 16);
  }

  @Override
  protected Dataset<?> data() {
    return TinyData.images(16, 3, 10, 10, 2);
  }

  @Override
  protected AugmentPipeline augment() {
    return new AugmentPipeline(List.of(new AugmentPipeline.Step("brightness", new Brightness(), 0.5)));
  }
}

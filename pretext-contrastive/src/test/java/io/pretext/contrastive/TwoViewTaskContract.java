package io.pretext.contrastive;

import io.pretext.api.data.Dataset;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.core.augment.HorizontalFlip;
import io.pretext.core.augment.RandomResizedCrop;
import io.pretext.testkit.PretextTaskContract;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;
import java.util.List;

/**
 * The task contract for the two-view methods on one setting: a tiny mlp encoder, 8 gray 12x12
 * images and the random crop and flip their runs use. Subclasses give the task.
 */
abstract class TwoViewTaskContract extends PretextTaskContract {

  /** Random-resized crop to 10x10 and a horizontal flip, as the methods' runs use. */
  static AugmentPipeline cropAndFlip() {
    return new AugmentPipeline(List.of(
        new AugmentPipeline.Step("random-resized-crop", new RandomResizedCrop(10, 10, 0.5, 1, 0.75, 4.0 / 3), 1),
        new AugmentPipeline.Step("horizontal-flip", new HorizontalFlip(), 0.5)));
  }

  @Override
  protected Encoder encoder() {
    return TinyEncoders.mlp(32, 16);
  }

  @Override
  protected Dataset<?> data() {
    return TinyData.images(8, 1, 12, 12, 1);
  }

  @Override
  protected AugmentPipeline augment() {
    return cropAndFlip();
  }
}

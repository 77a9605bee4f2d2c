package io.pretext.contrastive;

import io.pretext.api.data.Dataset;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.augment.HorizontalFlip;
import io.pretext.core.augment.RandomResizedCrop;
import io.pretext.testkit.PretextTaskContract;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;
import java.util.List;

/** MoCo (a queue of 32 keys, two batches of 8) keeps the task contract with the random crop and flip its runs use; the target network is frozen. */
class MocoContractTest extends PretextTaskContract {

  @Override
  protected PretextTask task() {
    return new MocoTask(MocoTask.DEFAULT_MOMENTUM, 32, 0.2, new SeedSource(3));
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
    return new AugmentPipeline(List.of(
        new AugmentPipeline.Step("random-resized-crop", new RandomResizedCrop(10, 10, 0.5, 1, 0.75, 4.0 / 3), 1),
        new AugmentPipeline.Step("horizontal-flip", new HorizontalFlip(), 0.5)));
  }
}

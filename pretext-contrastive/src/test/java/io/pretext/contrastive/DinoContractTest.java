package io.pretext.contrastive;

import io.pretext.api.data.Dataset;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.PretextTask;
import io.pretext.testkit.PretextTaskContract;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;
import java.util.Optional;

/** DINO with multi-crop (2 global crops of 12, 2 local crops of 6) against the testkit's task contract. */
class DinoContractTest extends PretextTaskContract {
  static DinoTask multiCrop(int locals) {
    return new DinoTask(new DinoTask.Settings(32, true, 0.996, 0.9, 0.1, 0.04, 0.07, 1,
        new MultiCrop(Optional.of(new MultiCrop.Crop(12, 0.4, 1)), locals, new MultiCrop.Crop(6, 0.1, 0.4))));
  }

  @Override
  protected PretextTask task() {
    return multiCrop(2);
  }

  @Override
  protected Encoder encoder() {
    return TinyEncoders.resnetMini(2);
  }

  @Override
  protected Dataset<?> data() {
    return TinyData.images(16, 1, 12, 12, 1);
  }
}

package com.example.rotation;

import io.pretext.api.data.Dataset;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.PretextTask;
import io.pretext.testkit.PretextTaskContract;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;

/** The task keeps the framework's task contract: every image at all four rotations. */
class RotationContractTest extends PretextTaskContract {

  @Override
  protected PretextTask task() {
    return new RotationPredictionTask(32, true);
  }

  @Override
  protected Encoder encoder() {
    return TinyEncoders.mlp(32, 16);
  }

  @Override
  protected Dataset<?> data() {
    return TinyData.images(16, 1, 12, 12, 1);
  }
}

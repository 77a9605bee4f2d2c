package io.pretext.testkit;

import io.pretext.api.data.Dataset;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.testplugin.RotationTask;

/** The contract passes on a task that keeps it: the engine's test plugin. */
class RotationContractTest extends PretextTaskContract {

  @Override
  protected PretextTask task() {
    return new RotationTask();
  }

  @Override
  protected Encoder encoder() {
    return TinyEncoders.mlp(16, 8);
  }

  @Override
  protected Dataset<?> data() {
    return TinyData.images(12, 1, 8, 8, 3);
  }
}

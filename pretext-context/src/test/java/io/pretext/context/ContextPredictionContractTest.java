package io.pretext.context;

import io.pretext.api.data.Dataset;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.PretextTask;
import io.pretext.testkit.PretextTaskContract;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;

/** Context prediction keeps the task contract, with patch jitter and the colour guard drawing from the generator. */
class ContextPredictionContractTest extends PretextTaskContract {

  @Override
  protected PretextTask task() {
    return new ContextPredictionTask(new PatchPairSampler(new PatchGrid(4, 2, 1), 1, new ChromaticGuard(0.5, 0.5)), 16);
  }

  @Override
  protected Encoder encoder() {
    return TinyEncoders.mlp(16, 8);
  }

  @Override
  protected Dataset<?> data() {
    return TinyData.images(8, 3, 20, 20, 2);
  }
}

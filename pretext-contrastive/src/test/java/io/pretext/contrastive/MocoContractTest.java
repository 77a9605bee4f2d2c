package io.pretext.contrastive;

import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.PretextTask;

/** MoCo (a queue of 32 keys, two batches of 8) keeps the task contract with the random crop and flip its runs use; the target network is frozen. */
class MocoContractTest extends TwoViewTaskContract {

  @Override
  protected PretextTask task() {
    return new MocoTask(MocoTask.DEFAULT_MOMENTUM, 32, 0.2, new SeedSource(3));
  }
}

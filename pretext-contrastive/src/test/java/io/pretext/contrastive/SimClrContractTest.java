package io.pretext.contrastive;

import io.pretext.api.spi.PretextTask;

/** SimCLR keeps the task contract with the random crop and flip its runs use. */
class SimClrContractTest extends TwoViewTaskContract {

  @Override
  protected PretextTask task() {
    return new SimClrTask(0.5);
  }
}

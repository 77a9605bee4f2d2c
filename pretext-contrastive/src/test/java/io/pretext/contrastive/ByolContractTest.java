package io.pretext.contrastive;

import io.pretext.api.spi.PretextTask;
import java.util.List;

/** BYOL keeps the task contract with the random crop and flip its runs use; the target network is frozen. */
class ByolContractTest extends TwoViewTaskContract {

  @Override
  protected PretextTask task() {
    return new ByolTask(ByolTask.DEFAULT_MOMENTUM, List.of(16L));
  }
}

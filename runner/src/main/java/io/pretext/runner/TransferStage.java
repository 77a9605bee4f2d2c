package io.pretext.runner;

import ai.djl.ndarray.types.Shape;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Image;
import io.pretext.api.engine.EngineSetup;
import io.pretext.api.run.RunPlugins;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.transfer.InputBatcher;
import io.pretext.api.transfer.PretrainedWeights;
import io.pretext.api.transfer.TransferContext;
import io.pretext.downstream.Transfer;
import io.pretext.downstream.TransferResults;

/** Builds the transfer context for a pretrained encoder and runs every evaluator on every budget. */
final class TransferStage {
  private TransferStage() {}

  static TransferResults run(Transfer transfer, RunPlugins plugins, RuntimeSettings runtime, Shape inputShape,
      PretrainedWeights weights, DataSplits<?> splits) {
    if (!Image.class.isAssignableFrom(splits.sampleType())) {
      throw new PretextUserException("The downstream step handles image data in this version; the data source gives "
          + splits.sampleType().getSimpleName() + " samples. Set downstream.enabled: false.");
    }
    TransferContext context = new TransferContext(plugins.encoder(), inputShape, weights, plugins.preprocess(),
        InputBatcher.images(), new SeedSource(runtime.seed()), new EngineSetup(runtime));
    return transfer.run(context, splits);
  }
}

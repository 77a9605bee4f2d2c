package io.pretext.runner;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Image;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunPlugins;
import io.pretext.api.runtime.ComputeEngine;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.SampleShapes;
import io.pretext.api.spi.InputBatcher;
import io.pretext.api.transfer.PretrainedWeights;
import io.pretext.api.transfer.TransferContext;
import io.pretext.api.spi.TransferInput;
import io.pretext.downstream.Transfer;
import io.pretext.downstream.TransferResults;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Builds the transfer context for a pretrained encoder and runs every evaluator on every budget.
 * The encoder is rebuilt for the downstream inputs (the preprocessed labeled images), which may
 * differ from what the pretext task fed it (context prediction trains on patches): convolutional
 * encoders take both; an encoder whose weights do not fit the downstream input is refused first.
 */
final class TransferStage {
  private TransferStage() {}

  /**
   * @param task the (prepared) pretext task, which may define the encoder input (text)
   * @param runDir the run directory, where a task keeps what it learned (a tokenizer)
   * @param engine the run's engine and device
   * @param pretextInput the input shape the encoder was pretrained on, for the error message
   */
  static TransferResults run(Transfer transfer, RunPlugins plugins, PretextTask task, RunDirectory runDir,
      RuntimeSettings runtime, ComputeEngine engine, Shape pretextInput, PretrainedWeights weights,
      DataSplits<?> splits) {
    Optional<TransferInput> taskInput = task.transferInput(runDir.root());
    if (taskInput.isPresent()) {
      TransferInput text = taskInput.get();
      TransferContext context = new TransferContext(plugins.encoder(), text.inputShape(), weights, plugins.preprocess(),
          text.batcher(), new SeedSource(runtime.seed()), engine);
      return transfer.run(context, splits);
    }
    if (!Image.class.isAssignableFrom(splits.sampleType())) {
      throw new PretextUserException("The downstream step feeds images to the encoder as they are, but the data source"
          + " gives " + splits.sampleType().getSimpleName() + " samples and the pretext task defines no other input"
          + " (a text task such as mlm does). Set downstream.enabled: false or use a matching task.");
    }
    Shape input = downstreamInput(null, plugins, splits);
    TransferContext context = new TransferContext(plugins.encoder(), input, weights, plugins.preprocess(),
        InputBatcher.images(), new SeedSource(runtime.seed()), engine);
    requireFit(context, pretextInput, input);
    return transfer.run(context, splits);
  }

  /**
   * One encoder input as the downstream step gives it: a training image after {@code
   * downstream.preprocess}; for text (config given) the encoder's {@code max-length} tokens.
   */
  static Shape downstreamInput(RunConfig config, RunPlugins plugins, DataSplits<?> splits) {
    if (config != null && String.class.equals(splits.sampleType())) {
      return new Shape(config.encoder().getLong("max-length"));
    }
    return SampleShapes.of(plugins.preprocess().apply(splits.train().get(0), new SplittableRandom(0)));
  }

  private static void requireFit(TransferContext context, Shape pretextInput, Shape input) {
    try (NDManager probe = context.engine().newManager()) {
      Block encoder = context.pretrainedEncoder(probe);
      long[] batch = new long[input.dimension() + 1];
      batch[0] = 1;
      System.arraycopy(input.getShape(), 0, batch, 1, input.dimension());
      encoder.forward(new ParameterStore(probe, false), new NDList(probe.zeros(new Shape(batch))), false);
    } catch (PretextUserException | IllegalArgumentException | EngineException e) {
      throw ConfigException.at("data", "the encoder was trained on inputs of shape " + pretextInput
          + " (channels, height, width) and its weights do not fit the downstream data's shape " + input
          + "; use data of that size and channel count, or a resize in downstream.preprocess (" + e.getMessage() + ")");
    }
  }
}

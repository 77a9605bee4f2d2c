package io.pretext.runner.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.PretextUserException;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import io.pretext.masking.MaskedLanguageModelTask;
import io.pretext.masking.Tokenizer;
import io.pretext.core.train.CheckpointStore;
import io.pretext.core.train.RunDirectory;
import java.util.Optional;

/**
 * A finished mlm run brought back for inference: its tokenizer ({@code RUN_DIR/tokenizer}) and its
 * whole model (encoder and token head) from the newest checkpoint.
 *
 * @param task the run's task, with its tokenizer
 * @param model the initialized model, parameters in the manager given to {@link #load}
 * @param step the step of the checkpoint loaded
 */
public record TrainedMlm(MaskedLanguageModelTask task, Block model, long step) {

  /**
   * @param runDir the run's directory
   * @param task the run's task plugin (from its config)
   * @param encoder the run's encoder plugin
   * @param head the run's head plugin, when it names one
   * @param keepCheckpoints the run's {@code train.keep-checkpoints}
   */
  public static TrainedMlm load(RunDirectory runDir, MaskedLanguageModelTask task, Encoder encoder, Optional<Head> head,
      int keepCheckpoints, NDManager manager) {
    MaskedLanguageModelTask withTokenizer = task.withTokenizer(
        Tokenizer.load(runDir.root().resolve(MaskedLanguageModelTask.TOKENIZER_DIR)));
    Shape input = withTokenizer.encoderInputShape(new Shape());
    Block model = withTokenizer.buildModel(encoder.build(input), encoder.featureSize(input), head);
    CheckpointStore store = new CheckpointStore(runDir.checkpoints(), keepCheckpoints);
    CheckpointStore.Checkpoint checkpoint = store.latest().orElseThrow(() -> new PretextUserException(
        "No checkpoint in " + runDir.checkpoints() + ": the run did not finish a step. Rerun the pretraining."));
    store.load(checkpoint, model, manager);
    model.initialize(manager, DataType.FLOAT32, new Shape(1, input.get(0)), new Shape(1));
    return new TrainedMlm(withTokenizer, model, checkpoint.step());
  }
}

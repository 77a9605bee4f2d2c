package io.pretext.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.pretext.api.PretextUserException;
import io.pretext.api.transfer.PretrainedWeights;
import java.nio.file.Path;
import io.pretext.api.spi.TaskState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a continued pretraining run takes its first weights from: the parameters an earlier run
 * saved, either for the whole pretext model (its newest checkpoint, when the task and head are the
 * same) or for the encoder alone ({@code encoder/encoder.params}, the rest freshly initialized).
 * A whole-model start also restores what the checkpoint holds beside the trained weights: the
 * parameters kept out of the optimizer (a target network, which the task's hooks then keep, see
 * {@link io.pretext.api.spi.StepContext#parametersRestored()}) and the task's {@link TaskState}.
 * The optimizer and the learning-rate schedule start afresh.
 *
 * @param parameters a file in DJL's {@link Block#saveParameters} format
 * @param wholeModel whether it holds the whole pretext model, else only the encoder
 * @param state the checkpoint's task-state file, when it has one (whole model only)
 */
public record WarmStart(Path parameters, boolean wholeModel, Optional<Path> state) {

  public WarmStart {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(state, "state");
    if (!wholeModel && state.isPresent()) {
      throw new IllegalArgumentException("task state is restored with the whole model only");
    }
  }

  /** The whole pretext model, its parameters and task state, from an earlier run's checkpoint. */
  public static WarmStart of(CheckpointStore.Checkpoint checkpoint) {
    return new WarmStart(checkpoint.parameters(), true, checkpoint.state());
  }

  /** The encoder alone, from an earlier run's {@code encoder/encoder.params}. */
  public static WarmStart encoderOnly(Path encoderParameters) {
    return new WarmStart(encoderParameters, false, Optional.empty());
  }

  /**
   * Loads the checkpoint's task state into the task's, by name (see {@link CheckpointStore}); a
   * start without a state file leaves the task's state at its initial values.
   */
  void loadState(Map<String, TaskState> taskState, NDManager manager) {
    state.ifPresent(file -> CheckpointStore.loadState(file, taskState, manager));
  }

  /**
   * Loads the weights into the model (whole model) or its encoder, before initialization; the
   * parameters loaded are kept by the initialization that follows.
   *
   * @throws PretextUserException when the file cannot be read or does not fit the architecture
   */
  void loadInto(Block model, Block encoder, NDManager manager) {
    try {
      PretrainedWeights.read(parameters).loadInto(wholeModel ? model : encoder, manager);
    } catch (PretextUserException e) {
      throw new PretextUserException("train.init-from: " + e.getMessage()
          + (wholeModel ? " The whole pretext model is continued: keep the pretext and head sections too." : ""), e);
    }
  }

  /** For logs: what is loaded from where. */
  public String describe() {
    return (wholeModel ? "the whole pretext model" : "the encoder") + " from " + parameters
        + state.map(f -> " and the task state from " + f).orElse("");
  }
}

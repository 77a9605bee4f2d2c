package io.pretext.api.spi;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Objects;

/**
 * Where the pretraining loop stands when it calls a {@link TrainingHook}. Valid only during the
 * call: {@code scope} and {@code predictions} are closed when the step ends.
 *
 * @param step the step just about to run ({@link TrainingHook#beforeStep}) or just run (the
 *     others), counted from 1; 0 in {@link TrainingHook#beforeTraining}
 * @param totalSteps the steps of the whole run
 * @param epoch the epoch the step belongs to, counted from 1
 * @param stepsPerEpoch the steps of one full epoch
 * @param model the task's model (what {@link PretextTask#buildModel(ModelContext)} built), its
 *     parameters initialized
 * @param scope a manager for the hook's temporary arrays, closed after the step
 * @param predictions the model's outputs of this step in {@link TrainingHook#afterStep} (e.g. the
 *     keys a MoCo queue takes in, the teacher outputs a DINO centre follows); empty otherwise
 * @param parametersRestored whether every parameter of the model, those kept out of the optimizer
 *     (a target network) included, was loaded from an earlier run before training ({@code
 *     train.init-from} of a run with the same model): a hook then keeps what was loaded instead of
 *     initializing it in {@link TrainingHook#beforeTraining}
 */
public record StepContext(long step, long totalSteps, int epoch, long stepsPerEpoch, Block model, NDManager scope,
    NDList predictions, boolean parametersRestored) {

  public StepContext {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(predictions, "predictions");
    if (step < 0 || step > totalSteps) {
      throw new IllegalArgumentException("step must be in [0, " + totalSteps + "], got " + step);
    }
  }

  /** The share of the run done after this step, {@code step / totalSteps}, in [0, 1]. */
  public double progress() {
    return totalSteps == 0 ? 1 : (double) step / totalSteps;
  }
}

package io.pretext.api.spi;

/**
 * What a pretext task does at step boundaries, beyond "loss of a batch": update an EMA target
 * network (BYOL, MoCo, DINO), follow a schedule with the step (momentum, teacher temperature),
 * push keys into a queue. A task returns its hooks from {@link PretextTask#hooks}; the loop calls
 * them in that order, on the training thread, outside the gradient collector. Every method does
 * nothing by default.
 *
 * <p>Per step: {@link #beforeStep}, then forward, loss, backward and the optimizer step, then
 * {@link #afterStep}; after the last step of an epoch, {@link #afterEpoch}. Checkpoints are written
 * after the hooks, so they hold what the hooks changed.
 */
public interface TrainingHook {

  /**
   * Once, before the first step, with the model's parameters initialized (or loaded by a warm
   * start); e.g. copies the online network into its target. {@link StepContext#step()} is 0.
   */
  default void beforeTraining(StepContext context) {}

  /** Before the step's forward pass. */
  default void beforeStep(StepContext context) {}

  /** After the optimizer step; {@link StepContext#predictions()} holds the step's model outputs. */
  default void afterStep(StepContext context) {}

  /** After the last step of each epoch, including a last epoch cut short by {@code max-steps}. */
  default void afterEpoch(StepContext context) {}
}

package io.pretext.core.train;

import io.pretext.api.PretextUserException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Training diverged: the loss (or, at a checkpoint, a parameter) became NaN or infinite. The run
 * stops before writing anything from the bad step; the last good checkpoint stays.
 */
public class NonFiniteLossException extends PretextUserException {
  private static final long serialVersionUID = 1L;
  private final long step;
  private final int epoch;
  private final double lastFiniteLoss;
  private final transient Path lastCheckpoint;

  /**
   * @param what what became non-finite, e.g. "the loss became NaN"
   * @param lastFiniteLoss the last finite loss, NaN when no step finished
   * @param lastCheckpoint the last good checkpoint, or null when none was written
   * @param learningRate the run's learning rate, for the suggestion
   */
  public NonFiniteLossException(String what, long step, int epoch, double lastFiniteLoss, Path lastCheckpoint,
      double learningRate) {
    super(message(what, step, epoch, lastFiniteLoss, lastCheckpoint, learningRate));
    this.step = step;
    this.epoch = epoch;
    this.lastFiniteLoss = lastFiniteLoss;
    this.lastCheckpoint = lastCheckpoint;
  }

  /** The step (1-based) that produced the non-finite value. */
  public long step() {
    return step;
  }

  /** The epoch (1-based) of that step. */
  public int epoch() {
    return epoch;
  }

  public double lastFiniteLoss() {
    return lastFiniteLoss;
  }

  /** The last good checkpoint's parameter file, or null. */
  public Path lastCheckpoint() {
    return lastCheckpoint;
  }

  private static String message(String what, long step, int epoch, double lastLoss, Path checkpoint, double lr) {
    StringBuilder sb = new StringBuilder("Training diverged: ").append(what)
        .append(" at step ").append(step).append(" (epoch ").append(epoch).append("). ");
    sb.append(Double.isNaN(lastLoss) ? "No step had finished with a finite loss. "
        : String.format(Locale.ROOT, "The last finite loss was %.6g. ", lastLoss));
    sb.append(checkpoint == null ? "No checkpoint had been written yet. "
        : "The last good checkpoint is " + checkpoint + ". ");
    sb.append(String.format(Locale.ROOT,
        "Lower train.learning-rate (now %s), e.g. to %s, and run again.", lr, lr / 10));
    return sb.toString();
  }
}

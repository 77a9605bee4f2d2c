package io.pretext.core.train;

import java.nio.file.Path;

/**
 * Pretraining stopped on a {@link StopRequest} after writing a checkpoint at a step boundary; the
 * run continues with {@code pretext resume RUN_DIR}.
 */
public final class TrainingStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path runDir;
  private final long step;
  private final int exitCode;

  public TrainingStopped(String reason, Path runDir, long step, int exitCode) {
    super("stopped by " + reason + " at step " + step + " after writing its checkpoint. Continue the run with: pretext resume "
        + runDir);
    this.runDir = runDir;
    this.step = step;
    this.exitCode = exitCode;
  }

  public Path runDir() {
    return runDir;
  }

  public long step() {
    return step;
  }

  /** The exit code the process should end with: 128 plus the signal's number. */
  public int exitCode() {
    return exitCode;
  }
}

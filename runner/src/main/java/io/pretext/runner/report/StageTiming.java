package io.pretext.runner.report;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one stage of the run took.
 *
 * @param stage the stage's name, e.g. "pretrain", "transfer", "export"
 * @param duration its wall time
 */
public record StageTiming(String stage, Duration duration) {
  public StageTiming {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("stage " + stage + " has a negative duration " + duration);
    }
  }
}

package io.pretext.runner.report;

import java.util.Map;
import java.util.Optional;

/**
 * The pretraining numbers of a report.
 *
 * @param steps optimizer steps taken
 * @param epochs epochs trained
 * @param finalLoss the last step's loss
 * @param medianStepMillis median time of one step on the training thread
 * @param samplesPerSecond median throughput per step (NaN if unknown)
 * @param dataWaitFraction share of the loop's time spent waiting for batches, 0..1 (NaN if unknown)
 * @param wallSeconds the loop's wall time (NaN if unknown)
 * @param skippedImages images the data set skipped because they did not decode (0 if none or unknown)
 * @param complete false when the run ended without its summary line (the numbers then come from
 *     the steps that were logged)
 */
public record Pretraining(long steps, int epochs, double finalLoss, double medianStepMillis,
    double samplesPerSecond, double dataWaitFraction, double wallSeconds, long skippedImages, boolean complete) {

  /**
   * The numbers of a run's metrics: its {@code train-summary} line where there is one, otherwise
   * derived from the {@code train} lines; empty when there are neither.
   */
  public static Optional<Pretraining> fromMetrics(MetricsLog log) {
    double samplesPerSecond = log.median("samples_per_s");
    Optional<Map<String, Double>> summary = log.summary();
    if (summary.isPresent()) {
      Map<String, Double> s = summary.get();
      return Optional.of(new Pretraining(
          s.getOrDefault("steps", (double) log.trainSteps()).longValue(),
          s.getOrDefault("epochs", 0.0).intValue(),
          s.getOrDefault("final_loss", Double.NaN),
          s.getOrDefault("median_step_ms", log.median("step_ms")),
          samplesPerSecond,
          s.getOrDefault("data_wait_fraction", Double.NaN),
          s.getOrDefault("wall_s", Double.NaN),
          s.getOrDefault("skipped_images", 0.0).longValue(),
          true));
    }
    if (log.trainSteps() == 0) {
      return Optional.empty();
    }
    double[] steps = log.steps();
    double[] epochs = log.series("epoch");
    double[] loss = log.series("loss");
    double wait = Stats.sum(log.series("wait_ms"));
    double work = Stats.sum(log.series("step_ms"));
    return Optional.of(new Pretraining(
        (long) steps[steps.length - 1],
        Double.isFinite(epochs[epochs.length - 1]) ? (int) epochs[epochs.length - 1] : 0,
        loss[loss.length - 1],
        log.median("step_ms"),
        samplesPerSecond,
        wait + work > 0 ? wait / (wait + work) : Double.NaN,
        (wait + work) / 1000,
        0,
        false));
  }
}

package io.pretext.core.train;

/**
 * The online monitor's part of the {@code train} section ({@code monitor-*} keys): how large its
 * labeled slice is, how often it measures, its kNN's k and whether it trains a linear probe too.
 *
 * @param samples labeled training samples in the kNN bank (and as many test samples scored); 0: off
 * @param everyEpochs epochs between two measurements; the last epoch is always measured
 * @param k neighbours that vote
 * @param linearProbe whether to train and score an online linear probe as well
 */
public record MonitorSettings(int samples, int everyEpochs, int k, boolean linearProbe) {
  /** No monitor. */
  public static final MonitorSettings OFF = new MonitorSettings(0, 1, 20, false);

  /** Whether the monitor runs at all. */
  public boolean enabled() {
    return samples > 0;
  }
}

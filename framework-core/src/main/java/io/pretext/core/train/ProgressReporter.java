package io.pretext.core.train;

/** Shows training progress to a person; {@link #NONE} for tests and non-interactive runs. */
public interface ProgressReporter extends AutoCloseable {

  /** Shows nothing. */
  ProgressReporter NONE = new ProgressReporter() {
    @Override
    public void start(long totalSteps) {}

    @Override
    public void update(long step, int epoch, double loss, double samplesPerSecond) {}
  };

  /** A bar on stderr with loss, samples/s and ETA. */
  static ProgressReporter console() {
    return new ConsoleProgress();
  }

  void start(long totalSteps);

  void update(long step, int epoch, double loss, double samplesPerSecond);

  @Override
  default void close() {}
}

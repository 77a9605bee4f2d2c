package io.pretext.core.train;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop pretraining at the next step boundary, e.g. from SIGINT or SIGTERM: the loop
 * then writes a checkpoint and throws {@link TrainingStopped}. Thread-safe; one per run.
 */
public final class StopRequest {
  private final AtomicReference<String> reason = new AtomicReference<>();
  private final AtomicReference<Integer> exitCode = new AtomicReference<>();

  /**
   * Asks the run to stop; returns false when a stop was already requested (a second request).
   *
   * @param why what asked, e.g. {@code "SIGINT"}
   * @param code the exit code the process should end with, e.g. 130
   */
  public boolean request(String why, int code) {
    boolean first = reason.compareAndSet(null, why);
    if (first) {
      exitCode.set(code);
    }
    return first;
  }

  /** What asked the run to stop, once a stop was requested. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason.get());
  }

  /** The exit code of the request; 1 when none was made. */
  public int exitCode() {
    Integer code = exitCode.get();
    return code == null ? 1 : code;
  }
}

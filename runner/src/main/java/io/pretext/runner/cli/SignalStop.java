package io.pretext.runner.cli;

import io.pretext.core.train.StopRequest;
import java.io.PrintStream;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a graceful stop while a command runs: the first asks the
 * run to stop at its next step boundary, after a checkpoint; a second stops the process at once
 * (exit 130 or 143). The previous handlers come back on {@link #close}.
 */
final class SignalStop implements AutoCloseable {
  private static final Map<String, Integer> CODES = Map.of("INT", 130, "TERM", 143);
  private final StopRequest request = new StopRequest();
  private final Map<Signal, SignalHandler> previous = new java.util.HashMap<>();

  private SignalStop(PrintStream err) {
    for (Map.Entry<String, Integer> e : CODES.entrySet()) {
      Signal signal = new Signal(e.getKey());
      int code = e.getValue();
      previous.put(signal, Signal.handle(signal, s -> {
        if (request.request("SIG" + s.getName(), code)) {
          err.println("SIG" + s.getName() + ": stopping at the next step boundary after a checkpoint"
              + " (send it again to stop at once).");
        } else {
          err.println("SIG" + s.getName() + " again: stopping now, without a new checkpoint.");
          err.flush();
          Runtime.getRuntime().halt(code);
        }
      }));
    }
  }

  /** Installs the handlers; close to restore the previous ones. */
  static SignalStop install() {
    return new SignalStop(System.err);
  }

  StopRequest request() {
    return request;
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}

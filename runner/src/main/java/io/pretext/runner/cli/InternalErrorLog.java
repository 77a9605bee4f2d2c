package io.pretext.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the stack trace of an internal error (a bug, exit 1) to a log file and returns the one
 * line the CLI prints: what failed and where the trace is. User errors never come here.
 */
final class InternalErrorLog {
  private static final Logger LOG = LoggerFactory.getLogger(InternalErrorLog.class);

  private InternalErrorLog() {}

  /** Saves the trace of {@code e} under the temporary folder; returns the line to print. */
  static String write(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace, true));
    try {
      Path file = Files.createTempFile("pretext-internal-error-", ".log");
      Files.writeString(file, trace.toString());
      return "internal error: " + oneLine(e) + " (this is a bug; the stack trace is in " + file
          + ", please attach it to a report)";
    } catch (IOException io) {
      LOG.error("internal error; the trace could not be written to a file ({})", io.getMessage(), e);
      return "internal error: " + oneLine(e) + " (this is a bug; the stack trace could not be saved: "
          + io.getMessage() + ", it is in the log above)";
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}

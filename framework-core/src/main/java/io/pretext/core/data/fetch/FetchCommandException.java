package io.pretext.core.data.fetch;

import io.pretext.api.data.DataException;
import java.util.List;

/** A package-manager command that could not run or failed; carries the command, exit code and stderr tail. */
public class FetchCommandException extends DataException {
  private static final long serialVersionUID = 1L;
  private final List<String> command;
  private final int exitCode;
  private final String stderrTail;

  /**
   * @param exitCode the exit code, or -1 when the command could not start
   */
  public FetchCommandException(List<String> command, int exitCode, String stderrTail, String message) {
    super(null, message);
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.stderrTail = stderrTail == null ? "" : stderrTail;
  }

  public List<String> command() {
    return command;
  }

  /** The exit code, or -1 when the command could not be started (e.g. the tool is not on the PATH). */
  public int exitCode() {
    return exitCode;
  }

  public String stderrTail() {
    return stderrTail;
  }
}

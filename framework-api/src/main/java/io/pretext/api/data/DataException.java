package io.pretext.api.data;

import io.pretext.api.PretextUserException;
import java.nio.file.Path;

/**
 * Data that cannot be used: a missing, truncated or corrupt file, a wrong format, inconsistent
 * counts, a bad entry. The message names the file (and the entry or byte offset where it helps)
 * and what was expected.
 */
public class DataException extends PretextUserException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  public DataException(Path file, String message) {
    super(file == null ? message : file + ": " + message);
    this.file = file;
  }

  public DataException(Path file, String message, Throwable cause) {
    super(file == null ? message : file + ": " + message, cause);
    this.file = file;
  }

  /** The file at fault, or null when the problem is not tied to one file. */
  public Path file() {
    return file;
  }
}

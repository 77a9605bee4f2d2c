package io.pretext.api.data;

import java.nio.file.Path;

/** A file whose content does not have the expected format: a wrong magic number, a truncated body, an undecodable image. */
public class CorruptDataException extends DataException {
  private static final long serialVersionUID = 1L;

  public CorruptDataException(Path file, String message) {
    super(file, message);
  }

  public CorruptDataException(Path file, String message, Throwable cause) {
    super(file, message, cause);
  }
}

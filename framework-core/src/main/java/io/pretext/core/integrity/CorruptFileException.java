package io.pretext.core.integrity;

import io.pretext.api.PretextUserException;
import java.nio.file.Path;

/** A weight or model file whose content is not what was written: flipped bytes, a truncation. */
public final class CorruptFileException extends PretextUserException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  public CorruptFileException(Path file, String why) {
    super("The file " + file.toAbsolutePath() + " is corrupt: " + why
        + ". Restore it from a backup, or rerun the step that wrote it (pretrain again, or export again).");
    this.file = file;
  }

  public Path file() {
    return file;
  }
}

package io.pretext.core.integrity;

import io.pretext.api.PretextUserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a failed write into a message that names the path; a full disk becomes a user error that
 * also says how much space is left there and what to do.
 */
public final class WriteFailures {
  private WriteFailures() {}

  /** Whether an IO failure (or one of its causes) is the file system running out of space. */
  public static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded")
          || m.contains("There is not enough space on the disk"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The exception to throw for a failed write of {@code path}: a {@link PretextUserException} when
   * the disk is full, else an {@link UncheckedIOException} naming the path.
   *
   * @param what what was being done, e.g. "write checkpoint"
   */
  public static RuntimeException of(String what, Path path, IOException e) {
    if (isDiskFull(e)) {
      return diskFull(what, path, e);
    }
    return new UncheckedIOException("Cannot " + what + " " + path + ": " + e.getMessage(), e);
  }

  /** The user error for a full disk while writing {@code path}. */
  public static PretextUserException diskFull(String what, Path path, Throwable cause) {
    return new PretextUserException("Cannot " + what + " " + path.toAbsolutePath()
        + ": the disk is full (" + free(path) + "). Free some space there or choose another folder,"
        + " then run again; files already written are intact.", cause);
  }

  /** "N MiB free on /mount", or "free space unknown". */
  public static String free(Path path) {
    Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return "free space unknown";
    }
    try {
      long bytes = Files.getFileStore(p).getUsableSpace();
      return String.format(Locale.ROOT, "%.1f MiB free on the file system of %s", bytes / (1024.0 * 1024.0), p);
    } catch (IOException e) {
      return "free space unknown";
    }
  }
}

package io.pretext.core.data.fetch;

import io.pretext.api.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks files against pinned SHA-256 sums and moves a mismatching file aside to {@code <name>.corrupt-<timestamp>}. */
public final class ChecksumVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(ChecksumVerifier.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private final Clock clock;

  public ChecksumVerifier() {
    this(Clock.systemUTC());
  }

  public ChecksumVerifier(Clock clock) {
    this.clock = clock;
  }

  /** Whether the file's checksum is the expected one (no side effects). */
  public boolean matches(Path file, String expectedSha256) {
    return Sha256.of(file).equalsIgnoreCase(expectedSha256);
  }

  /**
   * Checks a file; on a mismatch moves it aside (into {@code asideFolder}, or next to it when null)
   * and throws {@link ChecksumMismatchException}.
   */
  public void verify(Path file, String expectedSha256, Path asideFolder) {
    String actual = Sha256.of(file);
    if (actual.equalsIgnoreCase(expectedSha256)) {
      return;
    }
    Path folder = asideFolder != null ? asideFolder : file.toAbsolutePath().getParent();
    Path aside = folder.resolve(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
    try {
      Files.createDirectories(folder);
      Files.move(file, aside);
    } catch (IOException e) {
      throw new DataException(file, "SHA-256 mismatch (expected " + expectedSha256 + ", found " + actual
          + ") and the file could not be moved aside: " + e.getMessage() + "; delete it by hand", e);
    }
    LOG.warn("Checksum mismatch for {}: moved aside to {}", file, aside);
    throw new ChecksumMismatchException(file, expectedSha256, actual, aside);
  }
}

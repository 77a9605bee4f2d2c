package io.pretext.core.data.fetch;

import io.pretext.api.data.DataException;
import java.nio.file.Path;

/** A data file whose SHA-256 differs from the pinned one; the file has been moved aside and is not used. */
public class ChecksumMismatchException extends DataException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final String expected;
  private final String actual;
  private final transient Path movedTo;

  public ChecksumMismatchException(Path file, String expected, String actual, Path movedTo) {
    this(file, file, expected, actual, movedTo);
  }

  private ChecksumMismatchException(Path file, Object named, String expected, String actual, Path movedTo) {
    super(null, named + ": SHA-256 mismatch: expected " + expected + ", found " + actual + "; the file"
        + (movedTo == null ? " was not used" : " was moved aside to " + movedTo + " and not used")
        + ". Fetch the data set again (a second try downloads a fresh copy); if it keeps failing the package"
        + " has changed and the pinned checksum needs review");
    this.file = file;
    this.expected = expected;
    this.actual = actual;
    this.movedTo = movedTo;
  }

  /**
   * The same mismatch said of a file that a package has just delivered: names the file, the data
   * set and the package instead of the temporary folder it was unpacked into.
   */
  public ChecksumMismatchException deliveredBy(String dataset, PackageSource source) {
    return new ChecksumMismatchException(file, file.getFileName() + " of data set " + dataset + ", as " + source
        + " delivered it", expected, actual, movedTo);
  }

  /** The file whose checksum did not match, where it was checked. */
  @Override
  public Path file() {
    return file;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }

  /** Where the bad file now is, or null when it was left in place (e.g. a read-only system folder). */
  public Path movedTo() {
    return movedTo;
  }
}

package io.pretext.api.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file completely or not at all: temporary file in the same folder, fsync, atomic rename.
 * The file gets the permissions an ordinary new file would (rw-r--r-- under the usual umask), not
 * the owner-only ones of a temporary file.
 */
public final class AtomicFiles {
  /** The suffix of the temporary file a write goes to before it is moved into place. */
  public static final String TEMP_SUFFIX = ".tmp";

  /** What writes the content. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  public static void write(Path target, Content content) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path tmp = Files.createTempFile(folder, "." + target.getFileName(), TEMP_SUFFIX);
    try {
      try (FileOutputStream file = new FileOutputStream(tmp.toFile());
          BufferedOutputStream buffered = new BufferedOutputStream(file)) {
        content.writeTo(buffered);
        buffered.flush();
        file.getFD().sync();
      }
      makeReadable(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void makeReadable(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** Writes a UTF-8 text file atomically. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}

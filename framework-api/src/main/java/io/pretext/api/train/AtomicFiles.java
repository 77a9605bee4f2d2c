package io.pretext.api.train;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file completely or not at all: temporary file in the same folder, fsync, atomic rename. */
final class AtomicFiles {
  static final String TEMP_SUFFIX = ".tmp";

  /** What writes the content. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  static void write(Path target, Content content) throws IOException {
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
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

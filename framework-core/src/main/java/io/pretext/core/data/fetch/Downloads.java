package io.pretext.core.data.fetch;

import io.pretext.api.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the archive a package manager left in its download folder. */
final class Downloads {
  private Downloads() {}

  static Path single(Path folder, String extension, PackageSource source, List<String> command) {
    List<Path> found;
    try (Stream<Path> s = Files.list(folder)) {
      found = s.filter(p -> p.getFileName().toString().endsWith(extension)).sorted().toList();
    } catch (IOException e) {
      throw new DataException(folder, "cannot list the download folder: " + e.getMessage(), e);
    }
    if (found.size() != 1) {
      throw new DataException(folder, "'" + String.join(" ", command) + "' succeeded but left " + found.size()
          + " " + extension + " files for " + source + "; expected exactly one");
    }
    return found.get(0);
  }
}

package io.pretext.core.data.fetch;

import java.nio.file.Path;

/**
 * Downloads one package archive (a {@code .deb} or an npm {@code .tgz}) into a folder. The real
 * implementations run the package manager; tests supply archives they build themselves.
 */
public interface PackageDownloader {

  /**
   * Downloads the package into {@code folder} (which exists and is empty) and returns the archive.
   *
   * @throws io.pretext.api.data.DataException when the tool is missing, fails or the package is unknown
   */
  Path download(PackageSource source, Path folder);
}

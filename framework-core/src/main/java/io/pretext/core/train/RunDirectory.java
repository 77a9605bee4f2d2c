package io.pretext.core.train;

import io.pretext.api.PretextUserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout of one run's folder: everything a run writes lives under it.
 *
 * <pre>
 * run/
 *   config.yaml        resolved configuration
 *   metrics.jsonl      one JSON object per line
 *   checkpoints/       step-000200.params + step-000200.json
 *   encoder/           final encoder weights
 *   logs/run.log
 *   report.md
 *   plots/
 * </pre>
 */
public final class RunDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);
  private static final List<String> RUN_MARKERS = List.of("config.yaml", "metrics.jsonl", "checkpoints", "encoder");

  private final Path root;
  private final RunLock lock;

  private RunDirectory(Path root, RunLock lock) {
    this.root = root;
    this.lock = lock;
  }

  /** {@link #create(Path, boolean)} without overwriting: an existing folder must be empty. */
  public static RunDirectory create(Path root) {
    return create(root, false);
  }

  /**
   * Creates a new run's folder and its sub-folders, and locks it (see {@link RunLock}) until {@link
   * #close}. A folder that exists must be empty: a new run in an earlier run's folder would append to
   * its metrics and log and mix its checkpoints and exported files with the old ones. With {@code
   * overwrite}, an earlier run's folder is emptied first; a folder that does not look like a run's is
   * never emptied. This is the one place that decides which existing folder a run may write into.
   *
   * @throws PretextUserException naming the folder when it holds files, is in use by another run, or
   *     cannot be created
   */
  public static RunDirectory create(Path root, boolean overwrite) {
    Path dir = root.toAbsolutePath().normalize();
    if (!overwrite && Files.isDirectory(dir)) {
      refuseIfHeld(dir, held(dir)); // before the lock file is written: a refused folder is left as it was
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new PretextUserException("Cannot create the run directory " + dir + ": " + e
          + ". Choose a writable folder (--run-dir) or free some disk space.", e);
    }
    RunLock lock = RunLock.acquire(dir);
    try {
      List<String> held = held(dir);
      if (!held.isEmpty()) {
        if (!overwrite) {
          refuseIfHeld(dir, held);
        }
        clear(dir, held);
      }
      RunDirectory run = new RunDirectory(dir, lock);
      for (Path p : new Path[] {run.checkpoints(), run.encoder(), run.logs(), run.plots()}) {
        Files.createDirectories(p);
      }
      return run;
    } catch (IOException e) {
      lock.close();
      throw new PretextUserException("Cannot create the run directory " + dir + ": " + e
          + ". Choose a writable folder (--run-dir) or free some disk space.", e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static void refuseIfHeld(Path dir, List<String> held) {
    if (!held.isEmpty()) {
      throw new PretextUserException("The run directory " + dir + " already exists and holds "
          + String.join(", ", held.subList(0, Math.min(5, held.size()))) + (held.size() > 5 ? ", ..." : "")
          + "; a new run there would mix its files with the earlier run's. Pick another output.name or"
          + " --run-dir, or give --overwrite to empty it first.");
    }
  }

  private static List<String> held(Path root) {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunLock.FILE_NAME)).sorted().toList();
    } catch (IOException e) {
      throw new PretextUserException("Cannot read the run directory " + root + ": " + e.getMessage()
          + ". Choose another folder (output.name or --run-dir).", e);
    }
  }

  private static void clear(Path root, List<String> held) throws IOException {
    if (held.stream().noneMatch(RUN_MARKERS::contains)) {
      throw new PretextUserException("--overwrite refused: " + root + " holds " + String.join(", ",
          held.subList(0, Math.min(5, held.size()))) + (held.size() > 5 ? ", ..." : "") + " but no earlier run ("
          + String.join(", ", RUN_MARKERS) + "), so it is not emptied. Choose another --run-dir.");
    }
    LOG.info("--overwrite: emptying the earlier run in {} ({} entries)", root, held.size());
    for (String name : held) {
      deleteTree(root.resolve(name));
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> children = Files.list(path)) {
        for (Path child : children.toList()) {
          deleteTree(child);
        }
      }
    }
    Files.delete(path);
  }

  /** An existing run folder, e.g. to read its checkpoints; nothing is created. */
  public static RunDirectory open(Path root) {
    if (!Files.isDirectory(root)) {
      throw new PretextUserException("Run directory " + root.toAbsolutePath() + " does not exist.");
    }
    return new RunDirectory(root.toAbsolutePath().normalize(), null);
  }

  public Path root() {
    return root;
  }

  public Path config() {
    return root.resolve("config.yaml");
  }

  public Path metrics() {
    return root.resolve("metrics.jsonl");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path encoder() {
    return root.resolve("encoder");
  }

  /** The final encoder parameters file inside {@link #encoder()}. */
  public Path encoderParameters() {
    return encoder().resolve("encoder.params");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path log() {
    return logs().resolve("run.log");
  }

  public Path report() {
    return root.resolve("report.md");
  }

  public Path plots() {
    return root.resolve("plots");
  }

  /** Wraps an IO failure inside the run folder into a message that names the path. */
  static UncheckedIOException ioFailure(String what, Path path, IOException e) {
    return new UncheckedIOException("Cannot " + what + " " + path + ": " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return root.toString();
  }

  /** Releases the folder's lock when this run created it; a folder from {@link #open} holds none. */
  @Override
  public void close() {
    if (lock != null) {
      lock.close();
    }
  }
}

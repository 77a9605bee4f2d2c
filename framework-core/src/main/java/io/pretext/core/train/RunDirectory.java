package io.pretext.core.train;

import io.pretext.api.PretextUserException;
import java.io.IOException;
import io.pretext.core.integrity.WriteFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout of one run's folder: everything a run writes lives under it.
 *
 * <pre>
 * run/
 *   run.lock           the running run's PID (see RunLock)
 *   manifest.json      sha256 of every weight and model file (see RunManifest)
 *   config.yaml        resolved configuration
 *   metrics.jsonl      one JSON object per line
 *   checkpoints/       step-000200.params + step-000200.json
 *   encoder/           final encoder weights
 *   logs/run.log
 *   report.md
 *   plots/
 * </pre>
 */
public final class RunDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);
  private final Path root;
  private RunLock lock;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /** {@link #create(Path, boolean)} without {@code --overwrite}. */
  public static RunDirectory create(Path root) {
    return create(root, false);
  }

  /**
   * Creates a new run's folder and its sub-folders. A folder that exists must be empty: a new run in
   * an earlier run's folder would append to its metrics and log and mix its checkpoints with the old
   * ones, and keep its {@code classifier.onnx} beside a new encoder. With {@code overwrite} such a
   * folder is emptied first (logged). This is the one place that decides which existing folder a
   * run may write into. The new run holds the folder's {@link RunLock} until {@link #release}.
   *
   * @throws PretextUserException naming the folder when another live run holds it (with its PID),
   *     when it already holds files and {@code overwrite} is false, or when it cannot be created
   */
  public static RunDirectory create(Path root, boolean overwrite) {
    RunDirectory dir = new RunDirectory(root.toAbsolutePath().normalize());
    if (Files.isDirectory(dir.root)) {
      if (overwrite) {
        dir.lock = RunLock.acquire(dir.root);
        clear(dir.root);
      } else {
        if (RunLock.isHeld(dir.root)) {
          RunLock.acquire(dir.root).close();
        }
        refuseUsed(dir.root);
      }
    }
    try {
      for (Path p : new Path[] {dir.root, dir.checkpoints(), dir.encoder(), dir.logs(), dir.plots()}) {
        Files.createDirectories(p);
      }
    } catch (IOException e) {
      throw new PretextUserException("Cannot create the run directory " + dir.root + ": " + e
          + ". Choose a writable folder (--run-dir) or free some disk space.", e);
    }
    if (dir.lock == null) {
      dir.lock = RunLock.acquire(dir.root);
    }
    return dir;
  }

  private static void clear(Path root) {
    List<Path> entries;
    try (Stream<Path> list = Files.list(root)) {
      entries = list.filter(p -> !p.getFileName().toString().equals(RunLock.FILE_NAME)).toList();
    } catch (IOException e) {
      throw new PretextUserException("Cannot read the run directory " + root + ": " + e.getMessage()
          + ". Choose another folder (--run-dir).", e);
    }
    if (entries.isEmpty()) {
      return;
    }
    LOG.warn("--overwrite: clearing the earlier run in {} ({} entries)", root, entries.size());
    try {
      for (Path entry : entries) {
        try (Stream<Path> tree = Files.walk(entry)) {
          for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      throw new PretextUserException("--overwrite could not clear " + root + ": " + e.getMessage()
          + ". Delete the folder by hand, or choose another --run-dir.", e);
    }
  }

  /** Releases this run's lock on the folder (a no-op for an {@link #open}ed folder). */
  public void release() {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  private static void refuseUsed(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<String> held;
    try (Stream<Path> entries = Files.list(root)) {
      held = entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunLock.FILE_NAME)).sorted().toList();
    } catch (IOException e) {
      throw new PretextUserException("Cannot read the run directory " + root + ": " + e.getMessage()
          + ". Choose another folder (output.name or --run-dir).", e);
    }
    if (!held.isEmpty()) {
      throw new PretextUserException("The run directory " + root + " already exists and holds "
          + String.join(", ", held.subList(0, Math.min(5, held.size()))) + (held.size() > 5 ? ", ..." : "")
          + "; a new run there would mix its files with the earlier run's. Pick another output.name"
          + " or --run-dir, or give --overwrite to clear the folder first; to continue the earlier run from its"
          + " newest checkpoint, run 'pretext resume " + root + "'.");
    }
  }

  /** An existing run folder, e.g. to read its checkpoints; nothing is created. */
  public static RunDirectory open(Path root) {
    if (!Files.isDirectory(root)) {
      throw new PretextUserException("Run directory " + root.toAbsolutePath() + " does not exist.");
    }
    return new RunDirectory(root.toAbsolutePath().normalize());
  }

  /**
   * An existing folder that a finished pretraining wrote: it must hold {@code config.yaml} and
   * {@code encoder/encoder.params}.
   *
   * @param option the option that named it, for the message (e.g. "transfer --encoder")
   */
  public static RunDirectory openFinished(Path root, String option) {
    RunDirectory dir = open(root);
    for (Path needed : new Path[] {dir.config(), dir.encoderParameters()}) {
      if (!Files.isRegularFile(needed)) {
        throw new PretextUserException(option + ": " + dir.root + " is not a finished run's directory (it has no "
            + dir.root.relativize(needed) + "). Give the --run-dir of a `pretext run` or `pretext pretrain`"
            + " that finished.");
      }
    }
    return dir;
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
  static RuntimeException ioFailure(String what, Path path, IOException e) {
    return WriteFailures.of(what, path, e);
  }

  @Override
  public String toString() {
    return root.toString();
  }
}

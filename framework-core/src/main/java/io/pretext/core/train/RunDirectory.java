package io.pretext.core.train;

import io.pretext.api.PretextUserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
public final class RunDirectory {
  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Creates a new run's folder and its sub-folders. A folder that exists must be empty: a new run in
   * an earlier run's folder would append to its metrics and log and mix its checkpoints with the old
   * ones. This is the one place that decides which existing folder a run may write into.
   *
   * @throws PretextUserException naming the folder when it already holds files, or cannot be created
   */
  public static RunDirectory create(Path root) {
    RunDirectory dir = new RunDirectory(root.toAbsolutePath().normalize());
    refuseUsed(dir.root);
    try {
      for (Path p : new Path[] {dir.root, dir.checkpoints(), dir.encoder(), dir.logs(), dir.plots()}) {
        Files.createDirectories(p);
      }
    } catch (IOException e) {
      throw new PretextUserException("Cannot create the run directory " + dir.root + ": " + e
          + ". Choose a writable folder (--run-dir) or free some disk space.", e);
    }
    return dir;
  }

  private static void refuseUsed(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<String> held;
    try (Stream<Path> entries = Files.list(root)) {
      held = entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new PretextUserException("Cannot read the run directory " + root + ": " + e.getMessage()
          + ". Choose another folder (output.name or --run-dir).", e);
    }
    if (!held.isEmpty()) {
      throw new PretextUserException("The run directory " + root + " already exists and holds "
          + String.join(", ", held.subList(0, Math.min(5, held.size()))) + (held.size() > 5 ? ", ..." : "")
          + "; a new run there would append to the earlier run's metrics and log. Pick another output.name"
          + " or --run-dir, or delete the folder.");
    }
  }

  /** An existing run folder, e.g. to read its checkpoints; nothing is created. */
  public static RunDirectory open(Path root) {
    if (!Files.isDirectory(root)) {
      throw new PretextUserException("Run directory " + root.toAbsolutePath() + " does not exist.");
    }
    return new RunDirectory(root.toAbsolutePath().normalize());
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
}

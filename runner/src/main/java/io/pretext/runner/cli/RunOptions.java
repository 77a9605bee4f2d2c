package io.pretext.runner.cli;

import io.pretext.api.PretextUserException;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.runner.Bootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of the commands that run a YAML file: the file, overrides, run directory, progress bar. */
final class RunOptions {
  /** The built-in default run, packaged in the jar from the repository's {@code configs/}. */
  static final String DEFAULT_CONFIG = "configs/quickstart.yaml";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "The run's YAML file (default: the built-in " + DEFAULT_CONFIG + ").")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set train.epochs=3 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "The run directory (default: output.dir/output.name, or the file's name and the time).")
  Path runDir;

  @Option(names = "--overwrite",
      description = "Clear the run directory first when an earlier, finished run is in it (refused while a run holds it).")
  boolean overwrite;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  /** Loads and validates the file, or the built-in default when none is given. */
  RunConfig load(Bootstrap bootstrap) {
    RunConfigLoader loader = new RunConfigLoader(bootstrap.registry());
    if (file != null) {
      return loader.load(file, overrides);
    }
    try (InputStream in = RunOptions.class.getClassLoader().getResourceAsStream(DEFAULT_CONFIG)) {
      if (in == null) {
        throw new PretextUserException("The built-in " + DEFAULT_CONFIG + " is missing from this build; give a FILE.");
      }
      return loader.load("built-in " + DEFAULT_CONFIG, new String(in.readAllBytes(), StandardCharsets.UTF_8), overrides);
    } catch (IOException e) {
      throw new PretextUserException("Cannot read the built-in " + DEFAULT_CONFIG + ": " + e.getMessage(), e);
    }
  }

  /** The run directory: {@code --run-dir}, else {@code output.dir} / ({@code output.name} or name-time). */
  Path runDirectory(RunConfig config) {
    if (runDir != null) {
      return runDir;
    }
    Path parent = Path.of(config.output().getString("dir"));
    if (config.output().has("name")) {
      return parent.resolve(config.output().getString("name"));
    }
    String name = file != null ? file.getFileName().toString() : Path.of(DEFAULT_CONFIG).getFileName().toString();
    return parent.resolve(name.replaceFirst("\\.ya?ml$", "") + "-" + LocalDateTime.now().format(STAMP));
  }
}

package io.pretext.runner.cli;

import io.pretext.api.run.RunConfig;
import io.pretext.api.run.RunConfigLoader;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext run FILE}: validates the run file, then runs it into a new run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a YAML run file: pretraining, then the later stages the file enables.")
final class RunCommand implements Runnable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The run's YAML file.")
  private Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set train.epochs=3 (repeatable).")
  private List<String> overrides = new ArrayList<>();

  @Option(names = "--run-dir", paramLabel = "DIR", description = "The run directory (default: output.dir/output.name, or the file's name and the time).")
  private Path runDir;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  private boolean noProgress;

  RunCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    Bootstrap plugins = bootstrap.get();
    RunConfig config = new RunConfigLoader(plugins.registry()).load(file, overrides);
    Path dir = runDir != null ? runDir : defaultRunDir(config, file);
    RunPipeline.Summary s = new RunPipeline(plugins, !noProgress).run(config, dir);
    PrintWriter out = spec.commandLine().getOut();
    out.println();
    out.printf("pretraining: %d steps over %d epochs on %d samples, final loss %.4f%n", s.result().steps(),
        s.result().epochs(), s.unlabeled(), s.result().finalLoss());
    out.printf("step time: median %.1f ms, data wait %.1f%% of step time%n", s.result().medianStepMillis(),
        100 * s.result().dataWaitFraction());
    out.println("run directory: " + s.runDir().root());
  }

  static Path defaultRunDir(RunConfig config, Path file) {
    Path parent = Path.of(config.output().getString("dir"));
    if (config.output().has("name")) {
      return parent.resolve(config.output().getString("name"));
    }
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return parent.resolve(stem + "-" + LocalDateTime.now().format(STAMP));
  }
}

package io.pretext.runner.cli;

import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.core.train.RunDirectory;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext resume RUN_DIR}: continues a stopped run from its newest checkpoint, as if it had never stopped. */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = {"Continue a stopped or killed run from its newest checkpoint, with the run's resolved config.yaml:",
        "the same steps, batches and numbers as an uninterrupted run; then transfer, export and report as usual."})
final class ResumeCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory to continue.")
  private Path runDir;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  private boolean noProgress;

  ResumeCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    Bootstrap plugins = bootstrap.get();
    RunDirectory dir = RunDirectory.open(runDir);
    RunConfig config = new RunConfigLoader(plugins.registry()).load(dir.config(), List.of());
    try (SignalStop signals = SignalStop.install()) {
      RunPipeline.Summary s = new RunPipeline(plugins, !noProgress, signals.request())
          .resume(config, dir, RunPipeline.Stages.ALL);
      RunSummaryPrinter.print(s, spec.commandLine().getOut());
    }
  }
}

package io.pretext.runner.cli;

import io.pretext.api.run.RunConfig;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext run [FILE]}: pretraining, transfer with few labels and the report, in a new run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a YAML run file: pretrain, transfer to the labeled task with few labels, write report.md.",
        "Without FILE, runs the built-in quick start (SimCLR on Fashion-MNIST, fetched on first use)."})
final class RunCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Mixin
  private RunOptions options;

  RunCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    Bootstrap plugins = bootstrap.get();
    RunConfig config = options.load(plugins);
    RunPipeline.Summary s = new RunPipeline(plugins, !options.noProgress)
        .run(config, options.runDirectory(config), RunPipeline.Stages.ALL);
    RunSummaryPrinter.print(s, spec.commandLine().getOut());
  }
}

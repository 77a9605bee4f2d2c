package io.pretext.runner.cli;

import io.pretext.core.run.RunConfig;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code run} and {@code pretrain} share: load the file, run the pipeline's stages, print the summary. */
abstract class RunStagesCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;
  private final RunPipeline.Stages stages;

  @Spec
  private CommandSpec spec;

  @Mixin
  private RunOptions options;

  RunStagesCommand(Supplier<Bootstrap> bootstrap, RunPipeline.Stages stages) {
    this.bootstrap = bootstrap;
    this.stages = stages;
  }

  @Override
  public void run() {
    Bootstrap plugins = bootstrap.get();
    RunConfig config = options.load(plugins);
    RunPipeline.Summary s = new RunPipeline(plugins, !options.noProgress).run(config, options.runDirectory(config), stages,
        options.overwrite);
    RunSummaryPrinter.print(s, spec.commandLine().getOut());
  }
}

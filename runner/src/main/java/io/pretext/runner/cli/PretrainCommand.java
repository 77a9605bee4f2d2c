package io.pretext.runner.cli;

import io.pretext.api.run.RunConfig;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext pretrain [FILE]}: only the pretraining half of a run. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
    description = "Pretrain the encoder of a run file and save it; 'pretext transfer --encoder DIR' does the rest.")
final class PretrainCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Mixin
  private RunOptions options;

  PretrainCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    Bootstrap plugins = bootstrap.get();
    RunConfig config = options.load(plugins);
    RunPipeline.Summary s = new RunPipeline(plugins, !options.noProgress)
        .run(config, options.runDirectory(config), RunPipeline.Stages.PRETRAIN_ONLY);
    RunSummaryPrinter.print(s, spec.commandLine().getOut());
  }
}

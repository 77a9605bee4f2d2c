package io.pretext.runner.cli;

import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/** {@code pretext run [FILE]}: pretraining, transfer with few labels and the report, in a new run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a YAML run file: pretrain, transfer to the labeled task with few labels, write report.md.",
        "Without FILE, runs the built-in quick start (SimCLR on Fashion-MNIST, fetched on first use)."})
final class RunCommand extends RunStagesCommand {
  RunCommand(Supplier<Bootstrap> bootstrap) {
    super(bootstrap, RunPipeline.Stages.ALL);
  }
}

package io.pretext.runner.cli;

import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/** {@code pretext pretrain [FILE]}: only the pretraining half of a run. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
    description = "Pretrain the encoder of a run file and save it; 'pretext transfer --encoder DIR' does the rest.")
final class PretrainCommand extends RunStagesCommand {
  PretrainCommand(Supplier<Bootstrap> bootstrap) {
    super(bootstrap, RunPipeline.Stages.PRETRAIN_ONLY);
  }
}

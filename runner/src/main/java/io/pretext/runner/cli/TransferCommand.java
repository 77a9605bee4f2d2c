package io.pretext.runner.cli;

import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.core.train.RunDirectory;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext transfer --encoder RUN_DIR}: the transfer half, on the encoder an earlier run saved. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
    description = {"Transfer the encoder of an earlier run to the labeled task with few labels, and update its report.",
        "Uses the run's resolved config.yaml; --set changes it (e.g. --set downstream.labels=[100])."})
final class TransferCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Option(names = "--encoder", required = true, paramLabel = "RUN_DIR", description = "The directory of a finished run.")
  private Path encoderRun;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key of the run's config (repeatable).")
  private List<String> overrides = new ArrayList<>();

  TransferCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    Bootstrap plugins = bootstrap.get();
    RunDirectory runDir = RunDirectory.openFinished(encoderRun, "transfer --encoder");
    RunConfig config = new RunConfigLoader(plugins.registry()).load(runDir.config(), overrides);
    RunPipeline.Summary s = new RunPipeline(plugins, false).transfer(config, runDir);
    RunSummaryPrinter.print(s, spec.commandLine().getOut());
  }
}

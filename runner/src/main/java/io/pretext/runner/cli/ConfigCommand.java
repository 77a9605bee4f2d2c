package io.pretext.runner.cli;

import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext config check FILE}: validates a run file without doing any work. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check run configuration files.",
    subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Validates one file with its overrides and prints the resolved config. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Validate a run file (keys, types, ranges, plugin names) and print it resolved, defaults included.",
          "Makes the same checks as run before any work: each plugin checks its own section."})
  static final class Check implements Runnable {
    private final Supplier<Bootstrap> bootstrap;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The run's YAML file.")
    private Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set train.epochs=3 (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print only problems, not the resolved config.")
    private boolean quiet;

    Check(Supplier<Bootstrap> bootstrap) {
      this.bootstrap = bootstrap;
    }

    @Override
    public void run() {
      Bootstrap plugins = bootstrap.get();
      RunConfig config = new RunConfigLoader(plugins.registry()).load(file, overrides);
      new RunPipeline(plugins, false).check(config);
      if (!quiet) {
        spec.commandLine().getOut().print(config.toYaml());
      }
      spec.commandLine().getOut().println("# " + file + ": valid");
    }
  }
}

package io.pretext.runner.cli;

import io.pretext.runner.RunComparison;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext compare RUN_DIR...}: the transfer tables of several runs side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Put the transfer results of several runs side by side (e.g. SimCLR and context prediction).")
final class CompareCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Directories of finished runs.")
  private List<Path> runs;

  @Option(names = "--out", paramLabel = "DIR", description = "Also write comparison.md and comparison.png there.")
  private Path out;

  @Override
  public void run() {
    RunComparison comparison = RunComparison.of(runs);
    PrintWriter w = spec.commandLine().getOut();
    w.print(comparison.toMarkdown());
    if (out != null) {
      w.println("written: " + comparison.write(out));
    }
  }
}

package io.pretext.runner.cli;

import io.pretext.core.onnx.ExportResult;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.core.train.RunDirectory;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.RunPipeline;
import io.pretext.runner.onnx.RunExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext export RUN_DIR}: the run's encoder (and encoder + linear probe) as verified ONNX files. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the encoder of a finished run to RUN_DIR/export/encoder.onnx, and encoder + linear probe to"
        + " classifier.onnx; each file is checked against the Java model with ONNX Runtime before it is written."})
final class ExportCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The directory of a finished run.")
  private Path runDir;

  @Option(names = "--opset", paramLabel = "N", description = "The ONNX operator set (default: the run's export.opset).")
  private Integer opset;

  @Option(names = "--tolerance", paramLabel = "X",
      description = "The largest |Java - ONNX Runtime| difference accepted (default: the run's export.tolerance).")
  private Double tolerance;

  ExportCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    Bootstrap plugins = bootstrap.get();
    RunDirectory run = RunDirectory.openFinished(runDir, "export");
    RunConfig config = new RunConfigLoader(plugins.registry()).load(run.config(), java.util.List.of());
    RunExport.Outcome outcome = new RunPipeline(plugins, false).export(config, run,
        RunExport.fromConfig(config, plugins.loader().layerExporters(), opset, tolerance));
    print(outcome, spec.commandLine().getOut());
  }

  /** The written files with their verified differences. */
  static void print(RunExport.Outcome outcome, PrintWriter out) {
    line(outcome.encoder(), out);
    outcome.classifier().ifPresent(c -> line(c, out));
  }

  private static void line(ExportResult r, PrintWriter out) {
    out.printf(Locale.ROOT, "exported %s (%.1f KiB): max |Java - ONNX Runtime| = %.3g over %s%n", r.file(),
        r.bytes() / 1024.0, r.maxAbsDifference(), String.join("; ", r.checks()));
  }
}

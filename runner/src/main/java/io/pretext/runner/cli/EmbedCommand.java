package io.pretext.runner.cli;

import io.pretext.core.inference.EmbeddingWriter;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.onnx.Embedder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext embed}: an exported encoder's features for every input sample, as .npy or CSV. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = {"Embed images or sentences with an exported encoder (ONNX Runtime) and write the features.",
        "Applies the preprocessing recorded in the model; prints the device, images/s and the time split."})
final class EmbedCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Mixin
  private InferenceOptions options;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The output file (.npy or .csv).")
  private Path out;

  @Option(names = "--format", paramLabel = "npy|csv", description = "The output format (default: from --out's extension, else npy).")
  private String format;

  EmbedCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    PrintWriter print = spec.commandLine().getOut();
    EmbeddingWriter.Format fmt = format != null ? EmbeddingWriter.Format.parse(format)
        : out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? EmbeddingWriter.Format.CSV
        : EmbeddingWriter.Format.NPY;
    try (InferenceOptions.Opened model = options.open(bootstrap.get(), print)) {
      EmbeddingWriter[] writer = new EmbeddingWriter[1]; // opened at the first batch, when the width is known
      Embedder.Timings t;
      try {
        t = model.embedder().run(model.input(), batch -> {
          if (writer[0] == null) {
            writer[0] = EmbeddingWriter.open(out, fmt, model.input().size(), batch.cols());
          }
          writer[0].write(batch);
        });
      } catch (RuntimeException e) {
        if (writer[0] != null) {
          writer[0].discard();
        }
        throw e;
      }
      if (writer[0] != null) {
        writer[0].close();
      }
      print.printf(Locale.ROOT, "embedded %d samples (%s %s) into %s (%s, %d features each)%n", t.rows(),
          model.input().kind(), options.input, out, fmt.name().toLowerCase(Locale.ROOT),
          writer[0] == null ? 0 : writer[0].cols());
      print.println(timings(t, "samples"));
    }
  }

  /** One line: throughput and the time split. */
  static String timings(Embedder.Timings t, String what) {
    return String.format(Locale.ROOT,
        "%.0f %s/s; time %.3f s = decode %.3f s + preprocessing %.3f s + inference %.3f s", t.samplesPerSecond(),
        what, t.totalSeconds(), t.decodeSeconds(), t.preprocessSeconds(), t.inferenceSeconds());
  }
}

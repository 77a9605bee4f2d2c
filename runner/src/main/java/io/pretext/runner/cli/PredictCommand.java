package io.pretext.runner.cli;

import io.pretext.api.PretextUserException;
import io.pretext.core.inference.FeatureBatch;
import io.pretext.core.inference.ModelMetadata;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.onnx.Embedder;
import io.pretext.runner.onnx.Softmax;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pretext predict}: class names and probabilities from an exported encoder + linear probe. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Classify images or sentences with an exported classifier (RUN_DIR/export/classifier.onnx).",
        "Prints one tab-separated line per input, in input order: its index, then the top classes, each followed"
            + " by its probability."})
final class PredictCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Mixin
  private InferenceOptions options;

  @Option(names = "--top", defaultValue = "1", paramLabel = "K", description = "Classes shown per input (default: ${DEFAULT-VALUE}).")
  private int top;

  PredictCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    if (top < 1) {
      throw new PretextUserException("--top must be at least 1, got " + top + ".");
    }
    PrintWriter print = spec.commandLine().getOut();
    try (InferenceOptions.Opened model = options.open(bootstrap.get(), print)) {
      List<String> classes = classes(model.session().metadata());
      int k = Math.min(top, classes.size());
      int[] row = {0};
      Embedder.Timings t = model.embedder().run(model.input(), batch -> print(batch, classes, k, row, print));
      print.println(EmbedCommand.timings(t, "samples"));
    }
  }

  private void print(FeatureBatch logits, List<String> classes, int k, int[] row, PrintWriter print) {
    if (logits.cols() != classes.size()) {
      throw new PretextUserException("The model gives " + logits.cols() + " outputs but names " + classes.size()
          + " classes; export it again.");
    }
    for (int i = 0; i < logits.rows(); i++) {
      double[] p = Softmax.of(logits.row(i));
      StringBuilder line = new StringBuilder(Integer.toString(row[0]++));
      for (int c : Softmax.topK(p, k)) {
        line.append(String.format(Locale.ROOT, "\t%s\t%.4f", classes.get(c), p[c]));
      }
      print.println(line);
    }
  }

  private List<String> classes(ModelMetadata metadata) {
    String names = metadata.get(ModelMetadata.CLASSES).orElseThrow(() -> new PretextUserException("The model "
        + options.model + " is an encoder (its outputs are " + metadata.outputs() + "), not a classifier. Use"
        + " RUN_DIR/export/classifier.onnx, or 'pretext embed' for features."));
    return List.of(names.split("\n"));
  }
}

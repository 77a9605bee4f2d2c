package io.pretext.runner.cli;

import io.pretext.api.PretextUserException;
import io.pretext.api.spi.MaskedTokenPredictor;
import io.pretext.api.spi.MaskedTokenPredictor.Candidate;
import io.pretext.api.spi.MaskedTokenPredictor.MaskFill;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.TrainedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pretext fill-mask --model RUN_DIR "I [MASK] an instructor."}: the top-k tokens for every [MASK]. */
@Command(name = "fill-mask", mixinStandardHelpOptions = true,
    description = {"Put hidden words back with the model of a finished mlm run: the most probable tokens for every",
        "[MASK] of each sentence, with their probabilities."})
final class FillMaskCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "The directory of a finished mlm run.")
  private Path modelRun;

  @Option(names = {"-k", "--top-k"}, defaultValue = "5", description = "How many tokens to show per [MASK] (default 5).")
  private int topK;

  @Parameters(arity = "1..*", paramLabel = "SENTENCE", description = "Sentences with one or more [MASK].")
  private List<String> sentences;

  FillMaskCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    if (topK < 1) {
      throw new PretextUserException("--top-k must be at least 1, got " + topK);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (TrainedRun<MaskedTokenPredictor> trained = TrainedRun.predictingMaskedTokens(bootstrap.get(), modelRun,
        "fill-mask")) {
      List<MaskFill> predictions = trained.capability().fill(trained.model(), sentences, topK, trained.manager());
      String last = null;
      for (MaskFill p : predictions) {
        if (!p.sentence().equals(last)) {
          out.println(p.sentence());
          last = p.sentence();
        }
        StringBuilder line = new StringBuilder("  [MASK] #" + (p.maskIndex() + 1) + ":");
        for (Candidate c : p.candidates()) {
          line.append(String.format(Locale.ROOT, "  %s %.3f", c.token(), c.probability()));
        }
        out.println(line);
      }
      out.printf(Locale.ROOT, "model: %s (checkpoint at step %d), %d sentence(s), top %d%n", modelRun, trained.step(),
          sentences.size(), topK);
    }
  }
}

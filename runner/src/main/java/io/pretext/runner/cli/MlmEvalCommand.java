package io.pretext.runner.cli;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.spi.DataSource;
import io.pretext.api.spi.MaskedTokenPredictor;
import io.pretext.api.spi.MaskedTokenPredictor.MaskedTokenScores;
import io.pretext.api.spi.MaskedTokenPredictor.Score;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.TrainedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pretext mlm-eval --model RUN_DIR}: masked-token top-1/top-5 accuracy of a finished mlm run
 * on its held-out texts, beside unigram and bigram baselines on the same positions.
 */
@Command(name = "mlm-eval", mixinStandardHelpOptions = true,
    description = {"Masked-token accuracy of a finished mlm run on its held-out texts (every selected token masked),",
        "beside unigram and bigram baselines fitted on its training texts, on the same positions."})
final class MlmEvalCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "The directory of a finished mlm run.")
  private Path modelRun;

  @Option(names = "--mask-probability", defaultValue = "0.15", description = "Share of tokens masked (default 0.15).")
  private double maskProbability;

  @Option(names = "--seed", defaultValue = "1234", description = "Seed of the choice of positions (default 1234).")
  private long seed;

  MlmEvalCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    if (!(maskProbability > 0 && maskProbability <= 1)) {
      throw new PretextUserException("--mask-probability must be in (0, 1], got " + maskProbability);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (TrainedRun<MaskedTokenPredictor> run = TrainedRun.predictingMaskedTokens(bootstrap.get(), modelRun,
        "mlm-eval")) {
      DataSplits<?> splits = run.registry().create(PluginKind.DATA_SOURCE, DataSource.class, run.config().data()).load();
      Dataset<?> heldOut = splits.test().orElseThrow(() -> new PretextUserException("The run's data has no held-out"
          + " split; give its data source a test-fraction (sotu) or test-path (text-lines)."));
      MaskedTokenScores r = run.capability().evaluate(run.model(), splits.train(), heldOut, maskProbability, seed,
          run.manager());
      out.printf(Locale.ROOT, "held-out masked tokens: %d positions in %d texts (%.0f%% masked, seed %d), checkpoint at"
          + " step %d%n", r.positions(), r.texts(), 100 * maskProbability, seed, run.step());
      out.println("| predictor | top-1 | top-5 |");
      out.println("|---|---|---|");
      for (Score s : r.scores()) {
        out.printf(Locale.ROOT, "| %s | %.1f%% | %.1f%% |%n", s.method(), 100 * s.top1(), 100 * s.top5());
      }
    }
  }
}

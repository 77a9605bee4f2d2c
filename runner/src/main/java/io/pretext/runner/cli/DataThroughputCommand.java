package io.pretext.runner.cli;

import io.pretext.api.PretextUserException;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.runner.Bootstrap;
import io.pretext.runner.DataThroughput;
import io.pretext.runner.DataThroughput.Measurement;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pretext data throughput FILE}: images/s through a run's decode and augmentation, with no model. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
    description = "Pull batches through a run's data pipeline (data source, the pretext task's views, augmentation,"
        + " the pretraining batch prefetcher) with no model, and print images/s for each worker count: is the data"
        + " pipeline the bottleneck?")
final class DataThroughputCommand implements Runnable {
  private final Supplier<Bootstrap> bootstrap;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The run's YAML file, e.g. configs/simclr-image-folder.yaml.")
  private Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set data.path=DIR (repeatable).")
  private List<String> overrides = new ArrayList<>();

  @Option(names = "--workers", paramLabel = "N,N...", defaultValue = "1,2",
      description = "Worker counts to measure, comma-separated (default ${DEFAULT-VALUE}).")
  private String workers;

  @Option(names = "--batches", paramLabel = "N", defaultValue = "20",
      description = "Timed batches per worker count, after one warm-up batch per worker (default"
          + " ${DEFAULT-VALUE}).")
  private int batches;

  DataThroughputCommand(Supplier<Bootstrap> bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public void run() {
    List<Integer> counts = workerCounts(workers);
    if (batches < 1) {
      throw new PretextUserException("--batches must be at least 1, got " + batches + ".");
    }
    if (!Files.isRegularFile(file)) {
      throw new PretextUserException("The run file " + file + " does not exist or is not a file. Give a run's YAML"
          + " file, e.g. configs/simclr-image-folder.yaml.");
    }
    Bootstrap plugins = bootstrap.get();
    RunConfig config = new RunConfigLoader(plugins.registry()).load(file, overrides);
    print(new DataThroughput(plugins).measure(config, counts, batches), spec.commandLine().getOut());
  }

  /** Parses {@code --workers}: positive integers separated by commas. */
  static List<Integer> workerCounts(String text) {
    List<Integer> counts = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      int n;
      try {
        n = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1 || n > 256) {
        throw new PretextUserException("--workers " + text + ": '" + part.strip() + "' is not a worker count. Give"
            + " whole numbers from 1 to 256 separated by commas, e.g. --workers 1,2.");
      }
      counts.add(n);
    }
    return List.copyOf(counts);
  }

  private static void print(DataThroughput.Report r, PrintWriter out) {
    out.printf(Locale.ROOT, "data: %s, %d images, batches of %d images, %s: %d view(s) per image; augment: %s%n",
        r.data(), r.samples(), r.batchSize(), r.task(), r.views(), String.join(", ", r.steps()));
    for (Measurement m : r.measurements()) {
      out.printf(Locale.ROOT, "workers %d: %.1f images/s (%.1f views/s), median batch %.1f ms, %d batches of"
          + " %d images in %.3f s%n", m.workers(), m.imagesPerSecond(), m.imagesPerSecond() * r.views(),
          m.medianBatchMillis(), m.batches(), m.images(), m.seconds());
    }
    Measurement first = r.measurements().get(0);
    Measurement best = r.measurements().stream().max(Comparator.comparingDouble(Measurement::imagesPerSecond))
        .orElseThrow();
    out.printf(Locale.ROOT, "summary: at most %.1f images/s through decode + augmentation (%d worker(s), %.2fx %d"
        + " worker(s)); it keeps up with training steps of %.1f ms or more per batch of %d, if the workers have"
        + " cores of their own%n",
        best.imagesPerSecond(), best.workers(), best.imagesPerSecond() / first.imagesPerSecond(), first.workers(),
        1000.0 * r.batchSize() / best.imagesPerSecond(), r.batchSize());
  }
}

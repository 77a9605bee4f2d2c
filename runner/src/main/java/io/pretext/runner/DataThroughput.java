package io.pretext.runner;

import io.pretext.api.PretextUserException;
import io.pretext.api.data.Dataset;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunPlugins;
import io.pretext.core.train.BatchPrefetcher;
import io.pretext.core.train.TrainSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast a run's data pipeline alone makes training batches ({@code pretext data throughput}):
 * the run's data source, its pretext task's batch preparation (its views) and augmentation with
 * the data's fit step, through the pretraining {@link BatchPrefetcher}, with no model. With each
 * worker count, the given number of batches is timed after as many warm-up batches as workers (the
 * batches the other workers finish while the first is awaited would otherwise count for nothing).
 */
public final class DataThroughput {
  private static final Logger LOG = LoggerFactory.getLogger(DataThroughput.class);
  private final Bootstrap bootstrap;

  /** @param bootstrap the discovered plugins */
  public DataThroughput(Bootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * One worker count's figures.
   *
   * @param images source images in the timed batches (each gives {@code views} rows)
   * @param seconds wall time of the timed batches
   * @param medianBatchMillis median time between two batches reaching the consumer
   */
  public record Measurement(int workers, int batches, long images, double seconds, double medianBatchMillis) {
    /** Source images decoded and augmented per second. */
    public double imagesPerSecond() {
      return images / seconds;
    }
  }

  /**
   * What was measured.
   *
   * @param samples the size of the unlabeled training set
   * @param views rows of the task's first input per source image (2 for the two-view methods)
   * @param steps the augmentation steps applied to each view, the data's fit step last
   */
  public record Report(String data, String task, long samples, int batchSize, int views, List<String> steps,
      List<Measurement> measurements) {}

  /**
   * Measures each worker count in turn.
   *
   * @param workers at least one count, each at least 1
   * @param batches timed batches per count, at least 1
   * @throws PretextUserException when the data makes no full batch
   */
  public Report measure(RunConfig config, List<Integer> workers, int batches) {
    if (workers.isEmpty() || workers.stream().anyMatch(w -> w < 1) || batches < 1) {
      throw new IllegalArgumentException("need worker counts >= 1 and batches >= 1");
    }
    RunPlugins plugins = RunPlugins.create(config, bootstrap.registry(config.runtime(), MetricsSink.NONE));
    TrainSettings train = config.trainSettings();
    SeedSource seeds = new SeedSource(config.runtime().seed());
    Dataset<?> unlabeled = plugins.data().load().train().unlabeled();
    LOG.info("data: {} training samples", unlabeled.size());
    Path scratch = scratchFolder();
    try {
      PretextTask task = plugins.task().prepare(unlabeled, scratch);
      AugmentPipeline augment = plugins.augment();
      List<Measurement> out = new ArrayList<>();
      int views = 0;
      for (int w : workers) {
        Timed timed = timed(BatchPrefetcher.forTraining(unlabeled, task, augment, seeds, train, w), train, unlabeled,
            w, batches);
        views = timed.views;
        out.add(new Measurement(w, batches, timed.images, timed.nanos / 1e9, median(timed.intervals) / 1e6));
        LOG.info("workers {}: {} images in {} s", w, timed.images, timed.nanos / 1e9);
      }
      return new Report(config.data().getString("name"), config.pretext().map(p -> p.getString("name")).orElse("?"),
          unlabeled.size(), train.batchSize(), views, augment.steps().stream().map(AugmentPipeline.Step::name).toList(),
          List.copyOf(out));
    } finally {
      delete(scratch);
    }
  }

  private record Timed(long images, long nanos, long[] intervals, int views) {}

  /** {@code warmUp} batches, then {@code batches} timed ones, crossing epochs when an epoch runs out. */
  private static Timed timed(BatchPrefetcher prefetcher, TrainSettings train, Dataset<?> data, int warmUp,
      int batches) {
    try (prefetcher) {
      if (prefetcher.batchesPerEpoch() == 0) {
        throw new PretextUserException("The data set has " + data.size() + " samples, fewer than one batch"
            + " (train.batch-size " + train.batchSize() + ") with train.drop-last true. Lower the batch size, e.g."
            + " --set train.batch-size=" + Math.max(1, data.size()) + ", or use more images.");
      }
      long[] intervals = new long[batches];
      long images = 0;
      int views = 0;
      long start = 0;
      int taken = -warmUp; // below 0: warm-up batches
      for (int epoch = 0; taken < batches; epoch++) {
        try (BatchPrefetcher.Epoch it = prefetcher.epoch(epoch)) {
          while (it.hasNext() && taken < batches) {
            BatchPrefetcher.PreparedBatch b = it.next();
            if (taken < 0) {
              views = views(b.batch());
              start = System.nanoTime();
            } else {
              intervals[taken] = b.waitNanos();
              images += b.batch().samples();
            }
            taken++;
          }
        }
      }
      return new Timed(images, System.nanoTime() - start, intervals, views);
    }
  }

  private static int views(TrainingBatch batch) {
    if (batch.inputs().isEmpty() || batch.samples() == 0) {
      return 0;
    }
    return (int) (batch.inputs().get(0).shape().get(0) / batch.samples());
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** Where a task that saves something while preparing (a tokenizer) may write; deleted afterwards. */
  private static Path scratchFolder() {
    try {
      return Files.createTempDirectory("pretext-throughput-");
    } catch (IOException e) {
      throw new PretextUserException("Cannot create a temporary folder for the measurement: " + e.getMessage()
          + ". Check java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ").", e);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete {}: {}", folder, e.getMessage());
    }
  }
}

package io.pretext.testkit;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.Dataset;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.train.PretrainLoop;
import io.pretext.core.train.ProgressReporter;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.TrainResult;
import io.pretext.core.train.TrainSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A few real pretraining steps of a task, on the framework's own training loop (seeded shuffling,
 * prefetched batches on worker threads, the NaN guard, checkpoints), in a run directory of its
 * own. Immutable: each setter returns a changed copy.
 *
 * <pre>{@code
 * try (PretrainingRun.Result run = PretrainingRun.of(new MyTask())
 *     .encoder(TinyEncoders.mlp(32, 16)).data(TinyData.images(64, 1, 12, 12, 3)).steps(5).run()) {
 *   assertTrue(run.losses().stream().allMatch(Double::isFinite));
 *   assertNotEquals(run.losses().get(0), run.losses().get(4));
 * }
 * }</pre>
 */
public final class PretrainingRun {
  private final PretextTask task;
  private final Encoder encoder;
  private final Dataset<?> data;
  private final AugmentPipeline augment;
  private final Optional<Head> head;
  private final Map<String, Object> train;
  private final long seed;
  private final Path runDirectory;

  private PretrainingRun(PretextTask task, Encoder encoder, Dataset<?> data, AugmentPipeline augment,
      Optional<Head> head, Map<String, Object> train, long seed, Path runDirectory) {
    this.task = task;
    this.encoder = encoder;
    this.data = data;
    this.augment = augment;
    this.head = head;
    this.train = Collections.unmodifiableMap(new LinkedHashMap<>(train));
    this.seed = seed;
    this.runDirectory = runDirectory;
  }

  /**
   * A run of the task: by default 5 steps of batch 8 at learning rate 1e-3, seed 0, no
   * augmentation, the task's own head, in a temporary run directory; an encoder and data are
   * required.
   */
  public static PretrainingRun of(PretextTask task) {
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("max-steps", 5);
    train.put("batch-size", 8);
    train.put("learning-rate", 1e-3);
    train.put("checkpoint-every", 0);
    train.put("workers", 2);
    train.put("prefetch", 2);
    train.put("log-every", 1000);
    return new PretrainingRun(Objects.requireNonNull(task, "task"), null, null, AugmentPipeline.identity(),
        Optional.empty(), train, 0, null);
  }

  public PretrainingRun encoder(Encoder encoder) {
    return new PretrainingRun(task, Objects.requireNonNull(encoder, "encoder"), data, augment, head, train, seed, runDirectory);
  }

  /** The pretraining data (its labels, if any, are not used). */
  public PretrainingRun data(Dataset<?> data) {
    return new PretrainingRun(task, encoder, Objects.requireNonNull(data, "data"), augment, head, train, seed, runDirectory);
  }

  /** The augmentation pipeline handed to {@link PretextTask#prepareBatch}. */
  public PretrainingRun augment(AugmentPipeline augment) {
    return new PretrainingRun(task, encoder, data, Objects.requireNonNull(augment, "augment"), head, train, seed, runDirectory);
  }

  /** The run's head plugin, as a run file's {@code head} section gives it. */
  public PretrainingRun head(Head head) {
    return new PretrainingRun(task, encoder, data, augment, Optional.of(head), train, seed, runDirectory);
  }

  /** Optimizer steps to take. */
  public PretrainingRun steps(int steps) {
    return train("max-steps", steps);
  }

  public PretrainingRun batchSize(int batchSize) {
    return train("batch-size", batchSize);
  }

  public PretrainingRun learningRate(double learningRate) {
    return train("learning-rate", learningRate);
  }

  /** Any key of a run file's {@code train} section, e.g. {@code train("gradient-clip", 1.0)}. */
  public PretrainingRun train(String key, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(train);
    changed.put(key, value);
    return new PretrainingRun(task, encoder, data, augment, head, changed, seed, runDirectory);
  }

  /** The run's seed: shuffling, batches and parameter initialization. */
  public PretrainingRun seed(long seed) {
    return new PretrainingRun(task, encoder, data, augment, head, train, seed, runDirectory);
  }

  /** Where the run writes (checkpoints, encoder); by default a temporary folder removed by {@link Result#close()}. */
  public PretrainingRun runDirectory(Path runDirectory) {
    return new PretrainingRun(task, encoder, data, augment, head, train, seed, Objects.requireNonNull(runDirectory));
  }

  /**
   * Trains. Enough epochs are run for the steps asked for, unless the {@code train} keys name the
   * epochs.
   *
   * @return the losses and the trained encoder; close it when done
   * @throws io.pretext.core.train.NonFiniteLossException when the loss or a parameter becomes NaN or infinite
   */
  public Result run() {
    if (encoder == null || data == null) {
      throw new IllegalStateException("PretrainingRun needs .encoder(...) and .data(...) before run()");
    }
    Path root = runDirectory != null ? runDirectory : temporaryDirectory();
    TrainSettings settings = TrainSettings.from(ConfigNode.of("train", withEpochs()));
    StepLines lines = new StepLines();
    PretrainLoop loop = new PretrainLoop(settings, new SeedSource(seed), KitEngine.cpu(seed), RunDirectory.create(root),
        lines, ProgressReporter.NONE);
    TrainResult result = loop.run(task, encoder, head, data, augment);
    return new Result(result, lines.lines, root, runDirectory == null);
  }

  private Map<String, Object> withEpochs() {
    Map<String, Object> out = new LinkedHashMap<>(train);
    if (!out.containsKey("epochs")) {
      long steps = ((Number) out.get("max-steps")).longValue();
      long perEpoch = Math.max(1, data.size() / ((Number) out.get("batch-size")).longValue());
      out.put("epochs", Math.max(1, (steps + perEpoch - 1) / perEpoch));
    }
    return out;
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("pretext-testkit-run-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary run directory: " + e.getMessage(), e);
    }
  }

  /** Keeps the per-step lines of the loop's {@code train} stream. */
  private static final class StepLines implements MetricsSink {
    final List<Map<String, Object>> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(String stream, Map<String, ?> values) {
      if (PretrainLoop.STREAM.equals(stream)) {
        lines.add(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
      }
    }
  }

  /** What the steps produced. Holds the trained model open until {@link #close()}. */
  public static final class Result implements AutoCloseable {
    private final TrainResult train;
    private final List<Map<String, Object>> lines;
    private final Path runDirectory;
    private final boolean temporary;

    private Result(TrainResult train, List<Map<String, Object>> lines, Path runDirectory, boolean temporary) {
      this.train = train;
      this.lines = List.copyOf(lines);
      this.runDirectory = runDirectory;
      this.temporary = temporary;
    }

    /** The loss of each step, in order. */
    public List<Double> losses() {
      return metric("loss");
    }

    /**
     * One value per step of a metrics key: {@code loss}, or a training metric by its name in lower
     * case (e.g. {@code accuracy}).
     *
     * @throws IllegalArgumentException naming the keys there are when a step has no such key
     */
    public List<Double> metric(String key) {
      List<Double> out = new ArrayList<>(lines.size());
      for (Map<String, Object> line : lines) {
        Object value = line.get(key);
        if (!(value instanceof Number n)) {
          throw new IllegalArgumentException("step " + line.get("step") + " has no metric '" + key + "'; it has "
              + line.keySet());
        }
        out.add(n.doubleValue());
      }
      return out;
    }

    /** Each step's metrics line ({@code step, epoch, loss, ...}), as the run writes it to metrics.jsonl. */
    public List<Map<String, Object>> stepLines() {
      return lines;
    }

    public long steps() {
      return train.steps();
    }

    /** The trained encoder block; usable until {@link #close()}. */
    public Block encoder() {
      return train.encoder();
    }

    /** The encoder's input shape without the batch axis. */
    public Shape inputShape() {
      return train.inputShape();
    }

    public long featureSize() {
      return train.featureSize();
    }

    /** The run directory; a temporary one is removed by {@link #close()}. */
    public Path runDirectory() {
      return runDirectory;
    }

    /** The saved encoder parameters, as {@code pretext transfer} and {@code pretext export} read them. */
    public Path encoderParameters() {
      return train.encoderParameters();
    }

    /** Frees the model's native memory and removes a temporary run directory. */
    @Override
    public void close() {
      train.close();
      if (temporary) {
        try (Stream<Path> files = Files.walk(runDirectory)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot remove the temporary run directory " + runDirectory + ": "
              + e.getMessage(), e);
        }
      }
    }
  }
}

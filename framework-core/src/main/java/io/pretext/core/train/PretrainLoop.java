package io.pretext.core.train;

import io.pretext.api.io.AtomicFiles;
import io.pretext.core.integrity.RunManifest;
import io.pretext.api.train.TrainingStep;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Dataset;
import io.pretext.api.runtime.ComputeEngine;
import io.pretext.api.runtime.MetricNames;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.ModelContext;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.StepContext;
import io.pretext.api.spi.TaskState;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.api.spi.TrainingHook;
import io.pretext.core.train.BatchPrefetcher.PreparedBatch;
import io.pretext.core.train.CheckpointStore.Checkpoint;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrains an encoder on a pretext task with DJL: seeded shuffling and prefetched batches, one
 * NDManager scope per step, a metrics line per step, checkpoints every N steps and at the end, a
 * guard against a NaN or infinite loss, and the encoder's parameters saved to the run directory.
 * The task's {@link TrainingHook}s run around each {@link TrainingStep}; its {@link TaskState} is
 * checkpointed with the parameters.
 *
 * <p>Metrics go to stream {@value #STREAM} with keys {@code step, epoch, loss, samples_per_s,
 * wait_ms, step_ms} and one key per training metric (its name as {@link MetricNames#key}); a final
 * {@value #SUMMARY_STREAM} line has the run's totals.
 */
public final class PretrainLoop {
  /** The metrics stream of per-step lines. */
  public static final String STREAM = "train";
  /** The metrics stream of the one summary line. */
  public static final String SUMMARY_STREAM = "train-summary";

  private static final String ACCUMULATOR = "step";
  private static final Logger LOG = LoggerFactory.getLogger(PretrainLoop.class);
  private final TrainSettings settings;
  private final SeedSource seeds;
  private final ComputeEngine engine;
  private final RunDirectory runDir;
  private final MetricsSink metrics;
  private final ProgressReporter progress;

  /**
   * @param settings the run's {@code train} section
   * @param seeds the run's seed source (shuffling, batches, parameter initialization)
   * @param engine the run's engine and device (started here if it was not yet)
   * @param runDir where checkpoints and the encoder go
   * @param metrics where per-step metrics go (not closed here)
   * @param progress what shows progress, e.g. {@link ProgressReporter#console()} or {@link ProgressReporter#NONE}
   */
  public PretrainLoop(TrainSettings settings, SeedSource seeds, ComputeEngine engine, RunDirectory runDir,
      MetricsSink metrics, ProgressReporter progress) {
    this.settings = settings;
    this.seeds = seeds;
    this.engine = engine;
    this.runDir = runDir;
    this.metrics = metrics;
    this.progress = progress;
  }

  /**
   * Builds the task's model around a fresh encoder and trains it.
   *
   * @return the result, holding the trained model open; close it when done with the encoder
   * @throws NonFiniteLossException when the loss or a parameter becomes NaN or infinite
   */
  public TrainResult run(PretextTask task, Encoder encoder, Dataset<?> data, AugmentPipeline augment) {
    return run(task, encoder, Optional.empty(), data, augment);
  }

  /**
   * Builds the task's model around a fresh encoder, with the run's head when it names one, and
   * trains it.
   *
   * @return the result, holding the trained model open; close it when done with the encoder
   * @throws NonFiniteLossException when the loss or a parameter becomes NaN or infinite
   */
  public TrainResult run(PretextTask task, Encoder encoder, Optional<Head> head,
      Dataset<?> data, AugmentPipeline augment) {
    return run(task, encoder, head, data, augment, Optional.empty());
  }

  /**
   * As {@link #run(PretextTask, Encoder, Optional, Dataset, AugmentPipeline)}, starting
   * from an earlier run's weights when {@code warmStart} is given (continued pretraining).
   */
  public TrainResult run(PretextTask task, Encoder encoder, Optional<Head> head,
      Dataset<?> data, AugmentPipeline augment, Optional<WarmStart> warmStart) {
    Engine djl = engine.start();
    Device device = engine.device();
    if (data.size() == 0) {
      throw new PretextUserException("The pretraining data set is empty. Check the data source's split and path.");
    }
    djl.setRandomSeed((int) seeds.derive("engine-init"));
    // The augmenters may resize (crop, resize): the encoder sees what the pipeline makes of a sample.
    Shape inputShape = task.encoderInputShape(SampleShapes.of(augment.apply(data.get(0), seeds.generator("shape-probe"))));
    Block encoderBlock = encoder.build(inputShape);
    long featureSize = encoder.featureSize(inputShape);
    Model model = Model.newInstance("pretext", device, djl.getEngineName());
    boolean done = false;
    try {
      model.setBlock(task.buildModel(new ModelContext(encoderBlock, featureSize, head, encoder, inputShape,
          model.getNDManager())));
      if (warmStart.isPresent()) {
        warmStart.get().loadInto(model.getBlock(), encoderBlock, model.getNDManager());
        LOG.info("continuing from {}", warmStart.get().describe());
      }
      TrainResult result = train(model, task, data, augment, encoderBlock, inputShape, featureSize, device);
      done = true;
      return result;
    } finally {
      if (!done) {
        model.close();
      }
    }
  }

  private TrainResult train(Model model, PretextTask task, Dataset<?> data, AugmentPipeline augment,
      Block encoderBlock, Shape inputShape, long featureSize, Device device) {
    List<Evaluator> evaluators = List.copyOf(task.trainingMetrics());
    List<TrainingHook> hooks = List.copyOf(task.hooks(model.getBlock()));
    Map<String, TaskState> state = Map.copyOf(task.taskState(model.getBlock()));
    CheckpointStore store = new CheckpointStore(runDir.checkpoints(), settings.keepCheckpoints());
    try (BatchPrefetcher prefetcher = new BatchPrefetcher(data, task, augment, seeds, settings.batchSize(),
        settings.dropLast(), settings.workers(), settings.prefetch(), settings.groupByLength())) {
      int perEpoch = prefetcher.batchesPerEpoch();
      if (perEpoch == 0) {
        throw new PretextUserException("The data set has " + data.size() + " samples, fewer than one batch (train.batch-size "
            + settings.batchSize() + ") with train.drop-last true. Lower the batch size or set drop-last: false.");
      }
      long total = (long) perEpoch * settings.epochs();
      if (settings.maxSteps() > 0) {
        total = Math.min(total, settings.maxSteps());
      }
      DefaultTrainingConfig config = new DefaultTrainingConfig(task.loss())
          .optOptimizer(optimizer(total))
          .optDevices(new Device[] {device});
      try (Trainer trainer = model.newTrainer(config)) {
        return new Run(trainer, evaluators, hooks, state, store, total, perEpoch)
            .loop(prefetcher, model, encoderBlock, inputShape, featureSize);
      }
    }
  }

  private Optimizer optimizer(long totalSteps) {
    Tracker lr = settings.learningRateSchedule(totalSteps);
    return settings.optimizerSpec().build(lr);
  }

  /** The mutable state of one training run. */
  private final class Run {
    private final Trainer trainer;
    private final List<Evaluator> evaluators;
    private final List<String> metricKeys;
    private final List<TrainingHook> hooks;
    private final Map<String, TaskState> state;
    private final CheckpointStore store;
    private final long total;
    private final long perEpoch;
    private final TrainingStep trainingStep = new TrainingStep(settings.gradientClip());
    private long step;
    private int epoch;
    private double lastLoss = Double.NaN;
    private Checkpoint lastCheckpoint;
    private long[] stepNanos = new long[64];
    private long waitNanos;

    Run(Trainer trainer, List<Evaluator> evaluators, List<TrainingHook> hooks, Map<String, TaskState> state,
        CheckpointStore store, long total, long perEpoch) {
      this.trainer = trainer;
      this.evaluators = evaluators;
      this.metricKeys = MetricNames.keys(evaluators.stream().map(Evaluator::getName).toList());
      this.hooks = hooks;
      this.state = state;
      this.store = store;
      this.total = total;
      this.perEpoch = perEpoch;
    }

    TrainResult loop(BatchPrefetcher prefetcher, Model model, Block encoderBlock, Shape inputShape, long featureSize) {
      long start = System.nanoTime();
      progress.start(total);
      try {
        for (epoch = 1; epoch <= settings.epochs() && step < total; epoch++) {
          long first = step;
          try (BatchPrefetcher.Epoch batches = prefetcher.epoch(epoch)) {
            while (batches.hasNext() && step < total) {
              trainOn(batches.next());
            }
          }
          if (step > first && !hooks.isEmpty()) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
              hooks.forEach(h -> h.afterEpoch(context(scope, new NDList())));
            }
          }
        }
        epoch--; // the for loop stepped one past the last epoch it trained
        if (lastCheckpoint == null || lastCheckpoint.step() != step) {
          checkpoint(model.getBlock());
        }
      } finally {
        progress.close();
      }
      long wall = Math.max(1, System.nanoTime() - start);
      Path encoderFile = saveEncoder(encoderBlock, inputShape, featureSize);
      long[] times = Arrays.copyOf(stepNanos, (int) step);
      double mean = Arrays.stream(times).average().orElse(0) / 1e6;
      double median = median(times) / 1e6;
      double waitFraction = (double) waitNanos / wall;
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("steps", step);
      summary.put("epochs", epoch);
      summary.put("final_loss", lastLoss);
      summary.put("mean_step_ms", mean);
      summary.put("median_step_ms", median);
      summary.put("data_wait_fraction", waitFraction);
      summary.put("wall_s", wall / 1e9);
      metrics.record(SUMMARY_STREAM, summary);
      LOG.info(String.format(Locale.ROOT, "pretraining done: %d steps, final loss %.4f, median step %.1f ms, "
          + "%.0f%% of the time waiting for data", step, lastLoss, median, 100 * waitFraction));
      return new TrainResult(step, epoch, lastLoss, mean, median, waitFraction, encoderBlock, inputShape,
          featureSize, encoderFile, lastCheckpoint.parameters(), model);
    }

    private void trainOn(PreparedBatch prepared) {
      TrainingBatch batch = prepared.batch();
      if (step == 0) {
        trainer.initialize(batch.inputs().stream().map(HostTensor::shape).toArray(Shape[]::new));
        for (Evaluator e : evaluators) {
          e.addAccumulator(ACCUMULATOR);
        }
        if (!hooks.isEmpty()) {
          try (NDManager scope = trainer.getManager().newSubManager()) {
            hooks.forEach(h -> h.beforeTraining(context(scope, new NDList())));
          }
        }
      }
      step++;
      waitNanos += prepared.waitNanos();
      long t0 = System.nanoTime();
      Map<String, Object> values = new LinkedHashMap<>();
      double loss;
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDList inputs = batch.inputs(scope);
        NDList labels = batch.labels(scope);
        if (!hooks.isEmpty()) {
          StepContext before = context(scope, new NDList());
          hooks.forEach(h -> h.beforeStep(before));
        }
        TrainingStep.Result result = trainingStep.run(trainer, inputs, labels, l -> diverged("the loss became " + l));
        loss = result.loss();
        NDList predictions = result.predictions();
        if (!hooks.isEmpty()) {
          StepContext after = context(scope, predictions);
          hooks.forEach(h -> h.afterStep(after));
        }
        // Metrics outside the gradient collector: they are not part of the graph.
        for (int i = 0; i < evaluators.size(); i++) {
          Evaluator e = evaluators.get(i);
          e.resetAccumulator(ACCUMULATOR);
          e.updateAccumulator(ACCUMULATOR, labels, predictions);
          values.put(metricKeys.get(i), (double) e.getAccumulator(ACCUMULATOR));
        }
      }
      long elapsed = System.nanoTime() - t0;
      recordTime(elapsed);
      lastLoss = loss;
      double seconds = (elapsed + prepared.waitNanos()) / 1e9;
      double samplesPerSecond = batch.samples() / Math.max(seconds, 1e-9);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("step", step);
      line.put("epoch", epoch);
      line.put("loss", loss);
      line.put("samples_per_s", samplesPerSecond);
      line.put("wait_ms", prepared.waitNanos() / 1e6);
      line.put("step_ms", elapsed / 1e6);
      line.putAll(values);
      metrics.record(STREAM, line);
      progress.update(step, epoch, loss, samplesPerSecond);
      if (step % settings.logEvery() == 0) {
        LOG.info(String.format(Locale.ROOT, "step %d/%d epoch %d loss %.4f %.0f samples/s %s", step, total, epoch,
            loss, samplesPerSecond, values));
      }
      if (settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0) {
        checkpoint(trainer.getModel().getBlock());
      }
    }

    private void checkpoint(Block block) {
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (!p.getValue().isInitialized()) {
          continue;
        }
        try (NDArray sum = p.getValue().getArray().sum()) {
          if (!Float.isFinite(sum.getFloat())) {
            throw diverged("parameter '" + p.getKey() + "' became non-finite after the update");
          }
        }
      }
      lastCheckpoint = store.save(block, state, step, epoch, lastLoss);
    }

    private StepContext context(NDManager scope, NDList predictions) {
      return new StepContext(step, total, epoch, perEpoch, trainer.getModel().getBlock(), scope, predictions);
    }

    private NonFiniteLossException diverged(String what) {
      return new NonFiniteLossException(what, step, epoch, lastLoss,
          lastCheckpoint == null ? null : lastCheckpoint.parameters(), settings.learningRate());
    }

    private void recordTime(long nanos) {
      if (step > stepNanos.length) {
        stepNanos = Arrays.copyOf(stepNanos, stepNanos.length * 2);
      }
      stepNanos[(int) step - 1] = nanos;
    }
  }

  private Path saveEncoder(Block encoderBlock, Shape inputShape, long featureSize) {
    Path file = runDir.encoderParameters();
    try {
      AtomicFiles.write(file, out -> {
        DataOutputStream data = new DataOutputStream(out);
        encoderBlock.saveParameters(data);
        data.flush();
      });
      JsonObject meta = new JsonObject();
      meta.addProperty("parameters", file.getFileName().toString());
      meta.add("input_shape", new GsonBuilder().create().toJsonTree(inputShape.getShape()));
      meta.addProperty("feature_size", featureSize);
      byte[] json = new GsonBuilder().setPrettyPrinting().create().toJson(meta).getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(runDir.encoder().resolve("encoder.json"), out -> out.write(json));
      RunManifest.of(runDir.root()).record(file);
    } catch (IOException e) {
      throw RunDirectory.ioFailure("save the encoder to", file, e);
    }
    return file;
  }

  private static double median(long[] values) {
    if (values.length == 0) {
      return 0;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}

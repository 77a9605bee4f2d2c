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
import io.pretext.api.data.SkipsBadImages;
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
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
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
 * {@value #SUMMARY_STREAM} line has the run's totals. With {@code train.max-minutes} the loop stops
 * after the first step that ends past the budget (the summary says {@code budget_stopped} and the
 * {@code epochs_completed}, a fraction); for a data set that skips bad images ({@link SkipsBadImages})
 * the summary has {@code skipped_images}; an {@link OnlineMonitor} measures at epoch ends.
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
  private final Optional<OnlineMonitor> monitor;
  private final StopRequest stop;

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
    this(settings, seeds, engine, runDir, metrics, progress, new StopRequest());
  }

  /**
   * As the other constructor, stopping at the next step boundary (after a checkpoint, with {@link
   * TrainingStopped}) once {@code stop} is requested.
   */
  public PretrainLoop(TrainSettings settings, SeedSource seeds, ComputeEngine engine, RunDirectory runDir,
      MetricsSink metrics, ProgressReporter progress, StopRequest stop) {
    this.stop = stop;
    this.settings = settings;
    this.seeds = seeds;
    this.engine = engine;
    this.runDir = runDir;
    this.metrics = metrics;
    this.progress = progress;
    this.monitor = Optional.empty();
  }

  private PretrainLoop(PretrainLoop base, OnlineMonitor monitor) {
    this.settings = base.settings;
    this.seeds = base.seeds;
    this.engine = base.engine;
    this.runDir = base.runDir;
    this.metrics = base.metrics;
    this.progress = base.progress;
    this.stop = base.stop;
    this.monitor = Optional.of(monitor);
  }

  /** The same loop with an online monitor measuring the encoder at epoch ends; training is unchanged. */
  public PretrainLoop withMonitor(OnlineMonitor monitor) {
    return new PretrainLoop(this, monitor);
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
    return run(task, encoder, head, data, augment, warmStart, Optional.empty());
  }

  /**
   * Continues a run from one of its own checkpoints, as if it had never stopped: the parameters
   * (trained or not), the task state, the optimizer state (which also holds the schedule's position)
   * and the position in the data order are those of the checkpoint's step; the batches are those an
   * uninterrupted run would see, as each is drawn from its own seeded stream {@code ("batch", epoch,
   * index)}. Metrics continue at the next step; cutting earlier lines back is the caller's job.
   *
   * @param from a checkpoint of this run directory that holds optimizer state
   */
  public TrainResult resume(PretextTask task, Encoder encoder, Optional<Head> head, Dataset<?> data,
      AugmentPipeline augment, Checkpoint from) {
    if (from.optimizer().isEmpty()) {
      throw new PretextUserException("Checkpoint " + from.sidecar() + " holds no optimizer state (it was written"
          + " before resume existed), so the run cannot continue exactly. Start a new run with train.init-from instead.");
    }
    return run(task, encoder, head, data, augment, Optional.empty(), Optional.of(from));
  }

  private TrainResult run(PretextTask task, Encoder encoder, Optional<Head> head,
      Dataset<?> data, AugmentPipeline augment, Optional<WarmStart> warmStart, Optional<Checkpoint> resume) {
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
      TrainResult result = train(model, task, data, augment, encoderBlock, inputShape, featureSize, device, warmStart,
          resume);
      done = true;
      return result;
    } finally {
      if (!done) {
        model.close();
      }
    }
  }

  private TrainResult train(Model model, PretextTask task, Dataset<?> data, AugmentPipeline augment,
      Block encoderBlock, Shape inputShape, long featureSize, Device device, Optional<WarmStart> warmStart,
      Optional<Checkpoint> resume) {
    List<Evaluator> evaluators = List.copyOf(task.trainingMetrics());
    List<TrainingHook> hooks = List.copyOf(task.hooks(model.getBlock()));
    Map<String, TaskState> state = Map.copyOf(task.taskState(model.getBlock()));
    warmStart.ifPresent(w -> w.loadState(state, model.getNDManager()));
    boolean restored = warmStart.map(WarmStart::wholeModel).orElse(false);
    CheckpointStore store = new CheckpointStore(runDir.checkpoints(), settings.keepCheckpoints());
    try (BatchPrefetcher prefetcher = BatchPrefetcher.forTraining(data, task, augment, seeds, settings,
        settings.workers())) {
      int perEpoch = prefetcher.batchesPerEpoch();
      if (perEpoch == 0) {
        throw new PretextUserException("The data set has " + data.size() + " samples, fewer than one batch (train.batch-size "
            + settings.batchSize() + ") with train.drop-last true. Lower the batch size or set drop-last: false.");
      }
      long total = (long) perEpoch * settings.epochs();
      if (settings.maxSteps() > 0) {
        total = Math.min(total, settings.maxSteps());
      }
      Optimizer optimizer = optimizer(total);
      DefaultTrainingConfig config = new DefaultTrainingConfig(task.loss())
          .optOptimizer(optimizer)
          .optDevices(new Device[] {device});
      try (Trainer trainer = model.newTrainer(config)) {
        return new Run(trainer, optimizer, evaluators, hooks, state, store, total, perEpoch, restored, resume)
            .loop(prefetcher, data, model, encoderBlock, inputShape, featureSize);
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
    private final Optimizer optimizer;
    private final Optional<Checkpoint> resume;
    private final long firstStep;
    private boolean initialized;
    private final List<Evaluator> evaluators;
    private final List<String> metricKeys;
    private final List<TrainingHook> hooks;
    private final Map<String, TaskState> state;
    private final CheckpointStore store;
    private final long total;
    private final long perEpoch;
    private final boolean restored;
    private final TrainingStep trainingStep = new TrainingStep(settings.gradientClip());
    private long step;
    private int epoch;
    private double lastLoss = Double.NaN;
    private Checkpoint lastCheckpoint;
    private long[] stepNanos = new long[64];
    private long waitNanos;
    private long monitorNanos;
    private long startNanos;
    private boolean budgetStopped;

    Run(Trainer trainer, Optimizer optimizer, List<Evaluator> evaluators, List<TrainingHook> hooks,
        Map<String, TaskState> state, CheckpointStore store, long total, long perEpoch, boolean restored,
        Optional<Checkpoint> resume) {
      this.trainer = trainer;
      this.optimizer = optimizer;
      this.resume = resume;
      this.firstStep = resume.map(Checkpoint::step).orElse(0L);
      this.step = firstStep;
      if (firstStep > total) {
        throw new PretextUserException("Checkpoint " + resume.get().sidecar() + " is at step " + firstStep
            + ", past this run's " + total + " steps; was train.epochs or train.max-steps lowered? Restore them.");
      }
      this.evaluators = evaluators;
      this.metricKeys = MetricNames.keys(evaluators.stream().map(Evaluator::getName).toList());
      this.hooks = hooks;
      this.state = state;
      this.store = store;
      this.total = total;
      this.perEpoch = perEpoch;
      this.restored = restored;
    }

    TrainResult loop(BatchPrefetcher prefetcher, Dataset<?> data, Model model, Block encoderBlock, Shape inputShape,
        long featureSize) {
      long start = System.nanoTime();
      startNanos = start;
      progress.start(total);
      try {
        resume.ifPresent(c -> {
          lastCheckpoint = c;
          lastLoss = c.loss();
        });
        int from = (int) (step % perEpoch);
        for (epoch = (int) (step / perEpoch) + 1; epoch <= settings.epochs() && step < total && !budgetStopped;
            epoch++) {
          long first = step;
          try (BatchPrefetcher.Epoch batches = prefetcher.epoch(epoch, from)) {
            while (batches.hasNext() && step < total && !budgetStopped) {
              trainOn(batches.next());
              budgetStopped = overBudget();
              if (batches.hasNext() && step < total && !budgetStopped) {
                checkpointWhenDue(model.getBlock());
                stopWhenAsked(model.getBlock());
              }
            }
          }
          from = 0;
          if (step > first && !hooks.isEmpty()) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
              hooks.forEach(h -> h.afterEpoch(context(scope, new NDList())));
            }
          }
          boolean last = epoch == settings.epochs() || step >= total || budgetStopped;
          if (step > first && monitor.isPresent() && monitor.get().due(epoch, last)) {
            long t0 = System.nanoTime();
            monitor.get().measure(encoderBlock, trainer.getManager(), step, epoch);
            monitorNanos += System.nanoTime() - t0;
          }
          // After the epoch's hooks, so that a checkpoint at an epoch's end holds what they changed.
          checkpointWhenDue(model.getBlock());
          if (step < total && !budgetStopped) {
            stopWhenAsked(model.getBlock());
          }
        }
        if (budgetStopped) {
          LOG.info(String.format(Locale.ROOT, "train.max-minutes %.2f reached after step %d (%.2f epochs)",
              settings.maxMinutes(), step, (double) step / perEpoch));
        }
        epoch = step == 0 ? 0 : (int) ((step - 1) / perEpoch) + 1; // the epoch of the last step
        if (lastCheckpoint == null || lastCheckpoint.step() != step) {
          checkpoint(model.getBlock());
        }
      } finally {
        progress.close();
      }
      long wall = Math.max(1, System.nanoTime() - start);
      Path encoderFile = saveEncoder(encoderBlock, inputShape, featureSize);
      long[] times = Arrays.copyOfRange(stepNanos, 0, (int) (step - firstStep));
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
      summary.put("epochs_completed", (double) step / perEpoch);
      summary.put("budget_stopped", budgetStopped);
      long skippedImages = SkipsBadImages.of(data);
      if (data instanceof SkipsBadImages) {
        summary.put("skipped_images", skippedImages);
      }
      if (monitor.isPresent()) {
        summary.put("monitor_s", monitorNanos / 1e9);
      }
      metrics.record(SUMMARY_STREAM, summary);
      LOG.info(String.format(Locale.ROOT, "pretraining done: %d steps, final loss %.4f, median step %.1f ms, "
          + "%.0f%% of the time waiting for data", step, lastLoss, median, 100 * waitFraction));
      return new TrainResult(step, epoch, lastLoss, mean, median, waitFraction, skippedImages, encoderBlock, inputShape,
          featureSize, encoderFile, lastCheckpoint.parameters(), model);
    }

    /** Whether the training time so far (the monitor's not counted) is past {@code train.max-minutes}. */
    private boolean overBudget() {
      return settings.maxMinutes() > 0 && System.nanoTime() - startNanos - monitorNanos > settings.maxMinutes() * 60e9;
    }

    private void trainOn(PreparedBatch prepared) {
      TrainingBatch batch = prepared.batch();
      if (!initialized) {
        initialized = true;
        // Loaded before the trainer initializes the block, so that initialization keeps them and
        // marks them for gradients, as for a warm start.
        resume.ifPresent(c -> store.load(c, trainer.getModel().getBlock(), state, trainer.getModel().getNDManager()));
        trainer.initialize(batch.inputs().stream().map(HostTensor::shape).toArray(Shape[]::new));
        for (Evaluator e : evaluators) {
          e.addAccumulator(ACCUMULATOR);
        }
        if (resume.isPresent()) {
          restore(resume.get());
        } else if (!hooks.isEmpty()) {
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
    }

    private void checkpointWhenDue(Block block) {
      if (settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0
          && (lastCheckpoint == null || lastCheckpoint.step() != step)) {
        checkpoint(block);
      }
    }

    private void stopWhenAsked(Block block) {
      Optional<String> reason = stop.reason();
      if (reason.isEmpty()) {
        return;
      }
      if (lastCheckpoint == null || lastCheckpoint.step() != step) {
        checkpoint(block);
      }
      LOG.warn("{}: stopped at step {} of {}; checkpoint {} written", reason.get(), step, total, lastCheckpoint.sidecar());
      throw new TrainingStopped(reason.get(), runDir.root(), step, stop.exitCode());
    }

    private void restore(Checkpoint from) {
      Block block = trainer.getModel().getBlock();
      NDManager manager = trainer.getModel().getNDManager();
      Path file = from.optimizer().orElseThrow();
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        OptimizerState.load(optimizer, block, in, manager, trainer.getDevices()[0]);
      } catch (IOException e) {
        throw new PretextUserException("Cannot read the optimizer state " + file + ": " + e.getMessage()
            + ". Resume from an earlier checkpoint (delete " + from.sidecar() + ") or start a new run.", e);
      }
      LOG.info("resumed from {} at step {} of {} (epoch {})", from.sidecar(), from.step(), total, from.epoch());
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
      lastCheckpoint = store.save(block, state, Optional.of(out -> OptimizerState.save(optimizer, block, out)), step,
          epoch, lastLoss);
    }

    private StepContext context(NDManager scope, NDList predictions) {
      return new StepContext(step, total, epoch, perEpoch, trainer.getModel().getBlock(), scope, predictions,
          restored);
    }

    private NonFiniteLossException diverged(String what) {
      return new NonFiniteLossException(what, step, epoch, lastLoss,
          lastCheckpoint == null ? null : lastCheckpoint.parameters(), settings.learningRate());
    }

    private void recordTime(long nanos) {
      if (step - firstStep > stepNanos.length) {
        stepNanos = Arrays.copyOf(stepNanos, stepNanos.length * 2);
      }
      stepNanos[(int) (step - firstStep) - 1] = nanos;
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

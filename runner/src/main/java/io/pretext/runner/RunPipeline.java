package io.pretext.runner;

import ai.djl.ndarray.types.Shape;
import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.MemoryCheck;
import io.pretext.core.run.RunPlugins;
import io.pretext.api.runtime.ComputeEngine;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.io.AtomicFiles;
import io.pretext.core.train.HeldOutEvaluation;
import io.pretext.core.train.JsonlMetricsSink;
import io.pretext.core.train.OnlineMonitor;
import io.pretext.api.spi.InputBatcher;
import io.pretext.core.train.PretrainLoop;
import io.pretext.core.train.ProgressReporter;
import io.pretext.core.integrity.RunManifest;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.RunLock;
import io.pretext.core.train.TrainResult;
import io.pretext.core.train.TrainSettings;
import io.pretext.core.train.WarmStart;
import io.pretext.api.transfer.PretrainedWeights;
import io.pretext.downstream.Transfer;
import io.pretext.downstream.TransferResults;
import io.pretext.runner.onnx.RunExport;
import io.pretext.runner.report.ResourceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.pretext.core.train.CheckpointStore;
import io.pretext.core.train.StopRequest;
import io.pretext.core.train.CheckpointStore.Checkpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, start to end: run directory and resolved config, plugins, data, checks, pretraining,
 * transfer with few labels, ONNX export (when {@code export.enabled}), report. A run that fails keeps its run directory, its last good
 * checkpoint and its log.
 */
public final class RunPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RunPipeline.class);
  private final Bootstrap bootstrap;
  private final boolean progress;
  private final StopRequest stop;

  /**
   * @param bootstrap the discovered plugins
   * @param progress whether to draw a progress bar
   */
  public RunPipeline(Bootstrap bootstrap, boolean progress) {
    this(bootstrap, progress, new StopRequest());
  }

  /**
   * @param stop asks pretraining to stop at its next step boundary, after a checkpoint (a signal)
   */
  public RunPipeline(Bootstrap bootstrap, boolean progress, StopRequest stop) {
    this.bootstrap = bootstrap;
    this.progress = progress;
    this.stop = stop;
  }

  /** Which stages run: both for {@code run}, one for {@code pretrain} and {@code transfer}. */
  public enum Stages {
    ALL,
    PRETRAIN_ONLY
  }

  /**
   * What a finished run reports.
   *
   * @param pretraining absent for a transfer-only run
   * @param transfer absent when the downstream step did not run
   * @param export the ONNX files, when {@code export.enabled}
   */
  public record Summary(RunDirectory runDir, long unlabeled, Optional<Pretraining> pretraining,
      Optional<TransferResults> transfer, Path report, Optional<RunExport.Outcome> export) {}

  /** The numbers of the pretraining stage. */
  public record Pretraining(long steps, int epochs, double finalLoss, double medianStepMillis, double dataWaitFraction,
      long skippedImages, Duration wall, Optional<HeldOutEvaluation.Result> heldOut) {}

  /**
   * The checks a run makes before it reads data or creates its run directory: every plugin's
   * {@code create} (each checks its own section) and the {@code train} settings. {@code pretext
   * config check} makes them too.
   *
   * @throws ConfigException naming the file, the key and its line
   */
  public void check(RunConfig config) {
    RunPlugins plugins = RunPlugins.create(config, bootstrap.registry(config.runtime(), MetricsSink.NONE));
    TrainSettings train = config.trainSettings();
    try {
      MemoryCheck.ofThisMachine().check(config.encoder(), plugins.encoder(), config.augment(), train.batchSize());
    } catch (ConfigException e) {
      throw config.locate(e);
    }
  }

  /**
   * Pretrains, then (unless {@code stages} says otherwise) transfers, in a new run directory; a
   * config that fails {@link #check} leaves no directory behind.
   */
  public Summary run(RunConfig config, Path runDirPath, Stages stages) {
    return run(config, runDirPath, stages, false);
  }

  /**
   * {@link #run(RunConfig, Path, Stages)}; with {@code overwrite}, an earlier run's folder at {@code
   * runDirPath} is emptied first instead of refused. The folder is locked while the run writes.
   */
  public Summary run(RunConfig config, Path runDirPath, Stages stages, boolean overwrite) {
    check(config);
    if (!overwrite && config.trainSettings().autoResume() && Files.isDirectory(runDirPath)) {
      RunDirectory existing = RunDirectory.open(runDirPath);
      if (resumable(config, existing).isPresent()) {
        LOG.info("train.auto-resume: {} holds a checkpoint; resuming", existing.root());
        return resume(config, existing, stages);
      }
    }
    RunDirectory runDir = RunDirectory.create(runDirPath, overwrite);
    try {
      writeConfig(config, runDir);
      return execute(config, runDir, stages, Optional.empty());
    } finally {
      runDir.release();
    }
  }

  /**
   * Continues a stopped run from its newest checkpoint that holds optimizer state ({@code pretext
   * resume}): its metrics and log are cut back to that step, then pretraining goes on as if it had
   * never stopped, and the transfer, export and report follow as in an uninterrupted run.
   *
   * @throws PretextUserException when the directory holds no such checkpoint
   */
  public Summary resume(RunConfig config, RunDirectory runDir, Stages stages) {
    check(config);
    Checkpoint from = resumable(config, runDir).orElseThrow(() -> new PretextUserException("The run directory "
        + runDir.root() + " holds no checkpoint to resume from (" + runDir.checkpoints() + " has none with optimizer"
        + " state). Start the run again with pretext run, into a new --run-dir."));
    try (RunLock lock = RunLock.acquire(runDir.root())) {
      RunCutBack.to(runDir, from.step());
      LOG.info("resuming {} from step {}", runDir.root(), from.step());
      return execute(config, runDir, stages, Optional.of(from));
    }
  }

  private static Optional<Checkpoint> resumable(RunConfig config, RunDirectory runDir) {
    if (!Files.isDirectory(runDir.checkpoints())) {
      return Optional.empty();
    }
    // The newest checkpoint whose files match the run's manifest (a corrupt newest one is skipped,
    // with a warning naming it), provided it holds optimizer state.
    return new CheckpointStore(runDir.checkpoints(), config.trainSettings().keepCheckpoints()).newestValid()
        .filter(c -> c.optimizer().isPresent());
  }

  private Summary execute(RunConfig config, RunDirectory runDir, Stages stages, Optional<Checkpoint> resume) {
    ResourceMonitor monitor = new ResourceMonitor();
    RunReporter reporter = new RunReporter(runDir);
    try (RunLogFile log = RunLogFile.open(runDir.log());
        JsonlMetricsSink file = new JsonlMetricsSink(runDir.metrics())) {
      try {
        return pretrainAndTransfer(config, runDir, monitor.watching(file), monitor, reporter, stages, resume);
      } catch (RuntimeException e) {
        LOG.error("run failed: {}", e.getMessage());
        reporter.writeAfterFailure(e, monitor);
        throw e;
      }
    }
  }

  /**
   * Transfers the encoder of an earlier run: its resolved config and {@code encoder/} weights,
   * with the given overrides of its {@code downstream} and {@code data} sections.
   */
  public Summary transfer(RunConfig config, RunDirectory runDir) {
    ResourceMonitor monitor = new ResourceMonitor();
    RunReporter reporter = new RunReporter(runDir);
    try (RunLogFile log = RunLogFile.open(runDir.log())) {
      try {
        RuntimeSettings runtime = config.runtime();
        PluginRegistry registry = bootstrap.registry(runtime, MetricsSink.NONE);
        RunPlugins plugins = RunPlugins.create(config, registry);
        DataSplits<?> splits = plugins.transferData().load();
        Transfer transfer = transferOf(config, plugins);
        transfer.check(splits, new SeedSource(runtime.seed()));
        RunManifest.verifyIfListed(runDir.encoderParameters());
        PretrainedWeights weights = PretrainedWeights.read(runDir.encoderParameters());
        long start = System.nanoTime();
        TransferResults results = TransferStage.run(transfer, plugins, plugins.task(), runDir, runtime,
            registry.engine(), EncoderShapes.savedInputShape(runDir), weights, splits);
        reporter.transfer(results, Duration.ofNanos(System.nanoTime() - start));
        Path report = reporter.write(monitor);
        return new Summary(runDir, splits.train().size(), Optional.empty(), Optional.of(results), report,
            Optional.empty());
      } catch (RuntimeException e) {
        LOG.error("transfer failed: {}", e.getMessage());
        throw e;
      }
    }
  }

  /**
   * Exports the encoder of an earlier run (and its downstream probe, when saved) to {@code
   * RUN_DIR/export/}: {@code pretext export}.
   */
  public RunExport.Outcome export(RunConfig config, RunDirectory runDir, RunExport export) {
    try (RunLogFile log = RunLogFile.open(runDir.log())) {
      PluginRegistry registry = bootstrap.registry(config.runtime(), MetricsSink.NONE);
      RunPlugins plugins = RunPlugins.create(config, registry);
      return export(config, runDir, plugins, registry.engine(), plugins.data().load(), export);
    }
  }

  private static RunExport.Outcome export(RunConfig config, RunDirectory runDir, RunPlugins plugins,
      ComputeEngine engine, DataSplits<?> splits, RunExport export) {
    Shape input = TransferStage.downstreamInput(config, plugins, splits);
    RunExport.Outcome outcome = export.export(runDir, config, plugins, engine, input, ProbeFiles.largest(runDir));
    LOG.info("export: {} (max |Java - ONNX Runtime| {}){}", outcome.encoder().file(), outcome.encoder().maxAbsDifference(),
        outcome.classifier().map(c -> ", " + c.file() + " (" + c.maxAbsDifference() + ")").orElse(""));
    return outcome;
  }

  private Summary pretrainAndTransfer(RunConfig config, RunDirectory runDir, MetricsSink metrics,
      ResourceMonitor monitor, RunReporter reporter, Stages stages, Optional<Checkpoint> resume) {
    LOG.info("run {} from {} (config sha256 {})", runDir.root(), config.source(), config.hash().substring(0, 12));
    RuntimeSettings runtime = config.runtime();
    PluginRegistry registry = bootstrap.registry(runtime, metrics);
    RunPlugins plugins = RunPlugins.create(config, registry);
    TrainSettings train = config.trainSettings();
    long loadStart = System.nanoTime();
    DataSplits<?> splits = plugins.data().load();
    reporter.stage("data", Duration.ofNanos(System.nanoTime() - loadStart));
    Dataset<?> unlabeled = splits.train().unlabeled();
    LOG.info("data: {} training samples{}", unlabeled.size(),
        splits.test().map(t -> ", " + t.size() + " test samples").orElse(""));
    checkBatchFits(train, unlabeled);
    boolean transferring = stages == Stages.ALL && transferEnabled(config, plugins);
    Transfer transfer = transferring ? transferOf(config, plugins) : null;
    DataSplits<?> labeled = plugins.transferData() == plugins.data() || !transferring ? splits
        : plugins.transferData().load();
    if (transferring) {
      transfer.check(labeled, new SeedSource(runtime.seed()));
    }
    PretrainLoop loop = new PretrainLoop(train, new SeedSource(runtime.seed()), registry.engine(), runDir,
        metrics, progress ? ProgressReporter.console() : ProgressReporter.NONE, stop);
    if (train.monitor().enabled()) {
      loop = loop.withMonitor(monitorOf(config, train, labeled, plugins, runtime, metrics));
    }
    long start = System.nanoTime();
    Optional<Path> earlier = train.initFromRun();
    Optional<WarmStart> warmStart = earlier.map(dir -> ContinuedRun.warmStart(dir, config, bootstrap.registry()));
    PretextTask task = earlier.isPresent()
        ? plugins.task().prepareContinuing(earlier.get(), unlabeled, runDir.root())
        : plugins.task().prepare(unlabeled, runDir.root());
    try (TrainResult result = resume.isPresent()
        ? loop.resume(task, plugins.encoder(), plugins.head(), unlabeled, plugins.augment(), resume.get())
        : loop.run(task, plugins.encoder(), plugins.head(), unlabeled, plugins.augment(), warmStart)) {
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      reporter.stage("pretraining", wall);
      LOG.info("pretraining done: {} steps, final loss {}, median step {} ms", result.steps(),
          String.format("%.4f", result.finalLoss()), String.format("%.1f", result.medianStepMillis()));
      Optional<HeldOutEvaluation.Result> heldOut = splits.test().map(test -> heldOut(result, task, plugins, test,
          runtime, train, metrics));
      heldOut.ifPresent(h -> reporter.note("Pretext task on " + h.describe()));
      Pretraining pre = new Pretraining(result.steps(), result.epochs(), result.finalLoss(), result.medianStepMillis(),
          result.dataWaitFraction(), result.skippedImages(), wall, heldOut);
      Optional<TransferResults> results = Optional.empty();
      if (transferring) {
        long t0 = System.nanoTime();
        TransferResults r = TransferStage.run(transfer, plugins, task, runDir, runtime, registry.engine(),
            result.inputShape(), PretrainedWeights.of(result.encoder()), labeled);
        reporter.transfer(r, Duration.ofNanos(System.nanoTime() - t0));
        results = Optional.of(r);
      }
      Optional<RunExport.Outcome> exported = Optional.empty();
      if (config.export().getBoolean("enabled")) {
        long t0 = System.nanoTime();
        exported = Optional.of(export(config, runDir, plugins, registry.engine(), splits,
            RunExport.fromConfig(config, bootstrap.loader().layerExporters())));
        reporter.export(exported.get(), Duration.ofNanos(System.nanoTime() - t0));
      }
      Path report = reporter.write(monitor);
      return new Summary(runDir, unlabeled.size(), Optional.of(pre), results, report, exported);
    }
  }

  /** The online monitor over the labeled data (images as the transfer preprocesses them); a config error without labels. */
  private static OnlineMonitor monitorOf(RunConfig config, TrainSettings train, DataSplits<?> labeled,
      RunPlugins plugins, RuntimeSettings runtime, MetricsSink metrics) {
    try {
      if (!io.pretext.api.data.Image.class.isAssignableFrom(labeled.sampleType())) {
        throw ConfigException.at("train.monitor-samples", "the online monitor feeds images to the encoder, but the "
            + "data source gives " + labeled.sampleType().getSimpleName() + " samples; set train.monitor-samples: 0");
      }
      return OnlineMonitor.of(train.monitor(), labeled, plugins.preprocess(), InputBatcher.images(),
          new SeedSource(runtime.seed()), metrics);
    } catch (ConfigException e) {
      throw config.locate(e);
    }
  }

  /** The task's loss and metrics on the test split, used without labels (at most {@code train.held-out-samples}). */
  private static HeldOutEvaluation.Result heldOut(TrainResult result, PretextTask task, RunPlugins plugins,
      Dataset<?> test, RuntimeSettings runtime, TrainSettings train, MetricsSink metrics) {
    HeldOutEvaluation.Result h = HeldOutEvaluation.run(result, task, test.unlabeled(), plugins.augment(),
        new SeedSource(runtime.seed()), train.batchSize(), train.heldOutSamples());
    LOG.info("pretext task on {}", h.describe());
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("samples", h.samples());
    line.put("loss", h.loss());
    line.putAll(h.metrics());
    metrics.record("held-out", line);
    return h;
  }

  private static boolean transferEnabled(RunConfig config, RunPlugins plugins) {
    if (!config.downstream().getBoolean("enabled")) {
      return false;
    }
    if (plugins.evaluators().isEmpty()) {
      LOG.info("downstream: no evaluators configured, transfer skipped");
      return false;
    }
    return true;
  }

  private static Transfer transferOf(RunConfig config, RunPlugins plugins) {
    if (plugins.evaluators().isEmpty()) {
      throw ConfigException.at("downstream.evaluators", "no evaluator is configured; list at least one, e.g. linear-probe");
    }
    return Transfer.fromConfig(config.downstream(), plugins.evaluators());
  }

  private static void checkBatchFits(TrainSettings train, Dataset<?> unlabeled) {
    if (train.dropLast() && train.batchSize() > unlabeled.size()) {
      throw ConfigException.at("train.batch-size", "the batch size " + train.batchSize()
          + " is larger than the unlabeled set (" + unlabeled.size()
          + " samples), so no full batch can be made; lower train.batch-size or use more data");
    }
  }

  private static void writeConfig(RunConfig config, RunDirectory runDir) {
    try {
      AtomicFiles.writeString(runDir.config(), "# resolved from " + config.source() + "\n" + config.toYaml());
    } catch (IOException e) {
      throw new PretextUserException("Cannot write " + runDir.config() + ": " + e.getMessage(), e);
    }
  }
}

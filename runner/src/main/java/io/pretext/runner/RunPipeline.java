package io.pretext.runner;

import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.Dataset;
import io.pretext.api.engine.EngineSetup;
import io.pretext.api.plugin.PluginRegistry;
import io.pretext.api.run.RunConfig;
import io.pretext.api.run.RunPlugins;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.train.AtomicFiles;
import io.pretext.api.train.JsonlMetricsSink;
import io.pretext.api.train.PretrainLoop;
import io.pretext.api.train.ProgressReporter;
import io.pretext.api.train.RunDirectory;
import io.pretext.api.train.TrainResult;
import io.pretext.api.train.TrainSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, start to end: run directory and resolved config, plugins, data, pretraining. Later
 * stages (transfer, export, report) hang off the trained encoder.
 */
public final class RunPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RunPipeline.class);
  private final Bootstrap bootstrap;
  private final boolean progress;

  /**
   * @param bootstrap the discovered plugins
   * @param progress whether to draw a progress bar
   */
  public RunPipeline(Bootstrap bootstrap, boolean progress) {
    this.bootstrap = bootstrap;
    this.progress = progress;
  }

  /** What a finished run reports. */
  public record Summary(RunDirectory runDir, long unlabeled, TrainSettings train, TrainResult result) {}

  /** Runs the validated config in the given run directory. */
  public Summary run(RunConfig config, Path runDirPath) {
    RunDirectory runDir = RunDirectory.create(runDirPath);
    writeConfig(config, runDir);
    try (RunLogFile log = RunLogFile.open(runDir.log());
        JsonlMetricsSink metrics = new JsonlMetricsSink(runDir.metrics())) {
      try {
        return pretrain(config, runDir, metrics);
      } catch (RuntimeException e) {
        LOG.error("run failed: {}", e.getMessage());
        throw e;
      }
    }
  }

  private Summary pretrain(RunConfig config, RunDirectory runDir, JsonlMetricsSink metrics) {
    LOG.info("run {} from {} (config sha256 {})", runDir.root(), config.source(), config.hash().substring(0, 12));
    RuntimeSettings runtime = config.runtime();
    PluginRegistry registry = bootstrap.registry(runtime, metrics);
    RunPlugins plugins = RunPlugins.create(config, registry);
    TrainSettings train = config.trainSettings();
    DataSplits<?> splits = plugins.data().load();
    Dataset<?> unlabeled = splits.train().unlabeled();
    LOG.info("data: {} training samples{}", unlabeled.size(),
        splits.test().map(t -> ", " + t.size() + " test samples").orElse(""));
    checkBatchFits(train, unlabeled);
    PretrainLoop loop = new PretrainLoop(train, new SeedSource(runtime.seed()), new EngineSetup(runtime), runDir,
        metrics, progress ? ProgressReporter.console() : ProgressReporter.NONE);
    try (TrainResult result = loop.run(plugins.task(), plugins.encoder(), plugins.head(), unlabeled, plugins.augment())) {
      LOG.info("pretraining done: {} steps, final loss {}, median step {} ms", result.steps(),
          String.format("%.4f", result.finalLoss()), String.format("%.1f", result.medianStepMillis()));
      return new Summary(runDir, unlabeled.size(), train, result);
    }
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

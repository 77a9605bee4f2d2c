package io.pretext.runner.cli;

import ai.djl.ndarray.NDManager;
import io.pretext.api.PretextUserException;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.train.RunDirectory;
import io.pretext.masking.MaskedLanguageModelTask;
import io.pretext.runner.Bootstrap;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A finished mlm run opened by a command: its resolved config, a registry with the run's
 * settings, and its trained model, in a manager on the run's device; close it when done.
 *
 * @param config the run's resolved config.yaml
 * @param registry plugins created with the run's settings
 * @param trained the model from the newest checkpoint, with the tokenizer
 * @param manager where the model lives, on the run's device ({@link PluginRegistry#engine()})
 */
record MlmRun(RunConfig config, PluginRegistry registry, TrainedMlm trained, NDManager manager)
    implements AutoCloseable {

  /**
   * @param command the command's name, for the error about a run of another task
   * @throws PretextUserException when the directory is not a finished mlm run
   */
  static MlmRun open(Bootstrap plugins, Path run, String command) {
    RunDirectory runDir = RunDirectory.open(run);
    RunConfig config = new RunConfigLoader(plugins.registry()).load(runDir.config(), List.of());
    PluginRegistry registry = plugins.registry(config.runtime(), MetricsSink.NONE);
    PretextTask task = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class, config.pretext().orElseThrow());
    if (!(task instanceof MaskedLanguageModelTask mlm)) {
      throw new PretextUserException(command + " needs a run of the mlm task; " + run + " was trained on the '"
          + config.pretext().orElseThrow().getString("name") + "' task.");
    }
    Encoder encoder = registry.create(PluginKind.ENCODER, Encoder.class, config.encoder());
    Optional<Head> head = config.head().map(h -> registry.create(PluginKind.HEAD, Head.class, h));
    NDManager manager = registry.engine().newManager();
    try {
      TrainedMlm trained = TrainedMlm.load(runDir, mlm, encoder, head, config.trainSettings().keepCheckpoints(), manager);
      return new MlmRun(config, registry, trained, manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}

package io.pretext.runner;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.PretextUserException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.MaskedTokenPredictor;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.core.train.CheckpointStore;
import io.pretext.core.train.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A finished run brought back for inference, whatever its task: the resolved config, a registry
 * with the run's settings, what the command needs of the run's task (e.g. its {@link
 * PretextTask#maskedTokens masked-token predictor}), and the whole pretext model: the task
 * {@link PretextTask#restore restored} from the run directory builds it around the run's encoder
 * and head plugins at the encoder's saved input shape, and the newest checkpoint is loaded into it.
 *
 * @param <C> what the command needs of the task
 * @param config the run's resolved config.yaml
 * @param registry plugins created with the run's settings
 * @param capability what the task gave the command
 * @param model the initialized model, parameters in {@code manager}
 * @param step the step of the checkpoint loaded
 * @param manager the root manager of the model and of the command's arrays, made by the run's one
 *     {@link PluginRegistry#engine() engine} on its device; closed by {@link #close()}
 */
public record TrainedRun<C>(RunConfig config, PluginRegistry registry, C capability, Block model, long step,
    NDManager manager) implements AutoCloseable {

  /**
   * Opens the run, asking its task for the capability before any model is built.
   *
   * @param command the command's name, for the error about a run whose task lacks the capability
   * @param needs what the task must do, for that error: "predicts masked tokens, such as mlm"
   * @param capability asks a task (not yet restored) and the run directory for what the command needs
   * @throws PretextUserException when the directory is not a finished run or its task cannot do it
   */
  public static <C> TrainedRun<C> open(Bootstrap plugins, Path run, String command, String needs,
      BiFunction<PretextTask, Path, Optional<C>> capability) {
    RunDirectory runDir = RunDirectory.open(run);
    RunConfig config = new RunConfigLoader(plugins.registry()).load(runDir.config(), List.of());
    PluginRegistry registry = plugins.registry(config.runtime(), MetricsSink.NONE);
    ConfigNode taskSection = config.pretext().orElseThrow(() -> new PretextUserException(
        command + " needs a pretrained run; " + run + " has no pretext section in its config.yaml."));
    PretextTask task = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class, taskSection);
    C found = capability.apply(task, runDir.root()).orElseThrow(() -> new PretextUserException(command
        + " needs a run of a task that " + needs + "; " + run + " was trained on the '" + taskSection.getString("name")
        + "' task."));
    PretextTask restored = task.restore(runDir.root());
    Encoder encoder = registry.create(PluginKind.ENCODER, Encoder.class, config.encoder());
    Optional<Head> head = config.head().map(h -> registry.create(PluginKind.HEAD, Head.class, h));
    Shape input = EncoderShapes.savedInputShape(runDir);
    CheckpointStore store = new CheckpointStore(runDir.checkpoints(), config.trainSettings().keepCheckpoints());
    CheckpointStore.Checkpoint checkpoint = store.latest().orElseThrow(() -> new PretextUserException(
        "No checkpoint in " + runDir.checkpoints() + ": the run did not finish a step. Rerun the pretraining."));
    NDManager manager = registry.engine().newManager();
    try {
      Block model = restored.buildModel(encoder.build(input), encoder.featureSize(input), head);
      store.load(checkpoint, model, manager);
      // the shapes the checkpoint recorded; initialization keeps the loaded parameters
      model.initialize(manager, DataType.FLOAT32, model.getInputShapes());
      return new TrainedRun<>(config, registry, found, model, checkpoint.step(), manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Frees the model's parameters and every array made in {@link #manager()}. */
  @Override
  public void close() {
    manager.close();
  }

  /** {@link #open} for a command that needs the task's {@link PretextTask#maskedTokens masked-token predictor}. */
  public static TrainedRun<MaskedTokenPredictor> predictingMaskedTokens(Bootstrap plugins, Path run, String command) {
    return open(plugins, run, command, "predicts masked tokens, such as mlm", PretextTask::maskedTokens);
  }
}

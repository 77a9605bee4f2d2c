package io.pretext.testkit;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.ModelContext;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.StepContext;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.api.spi.TrainingHook;
import io.pretext.api.train.TrainingStep;
import io.pretext.core.engine.EngineSetup;
import java.util.List;
import java.util.Optional;

/**
 * A task's model built around a fresh encoder and made ready for one batch, as the training loop
 * builds it: encoder input shape from the task, the task's model and loss in a DJL trainer on the
 * run's engine ({@link PretextTask#buildModel(ModelContext)}), parameters initialized from the
 * batch's input shapes.
 */
final class TaskHarness implements AutoCloseable {
  private final Model model;
  private final Trainer trainer;
  private final Block encoder;
  private final NDManager scope;
  private final NDList inputs;
  private final NDList labels;
  private final TrainingBatch batch;
  private final PretextTask task;
  /** The task's hooks, made once on the first {@link #trainStep} as the loop makes them once a run. */
  private List<TrainingHook> hooks;
  private static final TrainingStep STEP = new TrainingStep(0);

  /**
   * @param sampleShape the shape of one augmented sample, as the loop probes it
   * @param batch the batch the model is initialized for and runs on
   */
  TaskHarness(PretextTask task, Encoder encoderPlugin, Optional<Head> head, Shape sampleShape, TrainingBatch batch, long seed) {
    this.batch = batch;
    this.task = task;
    EngineSetup engine = KitEngine.cpu(seed);
    Engine djl = engine.start();
    djl.setRandomSeed((int) seed);
    Shape inputShape = task.encoderInputShape(sampleShape);
    encoder = encoderPlugin.build(inputShape);
    model = Model.newInstance("contract", engine.device(), djl.getEngineName());
    try {
      // As the loop does: through the model context, so tasks with a target network build here too.
      model.setBlock(task.buildModel(new ModelContext(encoder, encoderPlugin.featureSize(inputShape), head,
          encoderPlugin, inputShape, model.getNDManager())));
      trainer = model.newTrainer(new DefaultTrainingConfig(task.loss()).optDevices(new ai.djl.Device[] {engine.device()}));
      trainer.initialize(batch.inputs().stream().map(HostTensor::shape).toArray(Shape[]::new));
      scope = trainer.getManager().newSubManager();
      inputs = batch.inputs(scope);
      labels = batch.labels(scope);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  Trainer trainer() {
    return trainer;
  }

  Block encoder() {
    return encoder;
  }

  NDList inputs() {
    return inputs;
  }

  NDList labels() {
    return labels;
  }

  /**
   * One step as the loop runs it, in a scope of its own that is closed at the end: the task's
   * hooks before and after, and the loop's {@link TrainingStep} (forward, backward, update).
   *
   * @param step the step's number, 1..{@code totalSteps}
   * @param totalSteps the run's steps, in epochs of {@code stepsPerEpoch}
   */
  void trainStep(long step, long totalSteps, long stepsPerEpoch) {
    Block block = model.getBlock();
    if (hooks == null) {
      hooks = task.hooks(block);
    }
    try (NDManager stepScope = trainer.getManager().newSubManager()) {
      int epoch = (int) ((step - 1) / stepsPerEpoch) + 1;
      StepContext before = new StepContext(step, totalSteps, epoch, stepsPerEpoch, block, stepScope, new NDList(), false);
      hooks.forEach(h -> h.beforeStep(before));
      NDList predictions = STEP.run(trainer, batch.inputs(stepScope), batch.labels(stepScope),
          loss -> new IllegalStateException("the loss of step " + step + " is " + loss)).predictions();
      StepContext after = new StepContext(step, totalSteps, epoch, stepsPerEpoch, block, stepScope, predictions, false);
      hooks.forEach(h -> h.afterStep(after));
    }
  }

  /** The arrays the model's manager holds, its sub-managers' included. */
  int arraysHeld() {
    return model.getNDManager().getManagedArrays().size();
  }

  /** The values of an array as floats, whatever its data type. */
  static float[] floats(NDArray array) {
    return array.getDataType() == DataType.FLOAT32 ? array.toFloatArray() : array.toType(DataType.FLOAT32, false).toFloatArray();
  }

  /** The index of the first NaN or infinite value, or -1. */
  static int firstNonFinite(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    try {
      scope.close();
      trainer.close();
    } finally {
      model.close();
    }
  }
}

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
import io.pretext.api.spi.TrainingBatch;
import io.pretext.core.engine.EngineSetup;
import java.util.Optional;

/**
 * A task's model built around a fresh encoder and made ready for one batch, as the training loop
 * builds it: encoder input shape from the task, the task's model and loss in a DJL trainer on the
 * run's engine, parameters initialized from the batch's input shapes.
 */
final class TaskHarness implements AutoCloseable {
  private final Model model;
  private final Trainer trainer;
  private final Block encoder;
  private final NDManager scope;
  private final NDList inputs;
  private final NDList labels;

  /**
   * @param sampleShape the shape of one augmented sample, as the loop probes it
   * @param batch the batch the model is initialized for and runs on
   */
  TaskHarness(PretextTask task, Encoder encoderPlugin, Optional<Head> head, Shape sampleShape, TrainingBatch batch, long seed) {
    EngineSetup engine = KitEngine.cpu(seed);
    Engine djl = engine.start();
    djl.setRandomSeed((int) seed);
    Shape inputShape = task.encoderInputShape(sampleShape);
    encoder = encoderPlugin.build(inputShape);
    model = Model.newInstance("contract", engine.device(), djl.getEngineName());
    try {
      model.setBlock(task.buildModel(new ModelContext(encoder, encoderPlugin.featureSize(inputShape), head, encoderPlugin,
          inputShape, model.getNDManager())));
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

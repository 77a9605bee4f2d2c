package io.pretext.contrastive;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.ModelContext;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.StepContext;
import io.pretext.api.spi.TrainingHook;
import io.pretext.core.engine.EngineSetup;
import io.pretext.core.nn.MlpEncoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A momentum task's model in a DJL trainer with plain SGD, stepped by hand the way the loop steps
 * it: hooks' {@code beforeTraining}, then per step forward, loss, backward, {@code trainer.step()}
 * and the hooks' {@code afterStep} with the step's predictions. Inputs are random (2N, 1, 4, 4).
 */
final class MomentumHarness implements AutoCloseable {
  static final int N = 4;
  static final Shape SAMPLE = new Shape(1, 4, 4);
  static final MlpEncoder ENCODER = new MlpEncoder(List.of(16L), 12);

  private final PretextTask task;
  private final Model model;
  private final Trainer trainer;
  private final List<TrainingHook> hooks;
  private final long totalSteps;
  private final SplittableRandom random = new SplittableRandom(5);
  private long step;

  MomentumHarness(PretextTask task, Optional<Head> head, long totalSteps) {
    EngineSetup engine = DjlTests.engine();
    Engine djl = engine.start();
    djl.setRandomSeed(3);
    this.task = task;
    this.totalSteps = totalSteps;
    model = Model.newInstance("momentum", engine.device(), djl.getEngineName());
    model.setBlock(task.buildModel(new ModelContext(ENCODER.build(SAMPLE), ENCODER.featureSize(SAMPLE), head, ENCODER,
        SAMPLE, model.getNDManager())));
    trainer = model.newTrainer(new DefaultTrainingConfig(task.loss())
        .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build()));
    trainer.initialize(new Shape(2 * N, 1, 4, 4));
    hooks = task.hooks(model.getBlock());
    try (NDManager scope = trainer.getManager().newSubManager()) {
      hooks.forEach(h -> h.beforeTraining(context(scope, new NDList())));
    }
  }

  Block block() {
    return model.getBlock();
  }

  /** One training step on a fresh random batch, hooks included. */
  void step() {
    step++;
    try (NDManager scope = trainer.getManager().newSubManager()) {
      float[] x = new float[(int) (2 * N * SAMPLE.size())];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      NDList inputs = new NDList(scope.create(x, new Shape(2 * N, 1, 4, 4)));
      NDList predictions;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        predictions = trainer.forward(inputs);
        collector.backward(trainer.getLoss().evaluate(new NDList(), predictions));
      }
      trainer.step();
      StepContext after = context(scope, predictions);
      hooks.forEach(h -> h.afterStep(after));
    }
  }

  private StepContext context(NDManager scope, NDList predictions) {
    return new StepContext(step, totalSteps, 1, totalSteps, model.getBlock(), scope, predictions, false);
  }

  /** Every parameter's values by name, copied. */
  static Map<String, float[]> values(Block block) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.put(p.getKey(), p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /** The names of the parameters the optimizer trains. */
  static List<String> trained(Block block) {
    return block.getParameters().stream().filter(p -> p.getValue().requiresGradient()).map(Pair::getKey).toList();
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}

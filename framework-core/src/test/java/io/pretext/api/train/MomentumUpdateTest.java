package io.pretext.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.api.spi.StepContext;
import io.pretext.core.engine.EngineSetup;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A frozen target is left alone by DJL's trainer and optimizer (Adam) and moved by the EMA alone.
 */
class MomentumUpdateTest {
  private static final EngineSetup ENGINE = new EngineSetup(new RuntimeSettings(7, 1, "cpu", Path.of("unused")));

  @Test
  void theOptimizerLeavesTheTargetAloneAndTheEmaMovesIt() {
    ENGINE.seed(5);
    Block online = Linear.builder().setUnits(2).build();
    Block target = Linear.builder().setUnits(2).build();
    MomentumUpdate ema = MomentumUpdate.cosine(0.9).pair(online, target);
    Block both = new ParallelBlock(outs -> new NDList(NDArrays.concat(
        new NDList(outs.get(0).singletonOrThrow(), outs.get(1).singletonOrThrow()), 1)), List.of(online, target));
    try (Model model = Model.newInstance("ema", ENGINE.device(), ENGINE.start().getEngineName())) {
      model.setBlock(both);
      Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.1f)).build();
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam))) {
        trainer.initialize(new Shape(4, 3));
        for (Parameter p : target.getParameters().values()) {
          assertFalse(p.requiresGradient(), "pair() froze the target's " + p.getName());
        }
        try (NDManager scope = trainer.getManager().newSubManager()) {
          ema.beforeTraining(new StepContext(0, 10, 1, 10, both, scope, new NDList(), false));
        }
        assertArrayEquals(weight(online), weight(target), 0f, "the target starts as a copy of the online block");

        float[] targetBefore = weight(target);
        float[] onlineBefore = weight(online);
        try (NDManager scope = trainer.getManager().newSubManager()) {
          NDList x = new NDList(scope.randomUniform(-1, 1, new Shape(4, 3)));
          NDList y = new NDList(scope.ones(new Shape(4, 4)));
          new TrainingStep(0).run(trainer, x, y, loss -> new IllegalStateException("loss " + loss));
          assertFalse(target.getParameters().get("weight").getArray().hasGradient(), "no gradient for the target");
        }
        assertArrayEquals(targetBefore, weight(target), 0f, "trainer.step() left the target alone");
        float[] onlineAfter = weight(online);
        assertTrue(maxDifference(onlineBefore, onlineAfter) > 1e-3, "Adam moved the online block");

        try (NDManager scope = trainer.getManager().newSubManager()) {
          ema.afterStep(new StepContext(1, 10, 1, 10, both, scope, new NDList(), false));
        }
        float[] expected = new float[targetBefore.length];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = 0.9f * targetBefore[i] + 0.1f * onlineAfter[i]; // m(0) = m0 after step 1
        }
        assertArrayEquals(expected, weight(target), 1e-6f, "θt ← m·θt + (1 − m)·θo");
        assertArrayEquals(onlineAfter, weight(online), 0f, "the EMA leaves the online block alone");
      }
    }
  }

  @Test
  void theMomentumFollowsByolsCosineFromItsBaseToOne() {
    assertEquals(0.996, MomentumUpdate.cosine(0.996, 0, 100), 1e-12);
    assertEquals(0.998, MomentumUpdate.cosine(0.996, 50, 100), 1e-12); // 1 − 0.004·(cos(π/2) + 1)/2
    assertEquals(1 - 0.004 * (Math.cos(Math.PI / 4) + 1) / 2, MomentumUpdate.cosine(0.996, 25, 100), 1e-12);
    assertEquals(1.0, MomentumUpdate.cosine(0.996, 100, 100), 1e-12);
    MomentumUpdate cosine = MomentumUpdate.cosine(0.99);
    assertEquals(0.99, cosine.momentumAfter(1, 10), 1e-12, "the first update uses the base momentum");
    assertEquals(MomentumUpdate.cosine(0.99, 9, 10), cosine.momentumAfter(10, 10), 1e-12);
    assertEquals(0.999, MomentumUpdate.constant(0.999).momentumAfter(7, 10), 1e-12);
  }

  @Test
  void refusesTargetsOfAnotherArchitecture() {
    Block online = new ai.djl.nn.SequentialBlock().add(Linear.builder().setUnits(2).build());
    Block target = Linear.builder().setUnits(2).build();
    assertThrows(IllegalArgumentException.class, () -> MomentumUpdate.constant(0.99).pair(online, target));
    assertThrows(IllegalArgumentException.class, () -> MomentumUpdate.constant(1.5));
  }

  private static float[] weight(Block block) {
    return block.getParameters().get("weight").getArray().toFloatArray();
  }

  private static double maxDifference(float[] a, float[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }
}

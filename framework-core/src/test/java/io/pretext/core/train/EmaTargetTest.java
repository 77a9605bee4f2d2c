package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.ModelContext;
import io.pretext.api.spi.StepContext;
import io.pretext.api.spi.TrainingHook;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.testplugin.EmaTargetTask;
import io.pretext.core.testplugin.TinyImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of the hooks and state contract on a real run: a BYOL-shaped task's target network is
 * the EMA of its online network by the formula after every step, the optimizer never touches it,
 * and a checkpoint restores both networks and the task's centre.
 */
class EmaTargetTest {
  private static final MlpEncoder ENCODER = new MlpEncoder(List.of(16L), 8);
  private static final double M0 = 0.9;

  @TempDir Path tmp;

  /** What the probes saw: the online block after each step, the target before and after the EMA. */
  private static final class Probes {
    final List<Map<String, float[]>> online = new ArrayList<>();
    final List<Map<String, float[]>> targetBeforeEma = new ArrayList<>();
    final List<Map<String, float[]>> targetAfterEma = new ArrayList<>();
    Map<String, float[]> initialTarget;
    Map<String, float[]> initialOnline;
    long total;

    TrainingHook before() {
      return new TrainingHook() {
        @Override
        public void afterStep(StepContext c) {
          EmaTargetTask.Model m = (EmaTargetTask.Model) c.model();
          for (Pair<String, Parameter> p : m.target().getParameters()) {
            assertFalse(p.getValue().requiresGradient(), p.getKey() + " is frozen");
            assertFalse(p.getValue().getArray().hasGradient(), p.getKey() + " has no gradient");
          }
          online.add(Fixtures.parameters(m.online()));
          targetBeforeEma.add(Fixtures.parameters(m.target()));
        }
      };
    }

    TrainingHook after() {
      return new TrainingHook() {
        @Override
        public void beforeTraining(StepContext c) {
          EmaTargetTask.Model m = (EmaTargetTask.Model) c.model();
          initialOnline = Fixtures.parameters(m.online());
          initialTarget = Fixtures.parameters(m.target());
          total = c.totalSteps();
        }

        @Override
        public void afterStep(StepContext c) {
          targetAfterEma.add(Fixtures.parameters(((EmaTargetTask.Model) c.model()).target()));
        }
      };
    }
  }

  @Test
  void theTargetIsTheEmaOfTheOnlineNetworkAndACheckpointRestoresAll() {
    Probes probes = new Probes();
    EmaTargetTask task = new EmaTargetTask(M0, probes.before(), probes.after());
    RunDirectory dir = RunDirectory.create(tmp.resolve("run"));
    PretrainLoop loop = new PretrainLoop(Fixtures.settings(Map.of("epochs", 2, "checkpoint-every", 5)),
        new SeedSource(42), Fixtures.engine(), dir, new Fixtures.Recorder(), ProgressReporter.NONE);
    try (TrainResult result = loop.run(task, ENCODER, new TinyImages(48, 8, 3), AugmentPipeline.identity())) {
      int steps = (int) result.steps();
      assertEquals(12, steps);
      assertEquals(steps, probes.total);
      assertSame(probes.initialOnline, probes.initialTarget, 0f, "the target starts as a copy of the online network");

      Map<String, double[]> expected = toDouble(probes.initialTarget);
      Map<String, float[]> previous = probes.initialTarget;
      for (int k = 1; k <= steps; k++) {
        assertSame(previous, probes.targetBeforeEma.get(k - 1), 0f, "the optimizer step left the target alone (step " + k + ")");
        double m = 1 - (1 - M0) * (Math.cos(Math.PI * (k - 1) / steps) + 1) / 2; // BYOL's τ, from m0 at the first update
        Map<String, float[]> online = probes.online.get(k - 1);
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
          double[] t = e.getValue();
          float[] o = online.get(e.getKey());
          for (int i = 0; i < t.length; i++) {
            t[i] = m * t[i] + (1 - m) * o[i];
          }
        }
        previous = probes.targetAfterEma.get(k - 1);
        assertClose(expected, previous, 1e-5, "step " + k);
      }
      EmaTargetTask.Model trained = (EmaTargetTask.Model) result.model().getBlock();
      assertClose(expected, Fixtures.parameters(trained.target()), 1e-5, "the trained target");
      assertTrue(maxDifference(probes.initialTarget, Fixtures.parameters(trained.target())) > 1e-4, "the target moved");
      float[] centre = trained.centre().value().toFloatArray();
      assertTrue(maxAbs(centre) > 1e-4, "the centre followed the target's outputs");

      CheckpointStore store = new CheckpointStore(dir.checkpoints(), 3);
      CheckpointStore.Checkpoint last = store.latest().orElseThrow();
      assertEquals(12, last.step());
      assertTrue(last.state().isPresent(), "the checkpoint holds the task state");
      try (NDManager manager = Fixtures.engine().newManager()) {
        Shape input = result.inputShape();
        EmaTargetTask.Model fresh = (EmaTargetTask.Model) task.buildModel(new ModelContext(ENCODER.build(input),
            ENCODER.featureSize(input), Optional.empty(), ENCODER, input, manager));
        store.load(last, fresh, task.taskState(fresh), manager);
        assertSame(Fixtures.parameters(trained.online()), Fixtures.parameters(fresh.online()), 0f, "online restored");
        assertSame(Fixtures.parameters(trained.target()), Fixtures.parameters(fresh.target()), 0f, "target restored");
        assertArrayEquals(centre, fresh.centre().value().toFloatArray(), 0f, "centre restored");

        EmaTargetTask.Model older = (EmaTargetTask.Model) task.buildModel(new ModelContext(ENCODER.build(input),
            ENCODER.featureSize(input), Optional.empty(), ENCODER, input, manager));
        store.load(store.list().get(0), older, task.taskState(older), manager);
        assertFalse(java.util.Arrays.equals(centre, older.centre().value().toFloatArray()), "an older centre");
      }
    }
  }

  /**
   * {@code train.init-from} of a run with the same model: the second run starts from the first
   * run's online and target networks and its centre; the EMA does not overwrite the target with a
   * copy of the online network.
   */
  @Test
  void aWarmStartRestoresTheTargetAndTheTaskState() {
    TrainingHook none = new TrainingHook() {};
    EmaTargetTask task = new EmaTargetTask(M0, none, none);
    RunDirectory first = RunDirectory.create(tmp.resolve("first"));
    Map<String, float[]> trainedOnline;
    Map<String, float[]> trainedTarget;
    float[] trainedCentre;
    try (TrainResult result = new PretrainLoop(Fixtures.settings(Map.of("epochs", 1)), new SeedSource(42),
        Fixtures.engine(), first, new Fixtures.Recorder(), ProgressReporter.NONE)
        .run(task, ENCODER, new TinyImages(48, 8, 3), AugmentPipeline.identity())) {
      EmaTargetTask.Model trained = (EmaTargetTask.Model) result.model().getBlock();
      trainedOnline = Fixtures.parameters(trained.online());
      trainedTarget = Fixtures.parameters(trained.target());
      trainedCentre = trained.centre().value().toFloatArray();
    }
    assertTrue(maxDifference(trainedOnline, trainedTarget) > 1e-4, "the first run's target differs from its online");
    WarmStart warm = WarmStart.of(new CheckpointStore(first.checkpoints(), 3).latest().orElseThrow());
    assertTrue(warm.state().isPresent(), "the checkpoint holds the task state");

    List<Map<String, float[]>> seen = new ArrayList<>();
    List<float[]> centreSeen = new ArrayList<>();
    List<Boolean> restoredSeen = new ArrayList<>();
    TrainingHook probe = new TrainingHook() {
      @Override
      public void beforeTraining(StepContext c) {
        EmaTargetTask.Model m = (EmaTargetTask.Model) c.model();
        seen.add(Fixtures.parameters(m.online()));
        seen.add(Fixtures.parameters(m.target()));
        centreSeen.add(m.centre().value().toFloatArray());
        restoredSeen.add(c.parametersRestored());
      }
    };
    EmaTargetTask continued = new EmaTargetTask(M0, none, probe);
    try (TrainResult result = new PretrainLoop(Fixtures.settings(Map.of("epochs", 1)), new SeedSource(43),
        Fixtures.engine(), RunDirectory.create(tmp.resolve("second")), new Fixtures.Recorder(), ProgressReporter.NONE)
        .run(continued, ENCODER, Optional.empty(), new TinyImages(48, 8, 3), AugmentPipeline.identity(),
            Optional.of(warm))) {
      assertEquals(List.of(true), restoredSeen, "the hooks are told that the parameters were restored");
      assertSame(trainedOnline, seen.get(0), 0f, "the online network continues");
      assertSame(trainedTarget, seen.get(1), 0f, "the target continues, not a copy of the online network");
      assertArrayEquals(trainedCentre, centreSeen.get(0), 0f, "the centre continues");
    }
  }

  private static Map<String, double[]> toDouble(Map<String, float[]> values) {
    Map<String, double[]> out = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> {
      double[] d = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        d[i] = v[i];
      }
      out.put(k, d);
    });
    return out;
  }

  private static void assertClose(Map<String, double[]> expected, Map<String, float[]> actual, double tolerance,
      String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    expected.forEach((k, v) -> {
      float[] a = actual.get(k);
      for (int i = 0; i < v.length; i++) {
        assertEquals(v[i], a[i], tolerance, what + ": " + k + "[" + i + "]");
      }
    });
  }

  private static void assertSame(Map<String, float[]> expected, Map<String, float[]> actual, float tolerance,
      String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), tolerance, what + ": " + k));
  }

  private static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
    double worst = 0;
    for (Map.Entry<String, float[]> e : a.entrySet()) {
      float[] other = b.get(e.getKey());
      for (int i = 0; i < other.length; i++) {
        worst = Math.max(worst, Math.abs(e.getValue()[i] - other[i]));
      }
    }
    return worst;
  }

  private static double maxAbs(float[] values) {
    double worst = 0;
    for (float v : values) {
      worst = Math.max(worst, Math.abs(v));
    }
    return worst;
  }
}

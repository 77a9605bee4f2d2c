package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.train.MomentumUpdate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByolTaskTest {
  private static final double M0 = 0.5;
  private static final int N = MomentumHarness.N;

  @Test
  void defaultModelGivesPredictionsAndTargetProjections() {
    // Projector Linear(12, 256) - BN - ReLU - Linear(256, 128), predictor Linear(128, 16) - BN - ReLU - Linear(16, 128).
    try (MomentumHarness h = new MomentumHarness(new ByolTask(M0, List.of(16L)), Optional.empty(), 10)) {
      Shape[] out = h.block().getOutputShapes(new Shape[] {new Shape(2 * N, 1, 4, 4)});
      assertArrayEquals(new Shape[] {new Shape(2 * N, 128), new Shape(2 * N, 128)}, out);
    }
    ProjectionHead head = new ProjectionHead(Optional.of(List.of(8L)), 5, true);
    try (MomentumHarness h = new MomentumHarness(new ByolTask(M0, List.of(16L)), Optional.of(head), 10)) {
      Shape[] out = h.block().getOutputShapes(new Shape[] {new Shape(2 * N, 1, 4, 4)});
      assertArrayEquals(new Shape[] {new Shape(2 * N, 5), new Shape(2 * N, 5)}, out);
    }
  }

  @Test
  void theTargetIsFrozenAndStartsAsACopyOfTheOnlineNetwork() {
    try (MomentumHarness h = new MomentumHarness(new ByolTask(M0, List.of(16L)), Optional.empty(), 10)) {
      MomentumTwoViewModel model = (MomentumTwoViewModel) h.block();
      assertTrue(MomentumHarness.trained(model.targetEncoder()).isEmpty());
      assertTrue(MomentumHarness.trained(model.targetProjector()).isEmpty());
      assertFalse(MomentumHarness.trained(model.encoder()).isEmpty());
      assertEqualValues(MomentumHarness.values(model.encoder()), MomentumHarness.values(model.targetEncoder()));
      assertEqualValues(MomentumHarness.values(model.projector()), MomentumHarness.values(model.targetProjector()));
    }
  }

  @Test
  void afterAStepTheTargetIsTheMovingAverageOfTheOnlineNetwork() {
    try (MomentumHarness h = new MomentumHarness(new ByolTask(M0, List.of(16L)), Optional.empty(), 10)) {
      MomentumTwoViewModel model = (MomentumTwoViewModel) h.block();
      h.step();
      h.step();
      Block[][] pairs = {{model.encoder(), model.targetEncoder()}, {model.projector(), model.targetProjector()}};
      List<Map<String, float[]>> targetsBefore = new java.util.ArrayList<>();
      List<Map<String, float[]>> onlinesBefore = new java.util.ArrayList<>();
      for (Block[] pair : pairs) {
        onlinesBefore.add(MomentumHarness.values(pair[0]));
        targetsBefore.add(MomentumHarness.values(pair[1]));
      }
      h.step(); // step 3 of 10: m = 1 - (1 - m0)(cos(2 pi / 10) + 1) / 2
      double m = 1 - (1 - M0) * (Math.cos(Math.PI * 2 / 10) + 1) / 2;
      for (int p = 0; p < pairs.length; p++) {
        Map<String, float[]> online = MomentumHarness.values(pairs[p][0]);
        Map<String, float[]> target = MomentumHarness.values(pairs[p][1]);
        for (String name : MomentumHarness.trained(pairs[p][0])) {
          float[] before = targetsBefore.get(p).get(name);
          float[] expected = new float[before.length];
          for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (m * before[i] + (1 - m) * online.get(name)[i]);
          }
          assertFalse(java.util.Arrays.equals(onlinesBefore.get(p).get(name), online.get(name)), name + " was not trained");
          assertFalse(java.util.Arrays.equals(before, target.get(name)), name + "'s target did not move");
          assertArrayEquals(expected, target.get(name), 1e-6f, name);
        }
      }
    }
  }

  @Test
  void theMomentumRisesFromItsBaseToOneOnACosine() {
    Block model;
    try (MomentumHarness h = new MomentumHarness(new ByolTask(0.996, List.of(16L)), Optional.empty(), 100)) {
      model = h.block();
      MomentumUpdate ema = (MomentumUpdate) new ByolTask(0.996, List.of(16L)).hooks(model).get(0);
      assertEquals(0.996, ema.momentumAfter(1, 100), 1e-12);
      assertEquals(0.998, ema.momentumAfter(51, 100), 1e-12);
      assertEquals(1.0, MomentumUpdate.cosine(0.996, 100, 100), 1e-12);
      double last = ema.momentumAfter(100, 100);
      assertTrue(last > 0.99999 && last < 1, "last update's momentum " + last);
    }
  }

  @Test
  void lossAndMetric() {
    ByolTask task = new ByolTask(ByolTask.DEFAULT_MOMENTUM, ByolTask.DEFAULT_PREDICTOR_HIDDEN);
    assertInstanceOf(ByolLoss.class, task.loss());
    assertInstanceOf(EmbeddingStd.class, task.trainingMetrics().get(0));
  }

  @Test
  void registeredAsByolWithItsDefaults() {
    PretextTask made = Plugins.registry().create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "byol", "momentum", 0.99, "predictor", Map.of("hidden", List.of(32L)))));
    assertEquals(0.99, ((ByolTask) made).momentum());
    assertEquals(List.of(32L), ((ByolTask) made).predictorHidden());
    var config = RunFiles.load(RunFiles.withPretext("{name: byol}", ""));
    assertEquals(0.996, config.pretext().orElseThrow().getDouble("momentum"));
    assertEquals(List.of(256L), config.pretext().orElseThrow().getNode("predictor").getLongList("hidden"));
  }

  @Test
  void aMomentumOutsideZeroToOneIsRefusedWithItsKey() {
    for (String m : List.of("1.5", "-0.1")) {
      ConfigException e = RunFiles.rejected(RunFiles.withPretext("{name: byol, momentum: " + m + "}", ""));
      assertTrue(e.getMessage().contains("pretext.momentum"), e.getMessage());
      assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new ByolTask(1.01, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ByolTask(0.9, List.of(0L)));
  }

  private static void assertEqualValues(Map<String, float[]> a, Map<String, float[]> b) {
    assertEquals(a.keySet(), b.keySet());
    a.forEach((name, values) -> assertArrayEquals(values, b.get(name), name));
  }
}

package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.train.MomentumUpdate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class MocoTaskTest {
  private static final double TOLERANCE = 1e-5;
  private static final int N = MomentumHarness.N;
  private static final int K = 24;

  private static MocoTask task(int queue) {
    return new MocoTask(0.9, queue, 0.2, new SeedSource(5));
  }

  private static double loss(MocoTask task, NDManager manager, double[][] q, double[][] k, double[][] queue) {
    return task.loss().evaluate(new NDList(), new NDList(DjlTests.matrix(manager, q), DjlTests.matrix(manager, k),
        DjlTests.matrix(manager, queue))).getFloat();
  }

  @Test
  void theLossMatchesThePyTorchReference() throws InterruptedException {
    try (NDManager manager = DjlTests.manager()) {
      MocoTask task = task(K);
      // MOCO_TASK_T_0_2 of src/test/python/joint_embedding_reference.py: q = P, k = Z (N = 3), queue = Z2.
      assertEquals(6.134640851, loss(task, manager, ReferenceInputs.P, ReferenceInputs.Z, ReferenceInputs.Z2), TOLERANCE);
      float[][] g = Gradients.of(manager, in -> task.loss().evaluate(new NDList(), new NDList(in.get(0), in.get(1),
          in.get(2))), false, ReferenceInputs.P, ReferenceInputs.Z, ReferenceInputs.Z2);
      Gradients.assertClose(new double[] {-0.342421701, 0.058396255, -0.123698264, -0.741930771, -0.325721254,
          0.144744727, 0.049623044, -0.428363106, -0.216462089, -0.136588875, 0.372490005, -0.223383519, 0.070470763,
          0.061640458, 0.056052387, 0.392060338, -0.679051038, -0.342227364}, g[0], 1e-5);
      Gradients.assertZero(g[1]);
      Gradients.assertZero(g[2]);
      // MOCO_TASK_N1_T_0_2: a batch of 2 (N = 1), q = Z2[0:2], k = Z2[2:4], queue = Z[0:3].
      assertEquals(2.348333059, loss(task, manager, ReferenceInputs.rows(ReferenceInputs.Z2, 0, 2),
          ReferenceInputs.rows(ReferenceInputs.Z2, 2, 4), ReferenceInputs.rows(ReferenceInputs.Z, 0, 3)), TOLERANCE);
    }
  }

  @Test
  void degenerateBatchesByHand() {
    try (NDManager manager = DjlTests.manager()) {
      MocoTask task = task(K);
      // Identical views, queue orthogonal to them: logits 1/0.2 = 5 for the key, 0 for both negatives.
      double[][] views = {{1, 0}, {2, 0}};
      double[][] queue = {{0, 1}, {0, -3}};
      assertEquals(Math.log(1 + 2 * Math.exp(-5)), loss(task, manager, views, views, queue), TOLERANCE);
      // A collapsed batch and queue: every logit equal, log(1 + K) with K = 3.
      double[][] same = {{0.3, 0.4}, {0.3, 0.4}, {0.3, 0.4}, {0.3, 0.4}};
      assertEquals(Math.log(4), loss(task, manager, same, same, ReferenceInputs.rows(same, 0, 3)), TOLERANCE);
      assertThrows(IllegalArgumentException.class, () -> loss(task, manager, ReferenceInputs.rows(same, 0, 3),
          ReferenceInputs.rows(same, 0, 3), same));
    }
  }

  @Test
  void theFirstQueueIsSeededUnitVectorsAndTheModelGivesQueriesKeysAndQueue() {
    try (MomentumHarness h = new MomentumHarness(task(K), Optional.empty(), 10)) {
      Shape[] out = h.block().getOutputShapes(new Shape[] {new Shape(2 * N, 1, 4, 4)});
      assertArrayEquals(new Shape[] {new Shape(2 * N, 128), new Shape(2 * N, 128), new Shape(K, 128)}, out);
      assertArrayEquals(expectedFirstQueue(5, K, 128), MocoTask.queue(h.block()).value().toFloatArray(), 1e-6f);
    }
    try (MomentumHarness h = new MomentumHarness(new MocoTask(0.9, K, 0.2, new SeedSource(6)), Optional.empty(), 10)) {
      assertFalse(java.util.Arrays.equals(expectedFirstQueue(5, K, 128), MocoTask.queue(h.block()).value().toFloatArray()));
    }
  }

  @Test
  void theQueueAdvancesByTheBatchsKeysEveryStep() {
    ProjectionHead head = new ProjectionHead(Optional.of(List.of(8L)), 4, false);
    try (MomentumHarness h = new MomentumHarness(task(K), Optional.of(head), 10)) {
      float[] first = expectedFirstQueue(5, K, 4);
      h.step();
      float[] once = MocoTask.queue(h.block()).value().toFloatArray();
      // 2N = 8 new unit keys on top, then the first queue's newest K - 8 rows.
      assertArrayEquals(java.util.Arrays.copyOfRange(first, 0, (K - 2 * N) * 4),
          java.util.Arrays.copyOfRange(once, 2 * N * 4, K * 4), 1e-7f);
      for (int r = 0; r < 2 * N; r++) {
        double norm = 0;
        for (int c = 0; c < 4; c++) {
          norm += once[r * 4 + c] * once[r * 4 + c];
        }
        assertEquals(1, norm, 1e-5, "key " + r + " is not unit");
      }
      h.step();
      float[] twice = MocoTask.queue(h.block()).value().toFloatArray();
      assertArrayEquals(java.util.Arrays.copyOfRange(once, 0, (K - 2 * N) * 4),
          java.util.Arrays.copyOfRange(twice, 2 * N * 4, K * 4), 1e-7f);
      assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(once, 0, 2 * N * 4),
          java.util.Arrays.copyOfRange(twice, 0, 2 * N * 4)));
    }
  }

  @Test
  void enqueuedPutsTheNormalisedKeysFirstByHand() {
    try (NDManager manager = DjlTests.manager()) {
      NDArray queue = DjlTests.matrix(manager, new double[][] {{1, 0}, {0, 1}, {-1, 0}});
      NDArray keys = DjlTests.matrix(manager, new double[][] {{3, 4}, {0, -2}});
      assertArrayEquals(new float[] {0.6f, 0.8f, 0, -1, 1, 0}, MocoTask.enqueued(queue, keys).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void theKeyEncoderFollowsAConstantMomentum() {
    try (MomentumHarness h = new MomentumHarness(task(K), Optional.empty(), 10)) {
      MomentumUpdate ema = (MomentumUpdate) task(K).hooks(h.block()).get(0);
      for (long step = 1; step <= 10; step++) {
        assertEquals(0.9, ema.momentumAfter(step, 10), 1e-12);
      }
      assertTrue(MomentumHarness.trained(MocoTask.network(h.block()).targetEncoder()).isEmpty());
    }
  }

  @Test
  void registeredAsMocoWithItsDefaults() {
    PretextTask made = Plugins.registry().create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "moco")));
    assertEquals(0.99, ((MocoTask) made).momentum());
    assertEquals(4096, ((MocoTask) made).queueSize());
    assertEquals(0.2, ((MocoTask) made).temperature());
    assertThrows(IllegalArgumentException.class, () -> new MocoTask(1.5, 10, 0.2, new SeedSource(1)));
    assertThrows(IllegalArgumentException.class, () -> new MocoTask(0.9, 0, 0.2, new SeedSource(1)));
    assertThrows(IllegalArgumentException.class, () -> new MocoTask(0.9, 10, 0, new SeedSource(1)));
  }

  /** K unit rows of d Gaussians from the seed's {@code moco-queue} stream, worked out here in doubles. */
  private static float[] expectedFirstQueue(long seed, int k, int d) {
    RandomGenerator random = new SeedSource(seed).generator(MocoTask.QUEUE_STREAM);
    float[] out = new float[k * d];
    for (int r = 0; r < k; r++) {
      double[] row = new double[d];
      double norm = 0;
      for (int c = 0; c < d; c++) {
        row[c] = (float) random.nextGaussian();
        norm += row[c] * row[c];
      }
      for (int c = 0; c < d; c++) {
        out[r * d + c] = (float) (row[c] / Math.sqrt(norm));
      }
    }
    return out;
  }
}

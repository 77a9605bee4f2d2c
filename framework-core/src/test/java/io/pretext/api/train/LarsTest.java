package io.pretext.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.core.engine.EngineSetup;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LARS against two steps worked out by hand: η = 0.001, λ = 0.1, μ = 0.9, lr = 0.5. */
class LarsTest {

  @BeforeAll
  static void engine() {
    new EngineSetup(new RuntimeSettings(7, 1, "cpu", Path.of("unused"))).start();
  }

  @Test
  void adaptsMatricesAndLeavesVectorsToPlainMomentum() {
    Optimizer lars = new OptimizerSpec("lars", 0.1, OptimizerSpec.ALL, 0.9, 0.001).build(Tracker.fixed(0.5f));
    assertInstanceOf(Lars.class, lars);
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      NDArray w = manager.create(new float[] {3f, 4f}, new Shape(1, 2));
      NDArray gw = manager.create(new float[] {0.6f, 0.8f}, new Shape(1, 2));
      NDArray b = manager.create(new float[] {1f, -1f});
      NDArray gb = manager.create(new float[] {0.5f, 0.5f});

      // step 1: |w| = 5, |g| = 1, trust = 0.001·5 / (1 + 0.1·5) = 1/300; g + λw = (0.9, 1.2);
      // v = 0.5/300·(0.9, 1.2) = (0.0015, 0.002); w = (2.9985, 3.998).
      // bias: v = 0.5·0.5 = 0.25, no decay, no trust ratio; b = (0.75, -1.25).
      lars.update("w", w, gw);
      lars.update("b", b, gb);
      assertArrayEquals(new float[] {2.9985f, 3.998f}, w.toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {0.75f, -1.25f}, b.toFloatArray(), 1e-6f);

      // step 2: w = 0.9995·(3, 4), |w| = 4.9975, trust = 0.0049975 / 1.49975 = 0.00333222;
      // g + λw = (0.89985, 1.1998); v = 0.9·(0.0015, 0.002) + 0.5·trust·(0.89985, 1.1998)
      // = (0.00284925, 0.003799); w = (2.99565075, 3.994201).
      // bias: v = 0.9·0.25 + 0.25 = 0.475; b = (0.275, -1.725).
      lars.update("w", w, gw);
      lars.update("b", b, gb);
      assertArrayEquals(new float[] {2.99565075f, 3.994201f}, w.toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {0.275f, -1.725f}, b.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void aZeroGradientLeavesTheTrustRatioAtOne() {
    Lars lars = new Lars(Tracker.fixed(1f), 0f, 0f, 0.001f);
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      NDArray w = manager.create(new float[] {0f, 0f, 0f, 0f}, new Shape(2, 2));
      NDArray g = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
      lars.update("w", w, g); // |w| = 0: trust 1, so w = -lr·g
      assertArrayEquals(new float[] {-1f, -2f, -3f, -4f}, w.toFloatArray(), 1e-7f);
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new Lars(Tracker.fixed(1f), 1f, 0f, 0.001f));
    assertThrows(IllegalArgumentException.class, () -> new Lars(Tracker.fixed(1f), 0.9f, -1f, 0.001f));
    assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec("lars", 0, OptimizerSpec.ALL, 0.9, 0));
  }
}

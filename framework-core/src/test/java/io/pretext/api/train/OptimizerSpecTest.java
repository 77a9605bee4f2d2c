package io.pretext.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Weight decay on all parameters or on matrices only, with the real engine's AdamW and Adam. */
class OptimizerSpecTest {

  @ParameterizedTest
  @ValueSource(strings = {"adamw", "adam"})
  void matricesOnlyLeavesVectorsUndecayed(String name) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Optimizer all = new OptimizerSpec(name, 0.1, OptimizerSpec.ALL, 0).build(Tracker.fixed(0.5f));
      Optimizer matrices = new OptimizerSpec(name, 0.1, OptimizerSpec.MATRICES, 0).build(Tracker.fixed(0.5f));
      float[] before = {1f, 2f, 3f, 4f};
      NDArray matrixA = manager.create(before, new Shape(2, 2));
      NDArray vectorA = manager.create(before, new Shape(4));
      NDArray matrixM = manager.create(before, new Shape(2, 2));
      NDArray vectorM = manager.create(before, new Shape(4));
      NDArray zero = manager.zeros(new Shape(4));
      all.update("w", matrixA, zero.reshape(2, 2));
      all.update("b", vectorA, zero);
      matrices.update("w", matrixM, zero.reshape(2, 2));
      matrices.update("b", vectorM, zero);
      assertArrayEquals(before, vectorM.toFloatArray(), 0f, "a vector is not decayed");
      assertArrayEquals(matrixA.toFloatArray(), matrixM.toFloatArray(), 1e-7f, "a matrix is decayed as with 'all'");
      assertEquals(true, matrixM.toFloatArray()[3] < 4f, "decay shrinks the matrix");
      assertEquals(true, vectorA.toFloatArray()[3] < 4f, "'all' decays vectors too");
    }
  }

  @Test
  void rejectsUnknownNamesAndScopes() {
    assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec("lamb", 0, OptimizerSpec.ALL, 0));
    assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec("adamw", 0, "norms", 0));
    assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec("adamw", -1, OptimizerSpec.ALL, 0));
  }
}

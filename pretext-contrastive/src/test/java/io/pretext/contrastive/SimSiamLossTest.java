package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimSiamLossTest {
  private static final double TOLERANCE = 1e-5;
  private NDManager manager;

  @BeforeEach
  void start() {
    manager = DjlTests.manager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private double loss(double[][] z, double[][] p) {
    return new SimSiamLoss().evaluate(new NDList(), new NDList(DjlTests.matrix(manager, z), DjlTests.matrix(manager, p)))
        .getFloat();
  }

  @Test
  void matchesThePyTorchReference() throws InterruptedException {
    // From src/test/python/joint_embedding_reference.py (SIMSIAM, SIMSIAM_GRAD_P), z = Z, p = P.
    assertEquals(0.471852417, loss(ReferenceInputs.Z, ReferenceInputs.P), TOLERANCE);
    float[][] g = Gradients.of(manager, in -> new SimSiamLoss().evaluate(in.get(0), in.get(1)), false,
        ReferenceInputs.Z, ReferenceInputs.P);
    Gradients.assertClose(new double[] {-0.081435735, -0.000180567, -0.049114235, -0.132355065, -0.055446041,
        0.012520074, 0.040498469, -0.087838232, -0.078500115, -0.045876447, 0.115818302, -0.028574150, -0.041530103,
        -0.019806664, -0.030029459, 0.018208868, -0.089600952, -0.067506046}, g[1], 1e-5);
  }

  @Test
  void identicalViewsWithPredictionsOnTargetGiveMinusOne() {
    // The two views agree and p = z: every prediction points where the other view's projection points,
    // cos = 1 for all 2N rows, so L = -1 whatever the norms.
    double[][] z = {{1, 0}, {0, 2}, {1, 0}, {0, 2}};
    assertEquals(-1.0, loss(z, z), TOLERANCE);
  }

  @Test
  void byHand() {
    // N = 1. Row 0: p = (0, 2) against the other view's z = (1, 0): cos 0.
    // Row 1: p = (1, 1) against z = (3, 4): (3 + 4) / (sqrt 2 * 5) = 1.4 / 1.4142136 = 0.9899495.
    // L = -(0 + 0.9899495) / 2 = -0.4949747.
    assertEquals(-0.4949747, loss(new double[][] {{3, 4}, {1, 0}}, new double[][] {{0, 2}, {1, 1}}), TOLERANCE);
  }

  @Test
  void aCollapsedBatchGivesTheCosineOfTheCollapsedDirections() {
    // Every z is (1, 1), every p is (2, 0): cos = 2 / (2 sqrt 2) = 0.7071068 for every row, L = -0.7071068.
    double[][] z = {{1, 1}, {1, 1}, {1, 1}, {1, 1}};
    double[][] p = {{2, 0}, {2, 0}, {2, 0}, {2, 0}};
    assertEquals(-0.7071068, loss(z, p), TOLERANCE);
  }

  @Test
  void aZeroPredictionCountsAsCosineZero() {
    assertEquals(0.0, loss(new double[][] {{1, 0}, {0, 1}}, new double[][] {{0, 0}, {0, 0}}), TOLERANCE);
  }

  @Test
  void theTargetBranchGetsNoGradientAndThePredictionsAFiniteOne() throws InterruptedException {
    float[][] g = Gradients.of(manager, in -> new SimSiamLoss().evaluate(in.get(0), in.get(1)), false,
        ReferenceInputs.Z, ReferenceInputs.P);
    Gradients.assertZero(g[0]);
    Gradients.assertFiniteAndNonZero(g[1]);
  }

  @Test
  void gradientDoesNotDependOnAGarbageCollectionBeforeBackward() throws InterruptedException {
    float[] plain = Gradients.of(manager, in -> new SimSiamLoss().evaluate(in.get(0), in.get(1)), false,
        ReferenceInputs.Z, ReferenceInputs.P)[1];
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, Gradients.of(manager, in -> new SimSiamLoss().evaluate(in.get(0), in.get(1)), true,
          ReferenceInputs.Z, ReferenceInputs.P)[1], "round " + round);
    }
  }

  @Test
  void rejectsInputsThatAreNotPairsOfViews() {
    IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
        () -> loss(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[][] {{1, 0}, {0, 1}, {1, 1}}));
    assertTrue(odd.getMessage().contains("(2N, d)"), odd.getMessage());
    IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
        () -> loss(new double[][] {{1, 0}, {0, 1}}, new double[][] {{1, 0, 0}, {0, 1, 0}}));
    assertTrue(mismatch.getMessage().contains("p of z's shape"), mismatch.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SimSiamLoss().evaluate(new NDList(), new NDList(DjlTests.matrix(manager, new double[][] {{1}, {2}}))));
  }
}

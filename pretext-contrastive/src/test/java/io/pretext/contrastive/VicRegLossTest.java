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

class VicRegLossTest {
  private static final double TOLERANCE = 1e-5;
  private static final VicRegLoss PAPER = new VicRegLoss(25, 25, 1, 1, 1e-4);
  private NDManager manager;

  @BeforeEach
  void start() {
    manager = DjlTests.manager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private double loss(VicRegLoss loss, double[][] z) {
    return loss.evaluate(new NDList(), new NDList(DjlTests.matrix(manager, z))).getFloat();
  }

  private static VicRegLoss weights(double invariance, double variance, double covariance) {
    return new VicRegLoss(invariance, variance, covariance, 1, 1e-4);
  }

  @Test
  void matchesThePyTorchReference() throws InterruptedException {
    // From src/test/python/joint_embedding_reference.py (VICREG_*), the paper's Algorithm 1.
    assertEquals(12.035673915, loss(PAPER, ReferenceInputs.Z), 1e-4);
    assertEquals(0.241111111, loss(weights(1, 0, 0), ReferenceInputs.Z), TOLERANCE);
    assertEquals(0.189687401, loss(weights(0, 1, 0), ReferenceInputs.Z), TOLERANCE);
    assertEquals(1.265711111, loss(weights(0, 0, 1), ReferenceInputs.Z), TOLERANCE);
    assertEquals(57.999187776, loss(new VicRegLoss(25, 25, 1, 2, 0.01), ReferenceInputs.Z), 1e-4);
    float[] g = Gradients.of(manager, in -> PAPER.evaluate(new NDList(), new NDList(in.get(0))), false,
        ReferenceInputs.Z)[0];
    Gradients.assertClose(new double[] {1.204665047, -2.277925926, -3.714962963, -4.790363008, 1.239851852,
        -3.177629630, 5.807920183, -1.739703704, 5.781481481, -1.336000000, 2.188000000, -0.012365218, 1.917333333,
        -2.196222222, 7.041225812, -2.803555556, 2.786000000, -5.917749483}, g, 1e-4);
  }

  @Test
  void aBatchOfTwoMatchesTheReference() {
    // VICREG_N2_*: the unbiased variance over N = 2 divides by N - 1 = 1.
    assertEquals(36.449820014, loss(PAPER, ReferenceInputs.Z2), 1e-4);
    assertEquals(0.703476134, loss(weights(0, 1, 0), ReferenceInputs.Z2), TOLERANCE);
  }

  @Test
  void aBatchOfTwoByHand() {
    // N = 2, d = 2, both views rows (0, 0) and (2, 1): invariance 0.
    // Variance (unbiased, N - 1 = 1): feature 0 values {0, 2}: var 2, std sqrt(2.0001) = 1.4142489, hinge 0;
    // feature 1 values {0, 1}: var 0.5, std sqrt(0.5001) = 0.7071775, hinge 0.2928225; v = 0.1464113 per view.
    // Covariance: centred rows (-1, -0.5), (1, 0.5): C = [[2, 1], [1, 0.5]], off-diagonal squares 2, c = 2 / d = 1.
    // l = 25 * 0 + 25 * (2 * 0.1464113) + 1 * (2 * 1) = 7.3205628 + 2 = 9.3205628.
    double[][] z = {{0, 0}, {2, 1}, {0, 0}, {2, 1}};
    assertEquals(9.3205628, loss(PAPER, z), 1e-4);
  }

  @Test
  void aCollapsedBatchPaysTheWholeVarianceHinge() throws InterruptedException {
    // Every embedding equal: invariance 0, covariance 0, every std sqrt(0 + 1e-4) = 0.01, hinge 0.99 per
    // feature and view: l = 25 * 2 * 0.99 = 49.5.
    double[][] z = new double[6][];
    for (int i = 0; i < z.length; i++) {
      z[i] = new double[] {0.3, -1.0, 2.0};
    }
    assertEquals(49.5, loss(PAPER, z), 1e-4);
    float[] g = Gradients.of(manager, in -> PAPER.evaluate(new NDList(), new NDList(in.get(0))), false, z)[0];
    for (float v : g) {
      assertTrue(Float.isFinite(v), "gradient at collapse is not finite");
    }
  }

  @Test
  void identicalViewsOfSpreadUncorrelatedFeaturesGiveZero() {
    // Both views the same; features +-2 with zero covariance: std = sqrt(16/3 + 1e-4) > 1, so every term is 0.
    double[][] view = {{2, 2}, {2, -2}, {-2, 2}, {-2, -2}};
    double[][] z = {view[0], view[1], view[2], view[3], view[0], view[1], view[2], view[3]};
    assertEquals(0.0, loss(PAPER, z), TOLERANCE);
  }

  @Test
  void theInvarianceTermIsTheMeanOverAllEntries() {
    // Views differ by 1 in every entry: MSE over N d entries = 1 (eq. 5's per-sample sum would give d = 2).
    double[][] z = {{0, 0}, {5, 5}, {1, 1}, {6, 6}};
    assertEquals(1.0, loss(weights(1, 0, 0), z), TOLERANCE);
  }

  @Test
  void gradientIsFiniteAndDoesNotDependOnAGarbageCollectionBeforeBackward() throws InterruptedException {
    float[] plain = Gradients.of(manager, in -> PAPER.evaluate(new NDList(), new NDList(in.get(0))), false,
        ReferenceInputs.Z)[0];
    Gradients.assertFiniteAndNonZero(plain);
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, Gradients.of(manager, in -> PAPER.evaluate(new NDList(), new NDList(in.get(0))), true,
          ReferenceInputs.Z)[0], "round " + round);
    }
  }

  @Test
  void rejectsABatchOfOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> loss(PAPER, new double[][] {{1, 0}, {0, 1}}));
    assertTrue(e.getMessage().contains("N >= 2"), e.getMessage());
  }

  @Test
  void rejectsParametersOutOfRange() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new VicRegLoss(-1, 25, 1, 1, 1e-4)).getMessage()
        .contains("invariance weight must be a finite number >= 0"));
    assertThrows(IllegalArgumentException.class, () -> new VicRegLoss(25, Double.NaN, 1, 1, 1e-4));
    assertThrows(IllegalArgumentException.class, () -> new VicRegLoss(25, 25, Double.POSITIVE_INFINITY, 1, 1e-4));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new VicRegLoss(0, 0, 0, 1, 1e-4)).getMessage()
        .contains("at least one weight > 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new VicRegLoss(25, 25, 1, 0, 1e-4)).getMessage()
        .contains("gamma must be a finite number > 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new VicRegLoss(25, 25, 1, 1, 0)).getMessage()
        .contains("epsilon must be a finite number > 0"));
  }
}

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BarlowTwinsLossTest {
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

  private double loss(double lambda, double[][] z) {
    return new BarlowTwinsLoss(lambda).evaluate(new NDList(), new NDList(DjlTests.matrix(manager, z))).getFloat();
  }

  @Test
  void matchesThePyTorchReference() throws InterruptedException {
    // From src/test/python/joint_embedding_reference.py (BARLOW_*), the reference code's BatchNorm1d(affine=False).
    assertEquals(0.142411544, loss(0.01, ReferenceInputs.Z), TOLERANCE);
    assertEquals(0.117162380, loss(0, ReferenceInputs.Z), TOLERANCE); // the invariance term alone
    assertEquals(2.642078827, loss(1, ReferenceInputs.Z), 1e-4);
    float[] g = Gradients.of(manager, in -> new BarlowTwinsLoss(0.01).evaluate(new NDList(), new NDList(in.get(0))),
        false, ReferenceInputs.Z)[0];
    Gradients.assertClose(new double[] {0.003514330, -0.006700576, -0.266183661, -0.002274114, 0.028145492,
        0.145193436, -0.001240215, -0.021444916, 0.120990224, 0.000362973, 0.022151127, 0.356763173, -0.000181516,
        -0.038763203, 0.133811307, -0.000181457, 0.016612076, -0.490574480}, g, 1e-4);
  }

  @Test
  void aBatchOfTwoMatchesTheReference() {
    // BARLOW_N2_LAMBDA_0_01: with N = 2 each standardised feature is +-r (r just below 1), so every C_ij is +-r^2.
    assertEquals(8.059531420, loss(0.01, ReferenceInputs.Z2), 1e-4);
  }

  @Test
  void aBatchOfTwoByHand() {
    // N = 2, d = 2. View 1 rows (0, 0), (1, 1); view 2 rows (0, 1), (1, 0). Every feature has values {0, 1}:
    // mean 0.5, biased variance 0.25, standardised to -+r with r = 0.5 / sqrt(0.25 + 1e-5), r^2 = 0.99996.
    // View 1 features: f0 = (-r, r), f1 = (-r, r); view 2: f0 = (-r, r), f1 = (r, -r). C = A^T B / 2:
    //   C00 = r^2, C01 = -r^2, C10 = r^2, C11 = -r^2.
    // L = (1 - r^2)^2 + (1 + r^2)^2 + lambda (r^4 + r^4) = 1.6e-9 + 3.99984 + 0.01 * 1.99984 = 4.0198384.
    double[][] z = {{0, 0}, {1, 1}, {0, 1}, {1, 0}};
    assertEquals(4.0198384, loss(0.01, z), 1e-4);
  }

  @Test
  void identicalViewsOfUncorrelatedFeaturesGiveZero() {
    // Four samples, both views the same; the two features have mean 0, variance 1 and zero correlation,
    // so C = I / (1 + 1e-5): L = 2 (1e-5)^2 + 0, zero at float precision.
    double[][] view = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
    double[][] z = {view[0], view[1], view[2], view[3], view[0], view[1], view[2], view[3]};
    assertEquals(0.0, loss(0.01, z), TOLERANCE);
  }

  @Test
  void oppositeViewsGiveFourPerFeature() {
    // z2 = -z1 with uncorrelated features: C = -I, L = sum_i (1 - (-1))^2 = 4 d = 8.
    double[][] view = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
    double[][] z = new double[8][];
    for (int i = 0; i < 4; i++) {
      z[i] = view[i];
      z[i + 4] = new double[] {-view[i][0], -view[i][1]};
    }
    assertEquals(8.0, loss(0.01, z), 1e-4);
  }

  @Test
  void aCollapsedBatchGivesTheEmbeddingSize() throws InterruptedException {
    // Every embedding equal: each feature is constant over the batch, standardised to 0 (the epsilon
    // keeps 0 / 0 away), so C = 0 and L = sum_i (1 - 0)^2 = d = 3, for any lambda.
    double[][] z = new double[6][];
    for (int i = 0; i < z.length; i++) {
      z[i] = new double[] {0.3, -1.0, 2.0};
    }
    assertEquals(3.0, loss(0.01, z), TOLERANCE);
    assertEquals(3.0, loss(1, z), TOLERANCE);
    float[] g = Gradients.of(manager, in -> new BarlowTwinsLoss(0.01).evaluate(new NDList(), new NDList(in.get(0))),
        false, z)[0];
    for (float v : g) {
      assertTrue(Float.isFinite(v), "gradient at collapse is not finite");
    }
  }

  @Test
  void gradientIsFiniteAndDoesNotDependOnAGarbageCollectionBeforeBackward() throws InterruptedException {
    float[] plain = Gradients.of(manager, in -> new BarlowTwinsLoss(0.01).evaluate(new NDList(), new NDList(in.get(0))),
        false, ReferenceInputs.Z)[0];
    Gradients.assertFiniteAndNonZero(plain);
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, Gradients.of(manager,
          in -> new BarlowTwinsLoss(0.01).evaluate(new NDList(), new NDList(in.get(0))), true, ReferenceInputs.Z)[0],
          "round " + round);
    }
  }

  @Test
  void rejectsABatchOfOneAndOddRows() {
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> loss(0.01, new double[][] {{1, 0}, {0, 1}}));
    assertTrue(one.getMessage().contains("N >= 2"), one.getMessage());
    assertThrows(IllegalArgumentException.class, () -> loss(0.01, new double[][] {{1, 0}, {0, 1}, {1, 1}}));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.001, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsALambdaThatIsNotFiniteAndNonNegative(double lambda) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BarlowTwinsLoss(lambda));
    assertTrue(e.getMessage().contains("lambda must be a finite number >= 0"), e.getMessage());
  }
}

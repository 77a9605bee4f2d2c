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

class ByolLossTest {
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

  private double loss(double[][] online, double[][] target) {
    return new ByolLoss().evaluate(new NDList(), new NDList(DjlTests.matrix(manager, online),
        DjlTests.matrix(manager, target))).getFloat();
  }

  @Test
  void matchesThePyTorchReference() throws InterruptedException {
    // From src/test/python/joint_embedding_reference.py (BYOL, BYOL_GRAD_P): q = P, z' = Z.
    assertEquals(5.887409669, loss(ReferenceInputs.P, ReferenceInputs.Z), TOLERANCE);
    float[][] g = Gradients.of(manager, in -> new ByolLoss().evaluate(in.get(0), in.get(1)), false,
        ReferenceInputs.P, ReferenceInputs.Z);
    Gradients.assertClose(new double[] {-0.325742939, -0.000722268, -0.196456939, -0.529420262, -0.221784164,
        0.050080295, 0.161993875, -0.351352930, -0.314000458, -0.183505786, 0.463273207, -0.114296601, -0.166120412,
        -0.079226658, -0.120117836, 0.072835470, -0.358403808, -0.270024182}, g[0], 1e-5);
  }

  @Test
  void identicalOppositeAndOrthogonalTargetsByHand() {
    // Each of the two terms is the batch mean of 2 - 2 cos; they are summed (eq. 5): 4 - 4 mean cos.
    double[][] z = {{1, 0}, {0, 3}, {2, 0}, {0, 1}}; // N = 2; other view of row 0 is row 2, etc.
    double[][] same = {{5, 0}, {0, 1}, {1, 0}, {0, 2}}; // every row points as its other view: cos 1, L = 0
    assertEquals(0.0, loss(same, z), TOLERANCE);
    double[][] opposite = {{-1, 0}, {0, -1}, {-1, 0}, {0, -4}}; // cos -1: L = 8
    assertEquals(8.0, loss(opposite, z), TOLERANCE);
    double[][] orthogonal = {{0, 1}, {1, 0}, {0, 2}, {3, 0}}; // cos 0: L = 4
    assertEquals(4.0, loss(orthogonal, z), TOLERANCE);
  }

  @Test
  void aBatchOfTwoMatchesThePyTorchReference() {
    // BYOL_N1 of src/test/python/joint_embedding_reference.py: N = 1, q = Z2[0:2], z' = Z2[2:4].
    double[][] z2 = ReferenceInputs.Z2;
    assertEquals(2.926324575, loss(ReferenceInputs.rows(z2, 0, 2), ReferenceInputs.rows(z2, 2, 4)), TOLERANCE);
    // Identical views in a batch of 2 (q1 = z'2, q2 = z'1, by hand): both cosines 1, loss 0.
    assertEquals(0, loss(new double[][] {{1, 2, 3}, {-1, 0, 2}}, new double[][] {{-1, 0, 2}, {1, 2, 3}}), TOLERANCE);
  }

  @Test
  void aCollapsedBatchOnTargetGivesZero() {
    // Online and target networks collapsed to one direction: every cosine 1, L = 0 (why BYOL needs its
    // predictor and EMA target to avoid this point).
    double[][] z = {{1, 1}, {1, 1}, {1, 1}, {1, 1}};
    assertEquals(0.0, loss(z, z), TOLERANCE);
  }

  @Test
  void theTargetGetsNoGradient() throws InterruptedException {
    float[][] g = Gradients.of(manager, in -> new ByolLoss().evaluate(in.get(0), in.get(1)), false,
        ReferenceInputs.P, ReferenceInputs.Z);
    Gradients.assertFiniteAndNonZero(g[0]);
    Gradients.assertZero(g[1]);
  }

  @Test
  void gradientDoesNotDependOnAGarbageCollectionBeforeBackward() throws InterruptedException {
    float[] plain = Gradients.of(manager, in -> new ByolLoss().evaluate(in.get(0), in.get(1)), false,
        ReferenceInputs.P, ReferenceInputs.Z)[0];
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, Gradients.of(manager, in -> new ByolLoss().evaluate(in.get(0), in.get(1)), true,
          ReferenceInputs.P, ReferenceInputs.Z)[0], "round " + round);
    }
  }

  @Test
  void rejectsShapesThatDoNotAgree() {
    assertThrows(IllegalArgumentException.class, () -> loss(new double[][] {{1, 0}}, new double[][] {{1, 0}}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> loss(new double[][] {{1, 0}, {0, 1}}, new double[][] {{1, 0}, {0, 1}, {1, 1}, {1, 1}}));
    assertTrue(e.getMessage().contains("target projections of the predictions' shape"), e.getMessage());
  }
}

package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MocoInfoNceLossTest {
  private static final double TOLERANCE = 1e-5;
  private static final double[][] QUERIES = ReferenceInputs.rows(ReferenceInputs.P, 0, 2);
  private static final double[][] KEYS = ReferenceInputs.rows(ReferenceInputs.P, 2, 4);
  private static final double[][] QUEUE = ReferenceInputs.rows(ReferenceInputs.Z, 0, 4);
  private NDManager manager;

  @BeforeEach
  void start() {
    manager = DjlTests.manager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private double loss(double temperature, double[][] q, double[][] k, double[][] queue) {
    return new MocoInfoNceLoss(temperature).evaluate(DjlTests.matrix(manager, q), DjlTests.matrix(manager, k),
        DjlTests.matrix(manager, queue)).getFloat();
  }

  @Test
  void matchesThePyTorchReference() throws InterruptedException {
    // From src/test/python/joint_embedding_reference.py (MOCO_*): q = P[0:2], k = P[2:4], queue = Z[0:4].
    assertEquals(4.422375880, loss(0.2, QUERIES, KEYS, QUEUE), TOLERANCE);
    assertEquals(12.544192812, loss(0.07, QUERIES, KEYS, QUEUE), 1e-4);
    float[][] g = Gradients.of(manager, in -> new MocoInfoNceLoss(0.2).evaluate(in.get(0), in.get(1), in.get(2)), false,
        QUERIES, KEYS, QUEUE);
    Gradients.assertClose(new double[] {-0.762402176, -0.769592506, -1.534870814, -2.172330281, -1.130652194,
        1.308600407}, g[0], 1e-5);
  }

  @Test
  void equalSimilaritiesGiveTheLogOfOnePlusTheQueueSize() {
    // q is orthogonal to its key and to both queued keys: every logit 0 at any tau, -log(1 / 3) = log 3.
    double[][] q = {{1, 0, 0}};
    double[][] k = {{0, 1, 0}};
    double[][] queue = {{0, 0, 1}, {0, 0, 2}};
    assertEquals(Math.log(3), loss(0.2, q, k, queue), TOLERANCE);
    assertEquals(1.0986123, loss(0.05, q, k, queue), TOLERANCE);
  }

  @Test
  void anIdenticalKeyAgainstOneOrthogonalNegativeByHand() {
    // tau = 1, q = k: logits (1, 0); L = -log(e / (e + 1)) = log(1 + e^-1) = 0.3132617.
    assertEquals(0.3132617, loss(1, new double[][] {{2, 0}}, new double[][] {{1, 0}}, new double[][] {{0, 5}}), TOLERANCE);
  }

  @Test
  void aCollapsedBatchGivesTheLogOfOnePlusTheQueueSize() {
    // Queries, keys and queue all one direction: every logit 1 / tau, the softmax uniform over 1 + K = 5.
    double[][] same = {{1, 1}, {1, 1}};
    assertEquals(Math.log(5), loss(0.2, same, same, new double[][] {{2, 2}, {1, 1}, {3, 3}, {1, 1}}), TOLERANCE);
  }

  @Test
  void keysAndQueueGetNoGradient() throws InterruptedException {
    float[][] g = Gradients.of(manager, in -> new MocoInfoNceLoss(0.2).evaluate(in.get(0), in.get(1), in.get(2)), false,
        QUERIES, KEYS, QUEUE);
    Gradients.assertFiniteAndNonZero(g[0]);
    Gradients.assertZero(g[1]);
    Gradients.assertZero(g[2]);
  }

  @Test
  void gradientDoesNotDependOnAGarbageCollectionBeforeBackward() throws InterruptedException {
    float[] plain = Gradients.of(manager, in -> new MocoInfoNceLoss(0.2).evaluate(in.get(0), in.get(1), in.get(2)),
        false, QUERIES, KEYS, QUEUE)[0];
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, Gradients.of(manager,
          in -> new MocoInfoNceLoss(0.2).evaluate(in.get(0), in.get(1), in.get(2)), true, QUERIES, KEYS, QUEUE)[0],
          "round " + round);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.2, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsTemperaturesThatAreNotPositive(double temperature) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MocoInfoNceLoss(temperature));
    assertTrue(e.getMessage().contains("temperature must be a finite number > 0"), e.getMessage());
  }

  @Test
  void rejectsShapesThatDoNotAgree() {
    IllegalArgumentException keys = assertThrows(IllegalArgumentException.class,
        () -> loss(0.2, QUERIES, QUEUE, QUEUE));
    assertTrue(keys.getMessage().contains("queries and keys of one shape"), keys.getMessage());
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
        () -> loss(0.2, QUERIES, KEYS, new double[][] {{1, 0}}));
    assertTrue(width.getMessage().contains("queue of shape (K, 3)"), width.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> new MocoInfoNceLoss(0.2).evaluate(DjlTests.matrix(manager, QUERIES), DjlTests.matrix(manager, KEYS),
            manager.zeros(new Shape(0, 3))));
    assertTrue(empty.getMessage().contains("K >= 1"), empty.getMessage());
  }
}

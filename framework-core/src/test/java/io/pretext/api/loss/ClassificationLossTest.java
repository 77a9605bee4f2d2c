package io.pretext.api.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.pretext.api.nn.layers.BlockTesting;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClassificationLossTest {
  private NDManager manager;

  @BeforeEach
  void start() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private float loss(float[][] logits, NDArray labels) {
    return new ClassificationLoss().evaluate(new NDList(labels), new NDList(manager.create(logits))).getFloat();
  }

  @Test
  void meanOfMinusLogSoftmaxAtTheLabel() {
    // Row 0: logits (0, 0, 0), label 2: -log(1/3) = 1.0986123.
    // Row 1: logits (ln 3, 0, 0), label 0: softmax = 3 / (3 + 1 + 1) = 0.6, -log 0.6 = 0.5108256.
    // Mean: (1.0986123 + 0.5108256) / 2 = 0.8047190.
    float[][] logits = {{0, 0, 0}, {(float) Math.log(3), 0, 0}};
    assertEquals(0.8047190, loss(logits, manager.create(new int[] {2, 0})), 1e-6);
    // Float labels and an (N, 1) column give the same value.
    assertEquals(0.8047190, loss(logits, manager.create(new float[] {2, 0})), 1e-6);
    assertEquals(0.8047190, loss(logits, manager.create(new int[] {2, 0}, new Shape(2, 1))), 1e-6);
  }

  @Test
  void largeLogitsStayFinite() {
    // logits (1000, 0), label 1: -log softmax = log(e^1000 + 1) - 0 = 1000 (to float precision).
    assertEquals(1000, loss(new float[][] {{1000, 0}}, manager.create(new int[] {1})), 1e-3);
  }

  @Test
  void badShapesAndLabelsAreRejectedWithTheShapes() {
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> new ClassificationLoss()
        .evaluate(new NDList(manager.create(new int[] {0})), new NDList(manager.zeros(new Shape(1, 2, 3)))));
    assertTrue(rank.getMessage().contains("(N, K)"), rank.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> loss(new float[][] {{0, 0}, {0, 0}}, manager.create(new int[] {0, 1, 1})));
    assertTrue(count.getMessage().contains("3 labels"), count.getMessage());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> loss(new float[][] {{0, 0}, {0, 0}}, manager.create(new int[] {0, 2})));
    assertTrue(range.getMessage().contains("0..1"), range.getMessage());
  }

  /** d L / d z = (softmax(z) - onehot(y)) / N, with or without a garbage collection before backward. */
  private float[] gradient(boolean collect) throws InterruptedException {
    NDArray z = manager.create(new float[][] {{1, 2, 0.5f}, {-1, 0, 3}});
    z.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray value = new ClassificationLoss().evaluate(new NDList(manager.create(new int[] {1, 0})), new NDList(z));
      List<ByteBuffer> reuse = collect ? BlockTesting.collectFreedBuffers() : List.of();
      collector.backward(value);
      Reference.reachabilityFence(reuse);
    }
    return z.getGradient().toFloatArray();
  }

  @Test
  void gradientIsSoftmaxMinusOneHotOverNAndSurvivesACollection() throws InterruptedException {
    float[][] z = {{1, 2, 0.5f}, {-1, 0, 3}};
    int[] y = {1, 0};
    float[] expected = new float[6];
    for (int i = 0; i < 2; i++) {
      double sum = 0;
      for (float v : z[i]) {
        sum += Math.exp(v);
      }
      for (int k = 0; k < 3; k++) {
        expected[3 * i + k] = (float) ((Math.exp(z[i][k]) / sum - (k == y[i] ? 1 : 0)) / 2);
      }
    }
    float[] plain = gradient(false);
    assertArrayEquals(expected, plain, 1e-6f);
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, gradient(true), "round " + round);
    }
  }
}

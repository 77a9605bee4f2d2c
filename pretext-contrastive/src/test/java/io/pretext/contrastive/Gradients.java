package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.pretext.api.nn.layers.BlockTesting;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Gradients of a loss with respect to its inputs, on the real engine, for the loss tests. */
final class Gradients {
  private Gradients() {}

  /**
   * Runs {@code loss} on the inputs (each a leaf that requires a gradient) and back-propagates.
   *
   * @param collectBeforeBackward free unreachable native buffers between forward and backward
   *     (see {@link BlockTesting#collectFreedBuffers()}): a loss that reads freed memory then
   *     gives a different gradient
   * @return the gradient of each input, flattened; zeros for an input the loss detaches
   */
  static float[][] of(NDManager manager, Function<List<NDArray>, NDArray> loss, boolean collectBeforeBackward,
      double[][]... inputs) throws InterruptedException {
    List<NDArray> leaves = new ArrayList<>();
    for (double[][] input : inputs) {
      NDArray leaf = DjlTests.matrix(manager, input);
      leaf.setRequiresGradient(true);
      leaves.add(leaf);
    }
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray value = loss.apply(leaves);
      List<ByteBuffer> reuse = collectBeforeBackward ? BlockTesting.collectFreedBuffers() : List.of();
      collector.backward(value);
      Reference.reachabilityFence(reuse); // the buffers over the freed memory stay allocated until here
    }
    float[][] out = new float[leaves.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = leaves.get(i).getGradient().toFloatArray();
    }
    return out;
  }

  /** Every entry finite, and not all of them zero. */
  static void assertFiniteAndNonZero(float[] gradient) {
    double sumOfSquares = 0;
    for (float g : gradient) {
      assertTrue(Float.isFinite(g), "gradient has a non-finite value");
      sumOfSquares += g * g;
    }
    assertTrue(sumOfSquares > 1e-12, "gradient is zero");
  }

  /** Every entry exactly zero: the input got no gradient (a stop-gradient). */
  static void assertZero(float[] gradient) {
    for (float g : gradient) {
      assertEquals(0f, g, "a detached input got a gradient");
    }
  }

  /** Entry-wise comparison with a reference (within {@code tolerance}). */
  static void assertClose(double[] expected, float[] actual, double tolerance) {
    assertEquals(expected.length, actual.length, "gradient size");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, "entry " + i);
    }
  }
}

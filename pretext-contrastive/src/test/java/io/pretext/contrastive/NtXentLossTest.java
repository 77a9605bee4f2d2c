package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.pretext.api.nn.layers.BlockTesting;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NtXentLossTest {
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

  private double loss(double temperature, double[][] z) {
    return new NtXentLoss(temperature).evaluate(new NDList(), new NDList(DjlTests.matrix(manager, z))).getFloat();
  }

  private double accuracy(double[][] z) {
    return new ContrastiveAccuracy().evaluate(new NDList(), new NDList(DjlTests.matrix(manager, z))).getFloat();
  }

  /** N = 2, d = 2; rows 0, 1 are the first views of samples 0, 1; rows 2, 3 their second views. */
  private static final double[][] IDENTICAL_VIEWS = {{1, 0}, {0, 1}, {1, 0}, {0, 1}};

  @Test
  void identicalViewsAtTemperatureOne() {
    // Every anchor sees: its positive at cosine 1, the two views of the other sample at cosine 0.
    // l = -log(e^1 / (e^1 + e^0 + e^0)) = log(e + 2) - 1 = log(4.7182818) - 1 = 1.5514447 - 1 = 0.5514447,
    // the same for all four anchors, so the mean is 0.5514447.
    assertEquals(0.5514447, loss(1.0, IDENTICAL_VIEWS), TOLERANCE);
    assertEquals(1.0, accuracy(IDENTICAL_VIEWS), 0);
  }

  @Test
  void temperatureDividesTheSimilarities() {
    // tau = 0.5: logits are cosine / 0.5, so 2 for the positive and 0 for the two negatives:
    // l = log(e^2 + 2) - 2 = log(7.3890561 + 2) - 2 = 2.2395448 - 2 = 0.2395448 (lower: sharper softmax).
    assertEquals(0.2395448, loss(0.5, IDENTICAL_VIEWS), TOLERANCE);
    // tau = 2: logits 0.5 and 0: l = log(e^0.5 + 2) - 0.5 = log(3.6487213) - 0.5 = 1.2943767 - 0.5 = 0.7943767.
    assertEquals(0.7943767, loss(2.0, IDENTICAL_VIEWS), TOLERANCE);
  }

  @Test
  void orthogonalEmbeddingsGiveLogOfTheNegativesPlusOne() {
    // Four mutually orthogonal rows: every cosine is 0, every logit 0 whatever tau, so each anchor's
    // softmax is uniform over the 2N - 1 = 3 other views: l = -log(1/3) = log 3 = 1.0986123.
    double[][] z = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    assertEquals(Math.log(3), loss(0.5, z), TOLERANCE);
    assertEquals(1.0986123, loss(0.1, z), TOLERANCE);
  }

  @Test
  void twoSamplesByHand() {
    // Raw rows (norms 2, 0.5, 5, 10) normalize to v0 = (1, 0), v1 = (0, 1), v2 = (0.6, 0.8), v3 = (0.8, -0.6).
    // Pairs: (v0, v2) is sample 0, (v1, v3) is sample 1. Cosines:
    //   v0.v1 = 0, v0.v2 = 0.6, v0.v3 = 0.8, v1.v2 = 0.8, v1.v3 = -0.6, v2.v3 = 0.48 - 0.48 = 0.
    // tau = 1, e^0.6 = 1.8221188, e^0.8 = 2.2255409, e^-0.6 = 0.5488116:
    //   anchor 0 (positive v2 = 0.6; others v1 = 0, v3 = 0.8):
    //     l0 = -0.6 + log(1 + 1.8221188 + 2.2255409) = -0.6 + log(5.0476597) = -0.6 + 1.6189247 = 1.0189247
    //   anchor 1 (positive v3 = -0.6; others v0 = 0, v2 = 0.8):
    //     l1 = 0.6 + log(1 + 2.2255409 + 0.5488116) = 0.6 + log(3.7743526) = 0.6 + 1.3282289 = 1.9282289
    //   anchor 2 (positive v0 = 0.6; others v1 = 0.8, v3 = 0): l2 = l0 = 1.0189247
    //   anchor 3 (positive v1 = -0.6; others v0 = 0.8, v2 = 0): l3 = l1 = 1.9282289
    //   mean = (1.0189247 + 1.9282289) / 2 = 1.4735768
    double[][] z = {{2, 0}, {0, 0.5}, {3, 4}, {8, -6}};
    assertEquals(1.4735768, loss(1.0, z), TOLERANCE);
    // Contrastive accuracy: each anchor's most similar other view is a negative at 0.8
    // (v0 -> v3, v1 -> v2, v2 -> v1, v3 -> v0), so no anchor finds its positive: 0.
    assertEquals(0.0, accuracy(z), 0);
  }

  @Test
  void matchesAPlainJavaReferenceOnRandomEmbeddings() {
    SplittableRandom random = new SplittableRandom(5);
    double[][] z = new double[12][7];
    for (double[] row : z) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextGaussian();
      }
    }
    assertEquals(reference(z, 0.3), loss(0.3, z), 1e-4);
  }

  @Test
  void doesNotDependOnEmbeddingNorms() {
    SplittableRandom random = new SplittableRandom(9);
    double[][] z = new double[8][5];
    double[][] scaled = new double[8][5];
    for (int i = 0; i < z.length; i++) {
      double factor = Math.exp(random.nextDouble(-4, 4));
      for (int j = 0; j < z[i].length; j++) {
        z[i][j] = random.nextGaussian();
        scaled[i][j] = z[i][j] * factor;
      }
    }
    assertEquals(loss(0.5, z), loss(0.5, scaled), 1e-5);
  }

  @Test
  void staysFiniteForSmallTemperatures() {
    // tau = 1e-3 puts logits near 1000: a naive exp overflows float32, log-sum-exp does not.
    double[][] z = {{1, 0.1}, {0.2, 1}, {1, 0.12}, {0.1, 1}};
    double value = loss(1e-3, z);
    assertTrue(Double.isFinite(value) && value >= 0, "loss " + value);
  }

  private static double[][] gaussianRows(int rows, int columns, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] values = new double[rows][columns];
    for (double[] row : values) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return values;
  }

  /** The loss's gradient with respect to the embeddings, optionally collecting garbage before backward. */
  private float[] gradient(double[][] values, boolean collectBeforeBackward) throws InterruptedException {
    NDArray z = DjlTests.matrix(manager, values);
    z.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = new NtXentLoss(0.5).evaluate(new NDList(), new NDList(z));
      List<ByteBuffer> reuse = collectBeforeBackward ? BlockTesting.collectFreedBuffers() : List.of();
      collector.backward(loss);
      Reference.reachabilityFence(reuse); // the buffers over the freed memory stay allocated until here
    }
    return z.getGradient().toFloatArray();
  }

  @Test
  void gradientDoesNotDependOnAGarbageCollectionBeforeBackward() throws InterruptedException {
    double[][] values = gaussianRows(6, 4, 5);
    float[] plain = gradient(values, false);
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(plain, gradient(values, true), "round " + round);
    }
  }

  @Test
  void gradientExistsAndIsFinite() throws InterruptedException {
    float[] gradient = gradient(gaussianRows(6, 4, 3), false);
    double sumOfSquares = 0;
    for (float g : gradient) {
      assertTrue(Float.isFinite(g), "gradient has a non-finite value");
      sumOfSquares += g * g;
    }
    assertTrue(sumOfSquares > 1e-8, "gradient is zero");
  }

  @Test
  void handlesTheProtocolBatchOf512Views() {
    SplittableRandom random = new SplittableRandom(1);
    float[] flat = new float[512 * 64];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = (float) random.nextGaussian();
    }
    NDArray z = manager.create(flat, new ai.djl.ndarray.types.Shape(512, 64));
    double value = new NtXentLoss(0.5).evaluate(new NDList(), new NDList(z)).getFloat();
    // Random directions in 64 dimensions are nearly orthogonal: close to log(2N - 1) = log 511 = 6.236.
    assertEquals(Math.log(511), value, 0.1);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsTemperaturesThatAreNotPositive(double temperature) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(temperature));
    assertTrue(e.getMessage().contains("temperature must be a finite number > 0"), e.getMessage());
  }

  @Test
  void rejectsEmbeddingsThatAreNotPairsOfViews() {
    IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
        () -> loss(0.5, new double[][] {{1, 0}, {0, 1}, {1, 1}}));
    assertTrue(odd.getMessage().contains("(2N, d)"), odd.getMessage());
    NDArray flat = manager.create(new float[] {1, 2, 3, 4});
    assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(0.5).evaluate(new NDList(), new NDList(flat)));
  }

  /** NT-Xent written out loop by loop, in double precision. */
  private static double reference(double[][] z, double temperature) {
    int rows = z.length;
    double[][] unit = new double[rows][];
    for (int i = 0; i < rows; i++) {
      double norm = 0;
      for (double v : z[i]) {
        norm += v * v;
      }
      unit[i] = new double[z[i].length];
      for (int j = 0; j < z[i].length; j++) {
        unit[i][j] = z[i][j] / Math.sqrt(norm);
      }
    }
    double total = 0;
    for (int i = 0; i < rows; i++) {
      double denominator = 0;
      double positive = 0;
      for (int k = 0; k < rows; k++) {
        if (k == i) {
          continue;
        }
        double s = 0;
        for (int j = 0; j < unit[i].length; j++) {
          s += unit[i][j] * unit[k][j];
        }
        denominator += Math.exp(s / temperature);
        if (k == (i + rows / 2) % rows) {
          positive = s / temperature;
        }
      }
      total += Math.log(denominator) - positive;
    }
    return total / rows;
  }
}

package io.pretext.api.nn.layers;

import static io.pretext.api.nn.layers.BlockTesting.forward;
import static io.pretext.api.nn.layers.BlockTesting.init;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LayersTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray array(float[] values, long... shape) {
    return manager.create(values, new Shape(shape));
  }

  @Test
  void reluAndGeluGiveKnownValues() {
    NDArray x = array(new float[] {-2, -1, 0, 1, 2}, 5);
    assertArrayEquals(new float[] {0, 0, 0, 1, 2}, forward(new Relu(), manager, x, false).toFloatArray());
    // x * Phi(x), exact erf form
    float[] gelu = forward(new Gelu(), manager, x, false).toFloatArray();
    assertArrayEquals(new float[] {-0.0455003f, -0.1586553f, 0, 0.8413447f, 1.9544997f}, gelu, 1e-5f);
    assertEquals(new Shape(3, 4), new Relu().getOutputShapes(new Shape[] {new Shape(3, 4)})[0]);
  }

  @Test
  void globalAveragePoolAveragesEachChannel() {
    NDArray x = manager.arange(16f).reshape(2, 2, 2, 2);
    NDArray y = forward(new GlobalAvgPool2d(), manager, x, false);
    assertEquals(new Shape(2, 2), y.getShape());
    assertArrayEquals(new float[] {1.5f, 5.5f, 9.5f, 13.5f}, y.toFloatArray(), 1e-6f);
    assertEquals(new Shape(8, 3), new GlobalAvgPool2d().getOutputShapes(new Shape[] {new Shape(8, 3, 5, 7)})[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GlobalAvgPool2d().getOutputShapes(new Shape[] {new Shape(8, 3)}));
    assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
  }

  @Test
  void maxAndAveragePoolsGiveKnownValuesAndShapes() {
    NDArray x = manager.arange(16f).reshape(1, 1, 4, 4);
    MaxPool2d max = new MaxPool2d(2, 2, 0);
    assertArrayEquals(new float[] {5, 7, 13, 15}, forward(max, manager, x, false).toFloatArray());
    assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f},
        forward(new AvgPool2d(2, 2, 0), manager, x, false).toFloatArray(), 1e-6f);
    // padded zeros count in the divisor: a 3x3 window over a 2x2 map of ones holds 4 ones
    NDArray ones = manager.ones(new Shape(1, 1, 2, 2));
    AvgPool2d padded = new AvgPool2d(3, 1, 1);
    assertArrayEquals(new float[] {4 / 9f, 4 / 9f, 4 / 9f, 4 / 9f},
        forward(padded, manager, ones, false).toFloatArray(), 1e-6f);
    assertEquals(new Shape(2, 3, 14, 14), new MaxPool2d(3, 2, 1).getOutputShapes(new Shape[] {new Shape(2, 3, 28, 28)})[0]);
    assertEquals(3, padded.getKernel());
    assertEquals(1, padded.getStride());
    assertEquals(1, padded.getPadding());
    assertTrue(padded.isCountIncludePad());
  }

  @Test
  void poolsRejectBadHyperParametersWithTheirName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(0, 1, 0)).getMessage()
        .contains("MaxPool2d: kernel must be >= 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(3, 0, 0)).getMessage()
        .contains("stride"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(3, 1, 2)).getMessage()
        .contains("padding must be in [0, kernel/2]"));
    assertThrows(IllegalArgumentException.class,
        () -> new MaxPool2d(5, 1, 0).getOutputShapes(new Shape[] {new Shape(1, 1, 3, 3)}));
  }

  @Test
  void flattenKeepsTheBatchAxis() {
    NDArray x = manager.arange(24f).reshape(2, 3, 2, 2);
    NDArray y = forward(new Flatten(), manager, x, false);
    assertEquals(new Shape(2, 12), y.getShape());
    assertArrayEquals(x.toFloatArray(), y.toFloatArray());
  }

  @Test
  void residualAddsTheIdentityOrTheShortcut() {
    NDArray x = array(new float[] {-1, 2}, 1, 2);
    Residual identity = new Residual(new Relu());
    assertTrue(identity.getShortcut().isEmpty());
    assertArrayEquals(new float[] {-1, 4}, forward(identity, manager, x, false).toFloatArray());
    Residual projected = new Residual(new Relu(), new Relu());
    assertArrayEquals(new float[] {0, 4}, forward(projected, manager, x, false).toFloatArray());
  }

  @Test
  void residualWithMismatchedBranchesFailsClearly() {
    Residual r = new Residual(Layers.conv3x3(4, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> init(r, manager, new Shape(1, 2, 4, 4)));
    assertTrue(e.getMessage().contains("give a projection shortcut"), e.getMessage());
    Residual ok = new Residual(Layers.conv3x3(4, 2), Layers.conv1x1(4, 2));
    init(ok, manager, new Shape(1, 2, 4, 4));
    assertEquals(new Shape(1, 4, 2, 2), forward(ok, manager, manager.ones(new Shape(1, 2, 4, 4)), false).getShape());
  }

  @Test
  void batchNormHasPyTorchDefaults() {
    BatchNorm2d bn = Layers.batchNorm();
    assertEquals(1e-5f, bn.getEpsilon());
    assertEquals(0.1f, bn.getMomentum());
    init(bn, manager, new Shape(2, 3, 4, 4));
    assertEquals(3, bn.getChannels());
    assertArrayEquals(new float[] {1, 1, 1}, bn.getParameters().get("gamma").getArray().toFloatArray());
    assertArrayEquals(new float[] {0, 0, 0}, bn.getParameters().get("beta").getArray().toFloatArray());
    assertFalse(bn.getParameters().get("runningMean").requiresGradient());
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(0, 0.1f));
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(1e-5f, 0));
  }

  @Test
  void batchNormUsesBatchStatisticsInTrainingAndRunningOnesInInference() {
    BatchNorm2d bn = Layers.batchNorm();
    // one channel, 4 values: mean 2.5, biased variance 1.25, unbiased 5/3
    NDArray x = array(new float[] {1, 2, 3, 4}, 4, 1, 1, 1);
    init(bn, manager, x.getShape());
    float[] train = forward(bn, manager, x, true).toFloatArray();
    float sd = (float) Math.sqrt(1.25 + 1e-5);
    assertArrayEquals(new float[] {-1.5f / sd, -0.5f / sd, 0.5f / sd, 1.5f / sd}, train, 1e-5f);
    float runningMean = bn.getParameters().get("runningMean").getArray().getFloat(0);
    float runningVar = bn.getParameters().get("runningVar").getArray().getFloat(0);
    assertEquals(0.1f * 2.5f, runningMean, 1e-6f);
    assertEquals(0.9f + 0.1f * 5f / 3f, runningVar, 1e-6f);
    float[] infer = forward(bn, manager, x, false).toFloatArray();
    for (int i = 0; i < 4; i++) {
      assertEquals((i + 1 - runningMean) / (float) Math.sqrt(runningVar + 1e-5), infer[i], 1e-5f);
    }
    assertEquals(runningMean, bn.getParameters().get("runningMean").getArray().getFloat(0), "inference must not update");
  }

  @Test
  void convolutionsCarryTheirHyperParametersAndPyTorchInit() {
    Conv2d conv = Layers.conv3x3(8, 2);
    assertEquals(new Shape(3, 3), conv.getKernelShape());
    assertEquals(new Shape(2, 2), conv.getStride());
    assertEquals(new Shape(1, 1), conv.getPadding());
    assertEquals(8, conv.getFilters());
    assertEquals(1, conv.getGroups());
    assertFalse(conv.isIncludeBias());
    Conv2d pointwise = Layers.conv1x1(4, 2);
    assertEquals(new Shape(1, 1), pointwise.getKernelShape());
    assertEquals(new Shape(0, 0), pointwise.getPadding());

    init(conv, manager, new Shape(1, 16, 9, 9));
    NDArray w = conv.getParameters().get("weight").getArray();
    assertEquals(new Shape(8, 16, 3, 3), w.getShape());
    assertUniformWithin(w, 1 / Math.sqrt(16 * 9));
    assertNull(conv.getParameters().get("bias"));
    // the weight is a channels-last view: its values read back in logical (O, I, kh, kw) order
    NDArray copy = manager.create(w.toFloatArray(), w.getShape());
    NDArray x = manager.randomNormal(new Shape(2, 16, 9, 9));
    assertArrayEquals(Conv2d.conv2d(x, copy).singletonOrThrow().toFloatArray(),
        Conv2d.conv2d(x, w).singletonOrThrow().toFloatArray(), 1e-5f);
    assertEquals(w.get(1, 2, 0, 1).getFloat(), copy.get(1, 2, 0, 1).getFloat());
  }

  @Test
  void linearUsesPyTorchInitForWeightAndBias() {
    Linear linear = Layers.linear(64, true);
    init(linear, manager, new Shape(2, 100));
    assertEquals(new Shape(64, 100), linear.getParameters().get("weight").getShape());
    assertUniformWithin(linear.getParameters().get("weight").getArray(), 0.1);
    NDArray bias = linear.getParameters().get("bias").getArray();
    assertEquals(0.1, bias.abs().max().getFloat(), 0.1 * 0.2);
    Linear noBias = init(Layers.linear(3, false), manager, new Shape(2, 5));
    assertNull(noBias.getParameters().get("bias"));
    assertThrows(IllegalArgumentException.class, () -> Layers.linear(0, true));
    assertThrows(IllegalArgumentException.class, () -> Layers.conv2d(4, 3, 0, 1, false));
  }

  /** Values lie in [-bound, bound] and spread over it (max |w| near the bound, std near bound / sqrt 3). */
  private static void assertUniformWithin(NDArray w, double bound) {
    float maxAbs = w.abs().max().getFloat();
    assertTrue(maxAbs <= bound + 1e-6, "max |w| " + maxAbs + " > " + bound);
    assertTrue(maxAbs > 0.9 * bound, "max |w| " + maxAbs + " far below " + bound);
    double std = Math.sqrt(w.square().mean().getFloat());
    assertEquals(bound / Math.sqrt(3), std, 0.15 * bound / Math.sqrt(3));
  }
}

package io.pretext.core.nn.encoders;

import static io.pretext.api.nn.layers.BlockTesting.forward;
import static io.pretext.api.nn.layers.BlockTesting.init;
import static io.pretext.api.nn.layers.BlockTesting.trainableParameters;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.api.spi.Encoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResNetEncodersTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    Engine.getInstance().setRandomSeed(0);
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** Builds, initialises and runs the encoder on a random batch of 2; returns the output shape. */
  private Shape outputShape(Encoder encoder, Shape image) {
    Shape batch = new Shape(2).addAll(image);
    Block block = init(encoder.build(image), manager, batch);
    Shape declared = block.getOutputShapes(new Shape[] {batch})[0];
    NDArray y = forward(block, manager, manager.randomNormal(batch), true);
    assertEquals(declared, y.getShape());
    assertEquals(encoder.featureSize(image), y.getShape().get(1));
    return y.getShape();
  }

  @ParameterizedTest
  @CsvSource({"1,28,28", "3,32,32", "1,5,5", "2,9,13"})
  void resnetMiniGivesFourWidthFeatures(long c, long h, long w) {
    assertEquals(new Shape(2, 32), outputShape(new ResNetMini(8), new Shape(c, h, w)));
  }

  @ParameterizedTest
  @CsvSource({"3,32,32", "1,9,9", "1,28,28"})
  void resnet18GivesEightWidthFeatures(long c, long h, long w) {
    assertEquals(new Shape(2, 32), outputShape(new ResNet18(4), new Shape(c, h, w)));
  }

  @ParameterizedTest
  @CsvSource({"3,96,96", "1,33,33", "3,64,48"})
  void resnet18WithTheImageNetStemGivesEightWidthFeatures(long c, long h, long w) {
    assertEquals(new Shape(2, 32), outputShape(new ResNet18(4, ResNet18.Stem.IMAGENET), new Shape(c, h, w)));
  }

  @Test
  void resnet18WithTheImageNetStemHasTheTorchvisionParameterCount() {
    // torchvision's resnet18 has 11,689,512 parameters, of which the 1000-way classifier is 513,000
    Block block = init(new ResNet18(64, ResNet18.Stem.IMAGENET).build(new Shape(3, 64, 64)), manager,
        new Shape(1, 3, 64, 64));
    assertEquals(11_176_512, trainableParameters(block));
  }

  @Test
  void resnetMiniHasTheReferenceParameterCounts() {
    Shape batch = new Shape(1, 1, 28, 28);
    assertEquals(77_104, trainableParameters(init(new ResNetMini(16).build(new Shape(1, 28, 28)), manager, batch)));
    assertEquals(306_784, trainableParameters(init(new ResNetMini(32).build(new Shape(1, 28, 28)), manager, batch)));
  }

  @Test
  void resnet18HasThePaperParameterCount() {
    // 11,173,962 for CIFAR ResNet-18 with a 10-way classifier, less the classifier's 5,130
    Block block = init(new ResNet18(64).build(new Shape(3, 32, 32)), manager, new Shape(1, 3, 32, 32));
    assertEquals(11_168_832, trainableParameters(block));
  }

  @Test
  void builtInEncodersUseOnlyRegisteredLayers() {
    for (Encoder e : List.of(new ResNetMini(4), new ResNet18(4), new ResNet18(4, ResNet18.Stem.IMAGENET))) {
      Block block = e.build(new Shape(3, 48, 48));
      assertEquals(List.of(), PluginLoader.discover().layerExporters().unsupported(block), e.getClass().getSimpleName());
    }
  }

  @Test
  void inputsTooSmallOrOfTheWrongRankFailClearly() {
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> new ResNetMini(16).build(new Shape(1, 4, 28)));
    assertTrue(small.getMessage().contains("at least 5x5"), small.getMessage());
    IllegalArgumentException small18 = assertThrows(IllegalArgumentException.class,
        () -> new ResNet18(8).featureSize(new Shape(3, 8, 8)));
    assertTrue(small18.getMessage().contains("at least 9x9"), small18.getMessage());
    IllegalArgumentException smallStem = assertThrows(IllegalArgumentException.class,
        () -> new ResNet18(8, ResNet18.Stem.IMAGENET).featureSize(new Shape(3, 32, 32)));
    assertTrue(smallStem.getMessage().contains("at least 33x33"), smallStem.getMessage());
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> new ResNetMini(16).build(new Shape(28, 28)));
    assertTrue(rank.getMessage().contains("(C, H, W)"), rank.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ResNetMini(0));
    assertThrows(IllegalArgumentException.class, () -> new ResNet18(ResNet18.MAX_WIDTH + 1));
  }

  @Test
  void savedParametersLoadIntoAFreshEncoderAndGiveTheSameOutputs() throws IOException, MalformedModelException {
    Shape image = new Shape(1, 12, 12);
    Shape batch = new Shape(4, 1, 12, 12);
    Block trained = init(new ResNetMini(4).build(image), manager, batch);
    forward(trained, manager, manager.randomNormal(batch), true); // moves the running statistics
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    trained.saveParameters(new DataOutputStream(bytes));

    Block loaded = new ResNetMini(4).build(image);
    loaded.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    NDArray x = manager.randomNormal(batch);
    float[] expected = forward(trained, manager, x, false).toFloatArray();
    // equal up to rounding: loaded weights are contiguous NCHW, fresh ones channels-last (other kernels)
    assertArrayEquals(expected, forward(loaded, manager, x, false).toFloatArray(), 1e-5f);
    for (var p : trained.getParameters()) {
      assertArrayEquals(p.getValue().getArray().toFloatArray(),
          loaded.getParameters().get(p.getKey()).getArray().toFloatArray(), p.getKey());
    }
    assertFalse(expected.length == 0);
  }
}

package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.spi.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectionHeadTest {
  private NDManager manager;

  @BeforeEach
  void start() {
    manager = DjlTests.manager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** Initializes the head for a batch of 3 inputs and returns its output shape. */
  private Shape outputShape(Block block, long inputSize) {
    block.initialize(manager, DataType.FLOAT32, new Shape(3, inputSize));
    return block.getOutputShapes(new Shape[] {new Shape(3, inputSize)})[0];
  }

  /** The shapes of the weights, in order (biases and BatchNorm parameters left out). */
  private static List<Shape> weightShapes(Block block) {
    List<Shape> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().getType() == Parameter.Type.WEIGHT) {
        out.add(p.getValue().getArray().getShape());
      }
    }
    return out;
  }

  @Test
  void defaultIsTheProtocolHead() {
    // resnet-mini(16) gives 4w = 64 features: Linear(64, 64) -> ReLU -> Linear(64, 64).
    Block head = ProjectionHead.simclrDefault().build(64, 0);
    assertEquals(new Shape(3, 64), outputShape(head, 64));
    assertEquals(List.of(new Shape(64, 64), new Shape(64, 64)), weightShapes(head));
  }

  @Test
  void hiddenDefaultsToTheInputSize() {
    Block head = ProjectionHead.simclrDefault().build(24, 0);
    assertEquals(new Shape(3, 64), outputShape(head, 24));
    assertEquals(List.of(new Shape(24, 24), new Shape(64, 24)), weightShapes(head));
  }

  @Test
  void configuredSizesAndBatchNorm() {
    Block head = new ProjectionHead(Optional.of(List.of(32L, 16L)), 8, true).build(20, 0);
    assertEquals(new Shape(3, 8), outputShape(head, 20));
    assertEquals(List.of(new Shape(32, 20), new Shape(16, 32), new Shape(8, 16)), weightShapes(head));
    long batchNorms = head.getChildren().values().stream().filter(b -> b instanceof ai.djl.nn.norm.BatchNorm).count();
    assertEquals(2, batchNorms);
  }

  @Test
  void anOutputBatchNormHasNoLearnedScaleOrShift() {
    // SimSiam's projector: Linear(20, 16) -> BN -> ReLU -> Linear(16, 8) -> BN(affine = false).
    Block head = new ProjectionHead(Optional.of(List.of(16L)), 8, true, true).build(20, 0);
    assertEquals(new Shape(3, 8), outputShape(head, 20));
    List<Block> children = head.getChildren().values();
    assertEquals(5, children.size());
    Block last = children.get(children.size() - 1);
    assertTrue(last instanceof ai.djl.nn.norm.BatchNorm, last.toString());
    for (Pair<String, Parameter> p : last.getParameters()) {
      if (p.getValue().getType() == Parameter.Type.GAMMA || p.getValue().getType() == Parameter.Type.BETA) {
        assertFalse(p.getValue().requiresGradient(), p.getKey() + " is trained");
      }
    }
    Head configured = Plugins.registry().create(PluginKind.HEAD, Head.class, ConfigNode.of("head",
        Map.of("name", "projection", "hidden", List.of(12L), "outputs", 6L, "output-batch-norm", true)));
    assertEquals(4, configured.build(9, 0).getChildren().size());
  }

  @Test
  void noHiddenLayersIsALinearProjection() {
    Block head = new ProjectionHead(Optional.of(List.of()), 5, false).build(12, 0);
    assertEquals(new Shape(3, 5), outputShape(head, 12));
    assertEquals(List.of(new Shape(5, 12)), weightShapes(head));
  }

  @Test
  void aTaskOutputSizeWins() {
    Block head = ProjectionHead.simclrDefault().build(10, 7);
    assertEquals(new Shape(3, 7), outputShape(head, 10));
  }

  @Test
  void rejectsSizesBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new ProjectionHead(Optional.empty(), 0, false));
    assertThrows(IllegalArgumentException.class, () -> new ProjectionHead(Optional.of(List.of(4L, 0L)), 8, false));
  }

  @Test
  void registeredAsTheProjectionHeadPlugin() {
    PluginRegistry registry = Plugins.registry();
    assertTrue(registry.names(PluginKind.HEAD).contains("projection"), registry.names(PluginKind.HEAD).toString());
    var schema = registry.schema("head", "projection").orElseThrow();
    assertEquals(List.of("hidden", "outputs", "batch-norm", "output-batch-norm"), schema.names());
    assertEquals(64L, schema.key("outputs").orElseThrow().canonicalDefault());
    assertEquals(false, schema.key("batch-norm").orElseThrow().canonicalDefault());
    assertEquals(false, schema.key("output-batch-norm").orElseThrow().canonicalDefault());

    Head configured = registry.create(PluginKind.HEAD, Head.class, ConfigNode.of("head",
        Map.of("name", "projection", "hidden", List.of(12L), "outputs", 6L, "batch-norm", false)));
    Block block = configured.build(9, 0);
    assertEquals(new Shape(3, 6), outputShape(block, 9));
    assertEquals(List.of(new Shape(12, 9), new Shape(6, 12)), weightShapes(block));

    Head defaults = registry.create(PluginKind.HEAD, Head.class, ConfigNode.of("head", Map.of("name", "projection")));
    Block defaultBlock = defaults.build(9, 0);
    assertEquals(new Shape(3, 64), outputShape(defaultBlock, 9));
    assertEquals(List.of(new Shape(9, 9), new Shape(64, 9)), weightShapes(defaultBlock));
  }
}

package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.nn.MlpHead;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.spi.PretextTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BarlowTwinsTaskTest {
  private final BarlowTwinsTask task = new BarlowTwinsTask(0.02);

  static Shape[] outputShapes(Block model) {
    try (NDManager manager = DjlTests.manager()) {
      Shape batch = new Shape(6, 1, 4, 4);
      model.initialize(manager, DataType.FLOAT32, batch);
      return model.getOutputShapes(new Shape[] {batch});
    }
  }

  static Block encoder() {
    return new MlpEncoder(List.of(16L), 12).build(new Shape(1, 4, 4));
  }

  @Test
  void defaultModelIsTheThreeLayerProjector() {
    Block model = task.buildModel(encoder(), 12, Optional.empty());
    Shape[] shapes = outputShapes(model);
    assertEquals(1, shapes.length);
    assertEquals(new Shape(6, 256), shapes[0]);
    assertEquals(7, TwoViewModelTest.child(model, "projector").getChildren().size()); // (Linear, BN, ReLU) x 2, Linear
  }

  @Test
  void theRunsHeadIsTheProjector() {
    Shape[] shapes = outputShapes(task.buildModel(encoder(), 12, Optional.of(new MlpHead(List.of(8L), 5, "head.outputs"))));
    assertEquals(new Shape(6, 5), shapes[0]);
  }

  @Test
  void lossAndMetric() {
    assertEquals(0.02, ((BarlowTwinsLoss) task.loss()).lambda());
    assertInstanceOf(EmbeddingStd.class, task.trainingMetrics().get(0));
  }

  @Test
  void registeredAsBarlowTwins() {
    PluginRegistry registry = Plugins.registry();
    assertTrue(registry.names(PluginKind.PRETEXT_TASK).contains("barlow-twins"));
    PretextTask made = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "barlow-twins", "lambda", 0.005)));
    assertEquals(0.005, ((BarlowTwinsTask) made).lambda());
    PretextTask defaults = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "barlow-twins")));
    assertEquals(BarlowTwinsTaskFactory.DEFAULT_LAMBDA, ((BarlowTwinsTask) defaults).lambda());
    assertEquals(List.of("lambda"), registry.schema(PluginKind.PRETEXT_TASK.id(), "barlow-twins").orElseThrow().names());
  }

  @Test
  void aPredictorKeyIsRefusedBecauseBarlowTwinsHasNoPredictor() {
    ConfigException e = RunFiles.rejected(RunFiles.withPretext("{name: barlow-twins, predictor: {hidden: [64]}}", ""));
    assertTrue(e.getMessage().contains("pretext.predictor"), e.getMessage());
    assertTrue(e.getMessage().contains("barlow-twins has no predictor; only byol and simsiam"), e.getMessage());
    assertEquals(1, e.problems().size(), e.getMessage());
  }

  @Test
  void aNegativeLambdaIsRejectedAtTheKey() {
    ConfigException e = RunFiles.rejected(RunFiles.withPretext("{name: barlow-twins, lambda: -1}", ""));
    assertTrue(e.getMessage().contains("pretext.lambda"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BarlowTwinsTask(Double.NaN));
  }
}

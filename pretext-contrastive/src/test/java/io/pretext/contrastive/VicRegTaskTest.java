package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.core.nn.MlpHead;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.spi.PretextTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VicRegTaskTest {
  private final VicRegTask task = new VicRegTask(25, 25, 1, 1, 1e-4);

  @Test
  void defaultModelIsTheThreeLayerExpander() {
    Block model = task.buildModel(BarlowTwinsTaskTest.encoder(), 12, Optional.empty());
    Shape[] shapes = BarlowTwinsTaskTest.outputShapes(model);
    assertEquals(1, shapes.length);
    assertEquals(new Shape(6, 256), shapes[0]);
  }

  @Test
  void theRunsHeadIsTheExpander() {
    Block model = task.buildModel(BarlowTwinsTaskTest.encoder(), 12,
        Optional.of(new MlpHead(List.of(8L), 5, "head.outputs")));
    assertEquals(new Shape(6, 5), BarlowTwinsTaskTest.outputShapes(model)[0]);
  }

  @Test
  void lossAndMetric() {
    VicRegLoss loss = (VicRegLoss) task.loss();
    assertEquals(25, loss.invarianceWeight());
    assertEquals(25, loss.varianceWeight());
    assertEquals(1, loss.covarianceWeight());
    assertInstanceOf(EmbeddingStd.class, task.trainingMetrics().get(0));
  }

  @Test
  void registeredAsVicregWithEveryCoefficientConfigurable() {
    PluginRegistry registry = Plugins.registry();
    assertTrue(registry.names(PluginKind.PRETEXT_TASK).contains("vicreg"));
    assertEquals(List.of("invariance-weight", "variance-weight", "covariance-weight", "gamma", "epsilon"),
        registry.schema(PluginKind.PRETEXT_TASK.id(), "vicreg").orElseThrow().names());
    PretextTask made = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class, ConfigNode.of("pretext",
        Map.of("name", "vicreg", "invariance-weight", 10.0, "variance-weight", 15.0, "covariance-weight", 2.0,
            "gamma", 0.5, "epsilon", 1e-3)));
    VicRegLoss loss = (VicRegLoss) made.loss();
    assertEquals(List.of(10.0, 15.0, 2.0, 0.5, 1e-3), List.of(loss.invarianceWeight(), loss.varianceWeight(),
        loss.covarianceWeight(), loss.gamma(), loss.epsilon()));
    VicRegLoss defaults = (VicRegLoss) registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "vicreg"))).loss();
    assertEquals(List.of(25.0, 25.0, 1.0, 1.0, 1e-4), List.of(defaults.invarianceWeight(), defaults.varianceWeight(),
        defaults.covarianceWeight(), defaults.gamma(), defaults.epsilon()));
  }

  @Test
  void aPredictorKeyIsRefusedBecauseVicregHasNoPredictor() {
    ConfigException e = RunFiles.rejected(RunFiles.withPretext("{name: vicreg, predictor: {hidden: [64]}}", ""));
    assertTrue(e.getMessage().contains("pretext.predictor"), e.getMessage());
    assertTrue(e.getMessage().contains("vicreg has no predictor; only byol and simsiam"), e.getMessage());
  }

  @Test
  void outOfRangeCoefficientsAreRejectedAtTheirKeys() {
    ConfigException e = RunFiles.rejected(RunFiles.withPretext("{name: vicreg, gamma: 0, variance-weight: -1}", ""));
    assertTrue(e.getMessage().contains("pretext.gamma"), e.getMessage());
    assertTrue(e.getMessage().contains("pretext.variance-weight"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new VicRegTask(0, 0, 0, 1, 1e-4));
  }
}

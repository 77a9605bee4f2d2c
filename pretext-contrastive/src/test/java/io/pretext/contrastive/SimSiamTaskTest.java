package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.Image;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.nn.MlpHead;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimSiamTaskTest {
  private static final int N = 4;
  private static final int SIDE = 4;
  private final SimSiamTask task = new SimSiamTask(List.of(16L));

  /** The model's output shapes for a (2N, 1, SIDE, SIDE) batch and its predictor's weight shapes. */
  private static List<Shape> shapes(Block model) {
    try (NDManager manager = DjlTests.manager()) {
      Shape batch = new Shape(2 * N, 1, SIDE, SIDE);
      model.initialize(manager, DataType.FLOAT32, batch);
      List<Shape> out = new ArrayList<>(List.of(model.getOutputShapes(new Shape[] {batch})));
      for (Pair<String, Parameter> p : TwoViewModelTest.child(model, "predictor").getParameters()) {
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          out.add(p.getValue().getArray().getShape());
        }
      }
      return out;
    }
  }

  private static Block encoder() {
    return new MlpEncoder(List.of(16L), 12).build(new Shape(1, SIDE, SIDE));
  }

  @Test
  void theBatchIsTwoViewsOfEachImage() {
    List<Object> samples = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      samples.add(TestAugmenters.constant(1, SIDE, SIDE, 10 * i));
    }
    AugmentPipeline jitter = new AugmentPipeline(List.of(
        new AugmentPipeline.Step("jitter", new TestAugmenters.InPlaceJitter(), 1)));
    TrainingBatch batch = task.prepareBatch(samples, jitter, new SplittableRandom(1));
    assertEquals(new Shape(2 * N, 1, SIDE, SIDE), batch.inputs().get(0).shape());
    assertArrayEquals(new int[] {4, 5, 6, 7, 0, 1, 2, 3}, batch.labels().get(0).ints());
  }

  @Test
  void defaultModelIsProjectorThenBottleneckPredictor() {
    // Projector Linear(12, 256) - BN - ReLU - Linear(256, 256) - BN; predictor Linear(256, 16) - BN - ReLU -
    // Linear(16, 256); output (z, p), both (2N, 256).
    List<Shape> shapes = shapes(task.buildModel(encoder(), 12, Optional.empty()));
    assertEquals(List.of(new Shape(2 * N, 256), new Shape(2 * N, 256), new Shape(16, 256), new Shape(256, 16)), shapes);
  }

  @Test
  void theRunsHeadIsTheProjectorAndThePredictorFollowsItsSize() {
    Block model = task.buildModel(encoder(), 12, Optional.of(new MlpHead(List.of(8L), 5, "head.outputs")));
    assertEquals(List.of(new Shape(2 * N, 5), new Shape(2 * N, 5), new Shape(16, 5), new Shape(5, 16)), shapes(model));
  }

  @Test
  void lossAndMetric() {
    assertInstanceOf(SimSiamLoss.class, task.loss());
    assertEquals(1, task.trainingMetrics().size());
    assertInstanceOf(EmbeddingStd.class, task.trainingMetrics().get(0));
    assertEquals(Image.class, task.sampleType());
  }

  @Test
  void registeredAsSimsiamWithAConfigurablePredictor() {
    PluginRegistry registry = Plugins.registry();
    assertTrue(registry.names(PluginKind.PRETEXT_TASK).contains("simsiam"));
    PretextTask made = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "simsiam", "predictor", Map.of("hidden", List.of(32L, 8L)))));
    assertEquals(List.of(32L, 8L), ((SimSiamTask) made).predictorHidden());
    PretextTask defaults = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "simsiam")));
    assertEquals(List.of(64L), ((SimSiamTask) defaults).predictorHidden());
  }

  @Test
  void aRunFileFillsThePredictorDefaultAndChecksItsSizes() {
    var config = RunFiles.load(RunFiles.withPretext("{name: simsiam}", ""));
    assertEquals(List.of(64L), config.pretext().orElseThrow().getNode("predictor").getLongList("hidden"));
    ConfigException zero = RunFiles.rejected(RunFiles.withPretext("{name: simsiam, predictor: {hidden: [0]}}", ""));
    assertTrue(zero.getMessage().contains("pretext.predictor.hidden"), zero.getMessage());
    ConfigException typo = RunFiles.rejected(RunFiles.withPretext("{name: simsiam, predictor: {hiden: [8]}}", ""));
    assertTrue(typo.getMessage().contains("did you mean 'pretext.predictor.hidden'"), typo.getMessage());
  }

  @Test
  void rejectsPredictorSizesBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new SimSiamTask(List.of(8L, 0L)));
  }
}

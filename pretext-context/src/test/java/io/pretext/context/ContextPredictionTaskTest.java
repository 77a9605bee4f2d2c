package io.pretext.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.Image;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContextPredictionTaskTest {
  private static final int N = 4;
  private final ContextPredictionTask task =
      new ContextPredictionTask(new PatchPairSampler(new PatchGrid(4, 2, 1), 1, ChromaticGuard.NONE), 16);

  /** N images of 20x20, image i holding the value 10 i + (y·20 + x) / 400 at (y, x). */
  private static List<Object> tagged() {
    List<Object> samples = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      float[] px = new float[400];
      for (int p = 0; p < px.length; p++) {
        px[p] = 10 * i + p / 400f;
      }
      samples.add(new Image(1, 20, 20, px));
    }
    return samples;
  }

  @Test
  void rowsIAndIPlusNAreTheCentreAndNeighbourOfSampleI() {
    TrainingBatch batch = task.prepareBatch(tagged(), AugmentPipeline.identity(), new SplittableRandom(2));
    assertEquals(N, batch.samples());
    assertEquals(new Shape(2 * N, 1, 4, 4), batch.inputs().get(0).shape());
    assertEquals(new Shape(N), batch.labels().get(0).shape());
    float[] x = batch.inputs().get(0).floats();
    int[] labels = batch.labels().get(0).ints();
    for (int i = 0; i < N; i++) {
      int centre = Math.round((x[i * 16] - 10 * i) * 400);
      int neighbour = Math.round((x[(N + i) * 16] - 10 * i) * 400);
      assertEquals(i, (int) Math.floor(x[(N + i) * 16] / 10), "row " + (N + i));
      int dy = neighbour / 20 - centre / 20;
      int dx = neighbour % 20 - centre % 20;
      assertEquals(PatchGrid.rowOffset(labels[i]), Integer.signum(dy) * (Math.abs(dy) >= 4 ? 1 : 0), "sample " + i);
      assertEquals(PatchGrid.columnOffset(labels[i]), Integer.signum(dx) * (Math.abs(dx) >= 4 ? 1 : 0), "sample " + i);
    }
    TrainingBatch again = task.prepareBatch(tagged(), AugmentPipeline.identity(), new SplittableRandom(2));
    assertArrayEquals(x, again.inputs().get(0).floats());
    assertArrayEquals(labels, again.labels().get(0).ints());
  }

  @Test
  void encoderInputIsOnePatchAndAMisfitIsReportedEarly() {
    assertEquals(new Shape(3, 4, 4), task.encoderInputShape(new Shape(3, 20, 20)));
    ConfigException e = assertThrows(ConfigException.class, () -> task.encoderInputShape(new Shape(1, 12, 16)));
    assertTrue(e.getMessage().contains("12x16"), e.getMessage());
  }

  @Test
  void bothPatchesGoThroughOneEncoderAndGiveEightLogits() {
    DjlTests.engine().start();
    try (NDManager manager = NDManager.newBaseManager()) {
      MlpEncoder encoder = new MlpEncoder(List.of(), 6);
      Shape patch = new Shape(1, 4, 4);
      Block model = task.buildModel(encoder.build(patch), 6, Optional.empty());
      model.initialize(manager, DataType.FLOAT32, new Shape(2 * N, 1, 4, 4));
      // One encoder: its parameters appear once, not once per patch.
      long encoderWeights = model.getParameters().keys().stream().filter(k -> k.startsWith("01encoder")).count();
      assertEquals(2, encoderWeights, model.getParameters().keys().toString());
      assertArrayEquals(new Shape[] {new Shape(N, 8)}, model.getOutputShapes(new Shape[] {new Shape(2 * N, 1, 4, 4)}));
      NDArray input = manager.randomUniform(0, 1, new Shape(2 * N, 1, 4, 4));
      NDArray logits = model.forward(new ParameterStore(manager, false), new NDList(input), false).head();
      assertEquals(new Shape(N, 8), logits.getShape());
      // Swapping centre and neighbour changes the pair's input to the head, so the logits.
      NDArray swapped = input.get("" + N + ":").concat(input.get(":" + N), 0);
      NDArray other = model.forward(new ParameterStore(manager, false), new NDList(swapped), false).head();
      assertTrue(logits.sub(other).abs().max().getFloat() > 0);
      NDArray loss = task.loss().evaluate(new NDList(manager.create(new int[] {0, 1, 2, 7})), new NDList(logits));
      assertTrue(loss.getFloat() > 0);
    }
  }

  @Test
  void registeredAsTheContextTaskWithItsDefaults() {
    PluginRegistry registry = Plugins.registry();
    assertTrue(registry.names(PluginKind.PRETEXT_TASK).contains("context"));
    ContextPredictionTask defaults = (ContextPredictionTask) registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "context")));
    assertEquals(new PatchGrid(12, 2, 1), defaults.sampler().grid());
    assertEquals(1, defaults.sampler().upscale());
    assertEquals(ChromaticGuard.NONE, defaults.sampler().guard());
    assertEquals(128, defaults.hidden());
    ContextPredictionTask made = (ContextPredictionTask) registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "context", "patch", 16, "gap", 3, "upscale", 2,
            "gray-probability", 0.5, "hidden", 32)));
    assertEquals(new PatchGrid(16, 3, 1), made.sampler().grid());
    assertEquals(2, made.sampler().upscale());
    assertEquals(0.5, made.sampler().guard().grayProbability());
    assertEquals(32, made.hidden());
    assertInstanceOf(ai.djl.training.evaluator.Accuracy.class, made.trainingMetrics().get(0));
    assertEquals(ContextPredictionTask.ACCURACY, made.trainingMetrics().get(0).getName());
  }

  @Test
  void theFashionMnistRunFileLoadsAndItsGridFitsTheUpscaledImages() throws Exception {
    Path file = Path.of("..", "configs", "context-fashion-mnist.yaml");
    RunConfig config = new RunConfigLoader(Plugins.registry()).load(file, List.of());
    assertEquals("context", config.pretext().orElseThrow().getString("name"));
    assertEquals("resnet-mini", config.encoder().getString("name"));
    assertEquals(34, config.train().getInt("epochs")); // what fits in the 15-minute budget
    assertEquals(15, config.train().getInt("max-minutes"));
    assertEquals(256, config.train().getInt("batch-size"));
    ContextPredictionTask task = (ContextPredictionTask) Plugins.registry().create(PluginKind.PRETEXT_TASK,
        PretextTask.class, config.pretext().orElseThrow());
    assertEquals(new Shape(1, 16, 16), task.encoderInputShape(new Shape(1, 28, 28)));
    assertTrue(Files.readString(file).contains("raw-pixels-knn"));
  }
}

package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.pretext.api.PretextUserException;
import io.pretext.core.augment.HorizontalFlip;
import io.pretext.core.augment.RandomResizedCrop;
import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.data.Image;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.nn.MlpHead;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.plugin.PluginRegistry;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimClrTaskTest {
  private static final int N = 5;
  private static final int SIDE = 4;
  private final SimClrTask task = new SimClrTask(0.5);

  /** N constant images, sample i of value 10 i, so every view shows which sample it came from. */
  private static List<Object> taggedSamples() {
    List<Object> samples = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      samples.add(TestAugmenters.constant(1, SIDE, SIDE, 10 * i));
    }
    return samples;
  }

  private static AugmentPipeline jitter() {
    return new AugmentPipeline(List.of(new AugmentPipeline.Step("jitter", new TestAugmenters.InPlaceJitter(), 1)));
  }

  @Test
  void viewsIAndIPlusNComeFromSampleI() {
    TrainingBatch batch = task.prepareBatch(taggedSamples(), jitter(), new SplittableRandom(1));
    assertEquals(N, batch.samples());
    assertEquals(1, batch.inputs().size());
    assertEquals(new Shape(2 * N, 1, SIDE, SIDE), batch.inputs().get(0).shape());
    float[] x = batch.inputs().get(0).floats();
    int size = SIDE * SIDE;
    for (int row = 0; row < 2 * N; row++) {
      int sample = row % N;
      float first = x[row * size];
      // Value 10 i plus a jitter in [0, 0.5): the row's sample is the value's tens.
      assertEquals(sample, (int) Math.floor(first / 10), "row " + row);
      assertTrue(first - 10 * sample < 0.5f, "row " + row + " was jittered twice: " + first);
      assertEquals(1f, x[row * size + size - 1], "row " + row + " was not augmented");
    }
    for (int i = 0; i < N; i++) {
      assertNotEquals(x[i * size], x[(i + N) * size], "the two views of sample " + i + " share their randomness");
    }
    assertEquals(new Shape(2 * N), batch.labels().get(0).shape());
    assertArrayEquals(new int[] {5, 6, 7, 8, 9, 0, 1, 2, 3, 4}, batch.labels().get(0).ints());
  }

  @Test
  void theSameGeneratorGivesTheSameBatch() {
    float[] a = task.prepareBatch(taggedSamples(), jitter(), new SplittableRandom(3)).inputs().get(0).floats();
    float[] b = task.prepareBatch(taggedSamples(), jitter(), new SplittableRandom(3)).inputs().get(0).floats();
    float[] c = task.prepareBatch(taggedSamples(), jitter(), new SplittableRandom(4)).inputs().get(0).floats();
    assertArrayEquals(a, b);
    assertFalse(java.util.Arrays.equals(a, c));
  }

  @Test
  void aFixedSizeCropMakesImagesOfDifferentSizesOneBatch() {
    List<Object> samples = List.of(TestAugmenters.constant(1, 10, 10, 0.3f), TestAugmenters.constant(1, 12, 9, 0.6f));
    AugmentPipeline crop = new AugmentPipeline(List.of(
        new AugmentPipeline.Step("random-resized-crop", new RandomResizedCrop(8, 8, 0.2, 1, 0.75, 4.0 / 3), 1),
        new AugmentPipeline.Step("horizontal-flip", new HorizontalFlip(), 0.5)));
    TrainingBatch batch = task.prepareBatch(samples, crop, new SplittableRandom(2));
    assertEquals(new Shape(4, 1, 8, 8), batch.inputs().get(0).shape());
  }

  @Test
  void viewsOfDifferentShapesFailNamingTheAugmentList() {
    AugmentPipeline pipeline = new AugmentPipeline(List.of(
        new AugmentPipeline.Step("jitter", new TestAugmenters.InPlaceJitter(), 1),
        new AugmentPipeline.Step("random-width", new TestAugmenters.RandomWidth(), 0.9)));
    PretextUserException e = assertThrows(PretextUserException.class,
        () -> task.prepareBatch(taggedSamples(), pipeline, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("[jitter, random-width (p 0.9)]"), e.getMessage());
    assertTrue(e.getMessage().contains("all views need one shape"), e.getMessage());
    assertTrue(e.getMessage().matches("(?s).*view of sample \\d+ in the batch is 1x4x\\d.*"), e.getMessage());
  }

  @Test
  void modelIsEncoderThenTheDefaultProjectionHead() {
    Shape input = new Shape(1, SIDE, SIDE);
    Block model = task.buildModel(new MlpEncoder(List.of(16L), 12).build(input), 12, Optional.empty());
    assertEquals(new Shape(2 * N, 64), outputShape(model));
  }

  @Test
  void modelUsesTheRunsHeadWhenGiven() {
    Shape input = new Shape(1, SIDE, SIDE);
    Block model = task.buildModel(new MlpEncoder(List.of(16L), 12).build(input), 12,
        Optional.of(new MlpHead(List.of(8L), 5, "head.outputs")));
    assertEquals(new Shape(2 * N, 5), outputShape(model));
  }

  private static Shape outputShape(Block model) {
    try (NDManager manager = DjlTests.manager()) {
      Shape batch = new Shape(2 * N, 1, SIDE, SIDE);
      model.initialize(manager, DataType.FLOAT32, batch);
      return model.getOutputShapes(new Shape[] {batch})[0];
    }
  }

  @Test
  void lossAndMetricAreNtXentAndContrastiveAccuracy() {
    assertEquals(0.5, ((NtXentLoss) task.loss()).temperature());
    assertEquals(1, task.trainingMetrics().size());
    assertInstanceOf(ContrastiveAccuracy.class, task.trainingMetrics().get(0));
    assertEquals("contrastive_accuracy", task.trainingMetrics().get(0).getName());
    assertEquals(Image.class, task.sampleType());
  }

  @Test
  void registeredAsTheSimclrTask() {
    PluginRegistry registry = Plugins.registry();
    assertTrue(registry.names(PluginKind.PRETEXT_TASK).contains("simclr"));
    PretextTask made = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "simclr", "temperature", 0.2)));
    assertEquals(0.2, ((SimClrTask) made).temperature());
    PretextTask defaults = registry.create(PluginKind.PRETEXT_TASK, PretextTask.class,
        ConfigNode.of("pretext", Map.of("name", "simclr")));
    assertEquals(0.5, ((SimClrTask) defaults).temperature());
  }

  @Test
  void aRunFileWithTemperatureZeroIsRejectedAtTheKey() {
    String yaml = """
        data: {name: idx, train-images: train.idx}
        pretext: {name: simclr, temperature: 0}
        encoder: mlp
        head: {name: projection, outputs: 0}
        """;
    ConfigException e = assertThrows(ConfigException.class,
        () -> new RunConfigLoader(Plugins.registry()).load("run.yaml", yaml, List.of()));
    assertTrue(e.getMessage().contains("pretext.temperature"), e.getMessage());
    assertTrue(e.getMessage().contains("a number > 0"), e.getMessage());
    assertTrue(e.getMessage().contains("head.outputs"), e.getMessage());
  }

  @Test
  void rejectsANonPositiveTemperatureInCode() {
    assertThrows(IllegalArgumentException.class, () -> new SimClrTask(0));
    assertThrows(IllegalArgumentException.class, () -> new SimClrTask(Double.NaN));
  }
}

package io.pretext.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.pretext.api.data.ImageRotation;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RotNetTaskTest {
  private static final int N = 3;
  private static final Path CONFIG = Path.of("..", "configs", "rotnet-fashion-mnist.yaml");
  private final RotNetTask task = new RotNetTask(List.of(0, 90, 180, 270), 16);

  /** N two-channel images of size h×w, every pixel a distinct value. */
  private static List<Object> images(int h, int w) {
    List<Object> samples = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      float[] px = new float[2 * h * w];
      for (int p = 0; p < px.length; p++) {
        px[p] = 1000 * i + p;
      }
      samples.add(new Image(2, h, w, px));
    }
    return samples;
  }

  @Test
  void everyImageAppearsTurnedByEveryAngleInClassOrder() {
    List<Object> samples = images(5, 5);
    TrainingBatch batch = task.prepareBatch(samples, AugmentPipeline.identity(), new SplittableRandom(1));
    assertEquals(N, batch.samples());
    assertEquals(new Shape(4 * N, 2, 5, 5), batch.inputs().get(0).shape());
    float[] x = batch.inputs().get(0).floats();
    int[] labels = batch.labels().get(0).ints();
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(j, labels[4 * i + j]);
        float[] expected = ImageRotation.rotate((Image) samples.get(i), j).pixels();
        float[] row = java.util.Arrays.copyOfRange(x, (4 * i + j) * 50, (4 * i + j + 1) * 50);
        assertArrayEquals(expected, row, "image " + i + " turned " + 90 * j);
      }
    }
    // Pure and deterministic: the samples are untouched, the same call gives the same batch.
    assertEquals(images(5, 5), samples);
    TrainingBatch again = task.prepareBatch(images(5, 5), AugmentPipeline.identity(), new SplittableRandom(1));
    assertArrayEquals(x, again.inputs().get(0).floats());
    assertArrayEquals(labels, again.labels().get(0).ints());
  }

  @Test
  void aSubsetOfAnglesGivesThatManyClasses() {
    RotNetTask half = new RotNetTask(List.of(180, 0), 0);
    TrainingBatch batch = half.prepareBatch(images(3, 4), AugmentPipeline.identity(), new SplittableRandom(1));
    assertEquals(new Shape(2 * N, 2, 3, 4), batch.inputs().get(0).shape());
    assertArrayEquals(ImageRotation.rotate((Image) images(3, 4).get(0), 2).pixels(),
        java.util.Arrays.copyOf(batch.inputs().get(0).floats(), 24));
    // Only half turns: non-square images are fine.
    assertEquals(new Shape(1, 3, 4), half.encoderInputShape(new Shape(1, 3, 4)));
  }

  @Test
  void nonSquareImagesAreRefusedWhenAQuarterTurnIsAllowed() {
    ConfigException early = assertThrows(ConfigException.class, () -> task.encoderInputShape(new Shape(1, 28, 32)));
    assertTrue(early.getMessage().contains("28x32") && early.getMessage().contains("resize"), early.getMessage());
    ConfigException late = assertThrows(ConfigException.class,
        () -> task.prepareBatch(images(4, 6), AugmentPipeline.identity(), new SplittableRandom(1)));
    assertTrue(late.getMessage().contains("4x6"), late.getMessage());
  }

  @Test
  void anglesThatAreNotMultiplesOfNinetyOrRepeatedAreConfigErrors() {
    ConfigException odd = assertThrows(ConfigException.class, () -> create(Map.of("rotations", List.of(0, 45))));
    assertTrue(odd.getMessage().contains("pretext.rotations") && odd.getMessage().contains("45"), odd.getMessage());
    ConfigException twice = assertThrows(ConfigException.class, () -> create(Map.of("rotations", List.of(90, 90))));
    assertTrue(twice.getMessage().contains("distinct"), twice.getMessage());
    // The run file's check (schema only, as `pretext config check`) refuses 45 and 360 before any plugin is made.
    RunConfigLoader loader = new RunConfigLoader(Plugins.registry());
    for (String angles : List.of("[0,45]", "[0,360]")) {
      ConfigException range = assertThrows(ConfigException.class,
          () -> loader.load(CONFIG, List.of("pretext.rotations=" + angles)));
      assertTrue(range.getMessage().contains("pretext.rotations") && range.getMessage().contains("270"),
          range.getMessage());
    }
  }

  private static PretextTask create(Map<String, Object> settings) {
    Map<String, Object> section = new java.util.HashMap<>(settings);
    section.put("name", "rotnet");
    return Plugins.registry().create(PluginKind.PRETEXT_TASK, PretextTask.class, ConfigNode.of("pretext", section));
  }

  @Test
  void theModelIsTheEncoderThenAFourWayHead() {
    DjlTests.engine().start();
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape input = new Shape(1, 5, 5);
      Block model = task.buildModel(new MlpEncoder(List.of(), 6).build(input), 6, Optional.empty());
      model.initialize(manager, DataType.FLOAT32, new Shape(4 * N, 1, 5, 5));
      NDArray logits = model.forward(new ParameterStore(manager, false),
          new NDList(manager.randomUniform(0, 1, new Shape(4 * N, 1, 5, 5))), false).head();
      assertEquals(new Shape(4 * N, 4), logits.getShape());
      NDArray loss = task.loss().evaluate(new NDList(manager.create(new int[4 * N])), new NDList(logits));
      assertTrue(Float.isFinite(loss.getFloat()) && loss.getFloat() > 0);
    }
  }

  @Test
  void registeredAsRotnetWithThePapersAngles() {
    RotNetTask defaults = (RotNetTask) create(Map.of());
    assertEquals(List.of(0, 90, 180, 270), defaults.rotations());
    assertEquals(128, defaults.hidden());
    assertEquals(RotNetTask.ACCURACY, defaults.trainingMetrics().get(0).getName());
  }

  @Test
  void theFashionMnistRunFileLoads() {
    RunConfig config = new RunConfigLoader(Plugins.registry()).load(CONFIG, List.of());
    assertEquals("rotnet", config.pretext().orElseThrow().getString("name"));
    assertEquals("resnet-mini", config.encoder().getString("name"));
    PretextTask made = Plugins.registry().create(PluginKind.PRETEXT_TASK, PretextTask.class,
        config.pretext().orElseThrow());
    assertEquals(new Shape(1, 28, 28), made.encoderInputShape(new Shape(1, 28, 28)));
  }
}

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
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunConfigLoader;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JigsawTaskTest {
  private static final int N = 5;
  private static final int H = 30;
  private static final int W = 34;
  private static final Path CONFIG = Path.of("..", "configs", "jigsaw-fashion-mnist.yaml");

  /** N images H×W; image i holds 10000 i + y·W + x at (y, x): every pixel says where it is. */
  private static List<Object> coordinates() {
    List<Object> samples = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      float[] px = new float[H * W];
      for (int p = 0; p < px.length; p++) {
        px[p] = 10000 * i + p;
      }
      samples.add(new Image(1, H, W, px));
    }
    return samples;
  }

  private static JigsawTask task(TileGrid grid, boolean normalize) {
    return new JigsawTask(grid, JigsawPermutations.select(grid.tiles(), 20, new SplittableRandom(4)), 1, normalize, 32);
  }

  /** Row j·N + i of the batch is the tile at position j of puzzle i. */
  @Test
  void eachTileIsTheCropOfTheCellTheOrderingPutsThere() {
    TileGrid grid = new TileGrid(3, 6, 4, 2);
    JigsawTask task = task(grid, false);
    TrainingBatch batch = task.prepareBatch(coordinates(), AugmentPipeline.identity(), new SplittableRandom(7));
    assertEquals(new Shape(9 * N, 1, 6, 6), batch.inputs().get(0).shape());
    float[] x = batch.inputs().get(0).floats();
    int[] labels = batch.labels().get(0).ints();
    int largestJitter = 0;
    for (int i = 0; i < N; i++) {
      int[] order = task.permutations().order(labels[i]);
      int[] cornerY = new int[9];
      int[] cornerX = new int[9];
      for (int j = 0; j < 9; j++) {
        int base = (j * N + i) * 36;
        int corner = Math.round(x[base]) - 10000 * i;
        // A contiguous 6x6 crop of image i, inside the image.
        for (int p = 0; p < 36; p++) {
          assertEquals(10000 * i + corner + (p / 6) * W + p % 6, x[base + p], 0, "sample " + i + " tile " + j);
        }
        assertTrue(corner / W + 6 <= H && corner % W + 6 <= W);
        // Less the cell's offset, every tile's corner lies within the grid origin ± jitter.
        int cell = order[j];
        cornerY[j] = corner / W - cell / 3 * grid.stride();
        cornerX[j] = corner % W - cell % 3 * grid.stride();
      }
      int spreadY = java.util.Arrays.stream(cornerY).max().getAsInt() - java.util.Arrays.stream(cornerY).min().getAsInt();
      int spreadX = java.util.Arrays.stream(cornerX).max().getAsInt() - java.util.Arrays.stream(cornerX).min().getAsInt();
      assertTrue(spreadY <= 2 * grid.jitter() && spreadX <= 2 * grid.jitter(), "sample " + i);
      largestJitter = Math.max(largestJitter, Math.max(spreadY, spreadX));
    }
    assertTrue(largestJitter > 0, "tiles were never jittered");
  }

  @Test
  void withoutJitterTheTilesSitOnTheLatticeExactly() {
    TileGrid grid = new TileGrid(2, 5, 3, 0);
    JigsawTask task = task(grid, false);
    TrainingBatch batch = task.prepareBatch(coordinates(), AugmentPipeline.identity(), new SplittableRandom(2));
    float[] x = batch.inputs().get(0).floats();
    for (int i = 0; i < N; i++) {
      int[] order = task.permutations().order(batch.labels().get(0).ints()[i]);
      int origin = -1;
      for (int j = 0; j < 4; j++) {
        int corner = Math.round(x[(j * N + i) * 25]) - 10000 * i;
        int at = corner - (order[j] / 2 * W + order[j] % 2) * grid.stride();
        origin = origin < 0 ? at : origin;
        assertEquals(origin, at, "sample " + i + " tile " + j);
      }
    }
  }

  @Test
  void theBatchIsPureAndDeterministicForASeed() {
    JigsawTask task = task(new TileGrid(3, 6, 4, 2), false);
    List<Object> samples = coordinates();
    TrainingBatch a = task.prepareBatch(samples, AugmentPipeline.identity(), new SplittableRandom(9));
    assertEquals(coordinates(), samples);
    TrainingBatch b = task.prepareBatch(coordinates(), AugmentPipeline.identity(), new SplittableRandom(9));
    assertArrayEquals(a.inputs().get(0).floats(), b.inputs().get(0).floats());
    assertArrayEquals(a.labels().get(0).ints(), b.labels().get(0).ints());
    TrainingBatch c = task.prepareBatch(coordinates(), AugmentPipeline.identity(), new SplittableRandom(10));
    assertTrue(!java.util.Arrays.equals(a.inputs().get(0).floats(), c.inputs().get(0).floats()));
  }

  @Test
  void normalizedTilesHaveMeanZeroAndDeviationOneEachAndFlatTilesBecomeZero() {
    JigsawTask task = task(new TileGrid(3, 6, 4, 2), true);
    List<Object> samples = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(1);
    float[] px = new float[H * W];
    for (int p = 0; p < px.length; p++) {
      px[p] = (float) random.nextDouble(5, 9);
    }
    samples.add(new Image(1, H, W, px));
    samples.add(new Image(1, H, W, new float[H * W]));
    float[] x = task.prepareBatch(samples, AugmentPipeline.identity(), new SplittableRandom(3)).inputs().get(0).floats();
    // View-major: row 2j is tile j of the noisy image, row 2j + 1 tile j of the flat one.
    for (int j = 0; j < 9; j++) {
      double sum = 0;
      double squares = 0;
      for (int p = 0; p < 36; p++) {
        float v = x[2 * j * 36 + p];
        sum += v;
        squares += v * v;
        assertEquals(0, x[(2 * j + 1) * 36 + p], 0);
      }
      assertEquals(0, sum / 36, 1e-4, "tile " + j);
      assertEquals(1, squares / 36, 1e-3, "tile " + j);
    }
  }

  @Test
  void aGridThatDoesNotFitTheImageIsReportedWithItsSizes() {
    JigsawTask task = task(new TileGrid(3, 8, 2, 1), false);
    assertEquals(new Shape(3, 8, 8), task.encoderInputShape(new Shape(3, 32, 32)));
    ConfigException e = assertThrows(ConfigException.class, () -> task.encoderInputShape(new Shape(1, 28, 28)));
    assertTrue(e.getMessage().contains("= 30") && e.getMessage().contains("28x28"), e.getMessage());
    assertTrue(e.getMessage().contains("pretext.tile"), e.getMessage());
  }

  @Test
  void badSettingsAreConfigErrorsNamingTheKey() {
    ConfigException small = assertThrows(ConfigException.class, () -> create(Map.of("tile", 3)));
    assertTrue(small.getMessage().contains("tile >= 4"), small.getMessage());
    ConfigException touching = assertThrows(ConfigException.class, () -> create(Map.of("gap", 1, "jitter", 1)));
    assertTrue(touching.getMessage().contains("pretext.jitter"), touching.getMessage());
    ConfigException many = assertThrows(ConfigException.class, () -> create(Map.of("grid", 2, "permutations", 25)));
    assertTrue(many.getMessage().contains("4! = 24"), many.getMessage());
    ConfigException nine = assertThrows(ConfigException.class, () -> create(Map.of("permutations", 362_881)));
    assertTrue(nine.getMessage().contains("9! = 362880"), nine.getMessage());
    // The run file's check rejects a tile under 4 pixels and a 4x4 grid from the schema.
    RunConfigLoader loader = new RunConfigLoader(Plugins.registry());
    ConfigException tile = assertThrows(ConfigException.class, () -> loader.load(CONFIG, List.of("pretext.tile=3")));
    assertTrue(tile.getMessage().contains("pretext.tile"), tile.getMessage());
    ConfigException grid = assertThrows(ConfigException.class, () -> loader.load(CONFIG, List.of("pretext.grid=4")));
    assertTrue(grid.getMessage().contains("pretext.grid"), grid.getMessage());
    ConfigException orders = assertThrows(ConfigException.class,
        () -> loader.load(CONFIG, List.of("pretext.permutations=362881")));
    assertTrue(orders.getMessage().contains("pretext.permutations"), orders.getMessage());
  }

  private static PretextTask create(Map<String, Object> settings) {
    Map<String, Object> section = new HashMap<>(settings);
    section.put("name", "jigsaw");
    return Plugins.registry().create(PluginKind.PRETEXT_TASK, PretextTask.class, ConfigNode.of("pretext", section));
  }

  @Test
  void oneEncoderRunsOnEveryTileAndTheHeadSeesThemInOrder() {
    DjlTests.engine().start();
    JigsawTask task = task(new TileGrid(3, 6, 4, 2), false);
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape tile = new Shape(1, 6, 6);
      Block model = task.buildModel(new MlpEncoder(List.of(), 5).build(tile), 5, Optional.empty());
      model.initialize(manager, DataType.FLOAT32, new Shape(9 * N, 1, 6, 6));
      long encoderWeights = model.getParameters().keys().stream().filter(k -> k.startsWith("01encoder")).count();
      assertEquals(2, encoderWeights, model.getParameters().keys().toString());
      assertArrayEquals(new Shape[] {new Shape(N, 20)}, model.getOutputShapes(new Shape[] {new Shape(9 * N, 1, 6, 6)}));
      NDArray input = manager.randomUniform(0, 1, new Shape(9 * N, 1, 6, 6));
      NDArray logits = model.forward(new ParameterStore(manager, false), new NDList(input), false).head();
      assertEquals(new Shape(N, 20), logits.getShape());
      // Swapping the first two tiles of puzzle 0 (rows 0 and N) changes its logits, not the others'.
      NDArray swapped = input.duplicate();
      swapped.set(new ai.djl.ndarray.index.NDIndex("0"), input.get(String.valueOf(N)));
      swapped.set(new ai.djl.ndarray.index.NDIndex(String.valueOf(N)), input.get("0"));
      NDArray other = model.forward(new ParameterStore(manager, false), new NDList(swapped), false).head();
      assertTrue(logits.get("0").sub(other.get("0")).abs().max().getFloat() > 0);
      assertEquals(0, logits.get("1:").sub(other.get("1:")).abs().max().getFloat(), 0);
      NDArray loss = task.loss().evaluate(new NDList(manager.create(new int[] {0, 1, 2, 3, 19})), new NDList(logits));
      assertTrue(Float.isFinite(loss.getFloat()) && loss.getFloat() > 0);
    }
  }

  @Test
  void registeredAsJigsawWithDefaultsThatFitTwentyEightPixels() {
    JigsawTask defaults = (JigsawTask) create(Map.of());
    assertEquals(new TileGrid(3, 7, 2, 1), defaults.grid());
    assertEquals(100, defaults.permutations().count());
    assertEquals(new Shape(1, 7, 7), defaults.encoderInputShape(new Shape(1, 28, 28)));
    assertEquals(JigsawTask.ACCURACY, defaults.trainingMetrics().get(0).getName());
    // The orderings come from the run seed: the same registry seed, the same classes.
    JigsawTask again = (JigsawTask) create(Map.of());
    for (int k = 0; k < 100; k++) {
      assertArrayEquals(defaults.permutations().order(k), again.permutations().order(k));
    }
  }

  @Test
  void theFashionMnistRunFileLoadsAndItsGridFitsTheImages() {
    RunConfig config = new RunConfigLoader(Plugins.registry()).load(CONFIG, List.of());
    assertEquals("jigsaw", config.pretext().orElseThrow().getString("name"));
    assertEquals("resnet-mini", config.encoder().getString("name"));
    PretextTask made = Plugins.registry().create(PluginKind.PRETEXT_TASK, PretextTask.class,
        config.pretext().orElseThrow());
    assertEquals(new Shape(1, 7, 7), made.encoderInputShape(new Shape(1, 28, 28)));
  }
}

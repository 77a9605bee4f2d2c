package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
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
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.ModelContext;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.StepContext;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.api.spi.TrainingHook;
import io.pretext.api.train.ArrayState;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DinoTaskTest {
  private static final int N = 4;
  private final DinoTask task = DinoContractTest.multiCrop(3);

  private static List<Object> images() {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      out.add(TinyData.images(N, 1, 12, 12, 3).get(i));
    }
    return out;
  }

  @Test
  void theBatchHoldsTwoGlobalViewsAndTheLocalCropsAtTheirSizes() {
    TrainingBatch batch = task.prepareBatch(images(), AugmentPipeline.identity(), new SplittableRandom(1));
    assertEquals(new Shape(2 * N, 1, 12, 12), batch.inputs().get(0).shape());
    assertEquals(new Shape(3 * N, 1, 6, 6), batch.inputs().get(1).shape());
    assertEquals(N, batch.samples());
    assertEquals(new Shape(1, 12, 12), task.encoderInputShape(new Shape(1, 28, 28)));
  }

  @Test
  void aWholeImageCropOfTheSameSizeIsTheImage() {
    Image image = (Image) images().get(0);
    Image same = MultiCrop.resampled(image, new MultiCrop.Crop(12, 1, 1), new SplittableRandom(3));
    // scale 1 and a ratio other than 1 never fits: after 10 tries the whole image, resampled 1:1
    assertArrayEquals(image.pixels(), same.pixels(), 1e-6f);
  }

  @Test
  void anAugmentListThatResizesTheCropsIsAClearError() {
    AugmentPipeline resize = new AugmentPipeline(List.of(new AugmentPipeline.Step("resize",
        io.pretext.core.augment.Resize.to(12, 12), 1)));
    var e = assertThrows(io.pretext.api.PretextUserException.class,
        () -> task.prepareBatch(images(), resize, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("pretext.local-crops.size"), e.getMessage());
  }

  @Test
  void theTeacherTemperatureRisesLinearlyThenStays() {
    DinoTask slow = new DinoTask(new DinoTask.Settings(8, true, 0.996, 0.9, 0.1, 0.04, 0.07, 2, MultiCrop.none()));
    assertEquals(0.04, slow.teacherTemperature(1, 10), 1e-12);
    assertEquals(0.055, slow.teacherTemperature(11, 10), 1e-12);
    assertEquals(0.07, slow.teacherTemperature(21, 10));
    assertEquals(0.07, slow.teacherTemperature(500, 10));
    DinoTask none = new DinoTask(new DinoTask.Settings(8, true, 0.996, 0.9, 0.1, 0.04, 0.07, 0, MultiCrop.none()));
    assertEquals(0.07, none.teacherTemperature(1, 10));
  }

  /** The model built as the loop builds it, initialized for (2N, 1, 12, 12) globals and (3N, 1, 6, 6) locals. */
  private static DinoModel model(Model holder) {
    Encoder plugin = TinyEncoders.resnetMini(2);
    Shape input = new Shape(1, 12, 12);
    DinoModel model = (DinoModel) DinoContractTest.multiCrop(3).buildModel(new ModelContext(plugin.build(input),
        plugin.featureSize(input), Optional.empty(), plugin, input, holder.getNDManager()));
    holder.setBlock(model);
    model.initialize(holder.getNDManager(), DataType.FLOAT32, new Shape(2 * N, 1, 12, 12), new Shape(3 * N, 1, 6, 6));
    return model;
  }

  @Test
  void localCropsReachOnlyTheStudent() {
    try (Model holder = Model.newInstance("dino", DjlTests.engine().device());
        NDManager scope = holder.getNDManager().newSubManager()) {
      DinoModel model = model(holder);
      NDArray global = scope.randomNormal(new Shape(2 * N, 1, 12, 12));
      NDList a = model.forward(new ParameterStore(scope, false), new NDList(global, scope.randomNormal(new Shape(3 * N, 1, 6, 6))), false);
      NDList b = model.forward(new ParameterStore(scope, false), new NDList(global, scope.randomNormal(new Shape(3 * N, 1, 6, 6))), false);
      assertEquals(new Shape(5 * N, 32), a.get(0).getShape());
      assertEquals(new Shape(2 * N, 32), a.get(1).getShape());
      assertArrayEquals(a.get(1).toFloatArray(), b.get(1).toFloatArray(), "the teacher saw the local crops");
      assertArrayEquals(a.get(0).get("0:8").toFloatArray(), b.get(0).get("0:8").toFloatArray());
      assertFalse(java.util.Arrays.equals(a.get(0).get("8:").toFloatArray(), b.get(0).get("8:").toFloatArray()),
          "the student's local rows should follow the local crops");
      assertEquals(0.04f, a.get(3).getFloat(), 1e-7f);
    }
  }

  @Test
  void theHooksMoveTheCentreAndSetTheTemperature() {
    try (Model holder = Model.newInstance("dino", DjlTests.engine().device());
        NDManager scope = holder.getNDManager().newSubManager()) {
      DinoModel model = model(holder);
      List<TrainingHook> hooks = task.hooks(model);
      assertEquals(2, hooks.size());
      assertTrue(hooks.contains(model.ema()));
      NDArray teacher = scope.randomNormal(new Shape(2 * N, 32));
      float[] expected = teacher.mean(new int[] {0}).mul(0.1f).toFloatArray(); // 0.9 * 0 + 0.1 * mean
      hooks.get(0).beforeStep(new StepContext(9, 20, 2, 4, model, scope, new NDList(), false));
      assertEquals(0.07, model.teacherTemperature()); // one warm-up epoch of 4 steps: done at step 5
      hooks.get(0).afterStep(new StepContext(9, 20, 2, 4, model, scope, new NDList(scope.zeros(new Shape(5 * N, 32)),
          teacher), false));
      assertArrayEquals(expected, model.center().value().toFloatArray(), 1e-6f);
      assertEquals(new Shape(1, 32), model.center().value().getShape());
    }
  }

  @Test
  void theCentreIsTaskStateThatSurvivesSaveAndLoad() throws IOException {
    try (Model holder = Model.newInstance("dino", DjlTests.engine().device())) {
      DinoModel model = model(holder);
      Map<String, io.pretext.api.spi.TaskState> state = task.taskState(model);
      assertEquals(List.of("center"), List.copyOf(state.keySet()));
      ArrayState center = (ArrayState) state.get("center");
      center.replace(holder.getNDManager().randomNormal(new Shape(1, 32)));
      float[] saved = center.value().toFloatArray();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      center.save(new DataOutputStream(bytes));
      center.replace(holder.getNDManager().zeros(new Shape(1, 32)));
      center.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), holder.getNDManager());
      assertArrayEquals(saved, model.center().value().toFloatArray(), 0f);
    }
  }

  private static PretextTask create(Map<String, Object> section) {
    Map<String, Object> withName = new java.util.LinkedHashMap<>(section);
    withName.put("name", "dino");
    return Plugins.registry().create(PluginKind.PRETEXT_TASK, PretextTask.class, ConfigNode.of("pretext", withName));
  }

  @Test
  void registeredAsDinoWithItsSettings() {
    DinoTask made = (DinoTask) create(Map.of("prototypes", 256L, "teacher-temperature-warmup-epochs", 3.0,
        "global-crops", Map.of("size", 28L), "local-crops", Map.of("count", 4L, "size", 14L)));
    assertEquals(256, made.settings().prototypes());
    assertEquals(3.0, made.settings().warmupEpochs());
    assertEquals(4, made.settings().crops().localCount());
    assertEquals(14, made.settings().crops().local().size());
    assertEquals(0.05, made.settings().crops().local().minScale());
    assertEquals(0.4, made.settings().crops().global().orElseThrow().minScale());
    DinoTask defaults = (DinoTask) create(Map.of());
    assertEquals(1024, defaults.settings().prototypes());
    assertEquals(0.996, defaults.settings().teacherMomentum());
    assertTrue(defaults.settings().crops().global().isEmpty());
  }

  @Test
  void aLocalCropLargerThanTheGlobalOneIsRefusedAtItsKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> create(Map.of("global-crops", Map.of("size", 14L),
        "local-crops", Map.of("count", 2L, "size", 20L))));
    assertTrue(e.getMessage().contains("pretext.local-crops.size"), e.getMessage());
    assertTrue(e.getMessage().contains("larger than the global crops of 14"), e.getMessage());
    ConfigException noGlobal = assertThrows(ConfigException.class,
        () -> create(Map.of("local-crops", Map.of("count", 2L, "size", 8L))));
    assertTrue(noGlobal.getMessage().contains("pretext.global-crops.size"), noGlobal.getMessage());
  }

  @Test
  void zeroPrototypesAndAMomentumOutsideTheUnitIntervalAreRefusedByTheSchema() {
    ConfigException zero = RunFiles.rejected(RunFiles.withPretext("{name: dino, prototypes: 0}", ""));
    assertTrue(zero.getMessage().contains("pretext.prototypes"), zero.getMessage());
    ConfigException high = RunFiles.rejected(RunFiles.withPretext("{name: dino, teacher-momentum: 1.5}", ""));
    assertTrue(high.getMessage().contains("pretext.teacher-momentum"), high.getMessage());
    ConfigException negative = RunFiles.rejected(RunFiles.withPretext("{name: dino, center-momentum: -0.1}", ""));
    assertTrue(negative.getMessage().contains("pretext.center-momentum"), negative.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new DinoTask.Settings(0, true, 0.996, 0.9, 0.1, 0.04, 0.07, 1, MultiCrop.none()));
  }
}

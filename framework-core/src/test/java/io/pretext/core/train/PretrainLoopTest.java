package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.core.testplugin.RotationTask;
import io.pretext.core.testplugin.TinyImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainLoopTest {
  private static final TinyImages DATA = new TinyImages(64, 8, 3);
  private static final MlpEncoder ENCODER = new MlpEncoder(List.of(32L), 16);

  @TempDir Path tmp;

  private TrainResult train(Path dir, TrainSettings settings, PretextTask task, io.pretext.api.runtime.MetricsSink sink) {
    return train(dir, settings, task, sink, ProgressReporter.NONE);
  }

  private TrainResult train(Path dir, TrainSettings settings, PretextTask task, io.pretext.api.runtime.MetricsSink sink,
      ProgressReporter progress) {
    return train(RunDirectory.create(dir), settings, task, sink, progress);
  }

  private TrainResult train(RunDirectory dir, TrainSettings settings, PretextTask task,
      io.pretext.api.runtime.MetricsSink sink, ProgressReporter progress) {
    PretrainLoop loop = new PretrainLoop(settings, new SeedSource(42), Fixtures.engine(), dir, sink, progress);
    return loop.run(task, ENCODER, DATA, AugmentPipeline.identity());
  }

  @Test
  void trainsRotationWritesMetricsCheckpointsAndEncoder() throws Exception {
    RunDirectory dir = RunDirectory.create(tmp.resolve("run"));
    TrainSettings settings = Fixtures.settings(Map.of("epochs", 4, "checkpoint-every", 10, "keep-checkpoints", 10));
    TrainResult result;
    try (JsonlMetricsSink sink = new JsonlMetricsSink(dir.metrics())) {
      result = train(dir, settings, new RotationTask(), sink, ProgressReporter.NONE);
    }
    try (result) {
      assertEquals(32, result.steps());
      assertEquals(4, result.epochs());
      assertEquals(16, result.featureSize());
      assertEquals(new Shape(1, 8, 8), result.inputShape());
      assertTrue(result.medianStepMillis() > 0 && result.meanStepMillis() > 0);
      assertTrue(result.dataWaitFraction() >= 0 && result.dataWaitFraction() < 1);

      List<JsonObject> lines = Files.readAllLines(dir.metrics(), StandardCharsets.UTF_8).stream()
          .map(l -> new Gson().fromJson(l, JsonObject.class)).toList();
      List<JsonObject> steps = lines.stream().filter(l -> l.get("stream").getAsString().equals("train")).toList();
      assertEquals(32, steps.size());
      for (int i = 0; i < steps.size(); i++) {
        JsonObject s = steps.get(i);
        assertEquals(i + 1, s.get("step").getAsInt());
        assertEquals(i / 8 + 1, s.get("epoch").getAsInt());
        for (String key : List.of("loss", "samples_per_s", "wait_ms", "step_ms", "accuracy")) {
          assertTrue(s.has(key), "metrics line lacks " + key + ": " + s);
        }
      }
      assertEquals(1, lines.stream().filter(l -> l.get("stream").getAsString().equals("train-summary")).count());

      double first = mean(steps.subList(0, 4), "loss");
      double last = mean(steps.subList(28, 32), "loss");
      assertTrue(last < 0.7 * first, "loss should go down: first " + first + ", last " + last);
      assertEquals(steps.get(31).get("loss").getAsDouble(), result.finalLoss(), 1e-6);

      CheckpointStore store = new CheckpointStore(dir.checkpoints(), 10);
      assertEquals(List.of(10L, 20L, 30L, 32L), store.list().stream().map(CheckpointStore.Checkpoint::step).toList());
      try (Stream<Path> files = Files.list(dir.checkpoints())) {
        assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
      }
      assertEquals(store.latest().orElseThrow().parameters(), result.lastCheckpoint());

      // The final checkpoint holds exactly the trained parameters.
      Block fresh = new RotationTask().buildModel(ENCODER.build(result.inputShape()), 16, java.util.Optional.empty());
      try (NDManager manager = NDManager.newBaseManager()) {
        store.loadLatest(fresh, manager);
        assertSameParameters(Fixtures.parameters(result.model().getBlock()), Fixtures.parameters(fresh));

        Block encoder = ENCODER.build(result.inputShape());
        try (var in = new java.io.DataInputStream(Files.newInputStream(result.encoderParameters()))) {
          encoder.loadParameters(manager, in);
        }
        assertSameParameters(Fixtures.parameters(result.encoder()), Fixtures.parameters(encoder));
      }
      assertTrue(Files.exists(dir.encoder().resolve("encoder.json")));
    }
  }

  @Test
  void sameSeedGivesIdenticalLosses() {
    TrainSettings settings = Fixtures.settings(Map.of("epochs", 2, "workers", 3));
    Fixtures.Recorder a = new Fixtures.Recorder();
    Fixtures.Recorder b = new Fixtures.Recorder();
    try (TrainResult ra = train(tmp.resolve("a"), settings, new RotationTask(), a)) {
      try (TrainResult rb = train(tmp.resolve("b"), settings.with(Map.of("workers", 1)), new RotationTask(), b)) {
        assertEquals(16, a.losses().size());
        assertEquals(a.losses(), b.losses());
        assertSameParameters(Fixtures.parameters(ra.encoder()), Fixtures.parameters(rb.encoder()));
      }
    }
  }

  @Test
  void maxStepsStopsMidEpochWithAConsoleProgressBar() {
    try (TrainResult r = train(tmp.resolve("m"), Fixtures.settings(Map.of("max-steps", 5)), new RotationTask(),
        new Fixtures.Recorder(), ProgressReporter.console())) {
      assertEquals(5, r.steps());
      assertEquals(1, r.epochs());
    }
  }

  @Test
  void nonFiniteLossStopsTheRunAndKeepsTheLastGoodCheckpoint() {
    Path runDir = tmp.resolve("nan");
    TrainSettings settings = Fixtures.settings(Map.of("epochs", 2, "checkpoint-every", 3, "keep-checkpoints", 5));
    Fixtures.Recorder metrics = new Fixtures.Recorder();
    NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
        () -> train(runDir, settings, new io.pretext.core.testplugin.NanAtStep(new RotationTask(), 11), metrics));

    assertEquals(11, e.step());
    assertEquals(2, e.epoch());
    assertTrue(e.getMessage().contains("step 11") && e.getMessage().contains("epoch 2"), e.getMessage());
    assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
    Path good = runDir.resolve("checkpoints").resolve("step-000009.params").toAbsolutePath();
    assertEquals(good, e.lastCheckpoint());
    assertTrue(e.getMessage().contains(good.toString()), e.getMessage());
    assertEquals(metrics.losses().get(9), e.lastFiniteLoss(), 1e-9);
    assertEquals(10, metrics.losses().size());

    CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"), 5);
    assertEquals(List.of(3L, 6L, 9L), store.list().stream().map(CheckpointStore.Checkpoint::step).toList());
    Block fresh = new RotationTask().buildModel(ENCODER.build(new Shape(1, 8, 8)), 16, java.util.Optional.empty());
    try (NDManager manager = NDManager.newBaseManager()) {
      store.loadLatest(fresh, manager);
      for (float[] values : Fixtures.parameters(fresh).values()) {
        for (float v : values) {
          assertTrue(Float.isFinite(v));
        }
      }
    }
    assertFalse(Files.exists(runDir.resolve("encoder").resolve("encoder.params")));
  }

  @Test
  void hugeLearningRateDivergesWithAUserMessage() {
    TrainSettings settings = Fixtures.settings(Map.of("epochs", 5, "learning-rate", 10.0, "optimizer", "sgd",
        "momentum", 0.99));
    NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
        () -> train(tmp.resolve("lr"), settings, new RotationTask(), new Fixtures.Recorder()).close());
    assertTrue(e.getMessage().contains("Lower train.learning-rate (now 10.0)"), e.getMessage());
  }

  private static double mean(List<JsonObject> lines, String key) {
    return lines.stream().mapToDouble(l -> l.get(key).getAsDouble()).average().orElseThrow();
  }

  private static void assertSameParameters(Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
  }

  /** Delegates to a task; its loss returns NaN from the given (1-based) call on. */

}

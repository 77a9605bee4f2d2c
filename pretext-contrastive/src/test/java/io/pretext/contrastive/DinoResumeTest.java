package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.core.engine.EngineSetup;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.core.augment.HorizontalFlip;
import io.pretext.core.train.CheckpointStore;
import io.pretext.core.train.PretrainLoop;
import io.pretext.core.train.ProgressReporter;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.TrainResult;
import io.pretext.core.train.TrainSettings;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DINO through the real loop: 12 steps (3 epochs of 4, the teacher temperature warming up over the
 * first), and the same run resumed from a checkpoint. With the mlp encoder (global crops only, an
 * mlp takes one input size) the resumed run has the same losses, encoder bytes and centre bytes:
 * the centre, the teacher and the schedule come back bit-exactly. With multi-crop on resnet-mini the
 * losses agree to float rounding only: the engine's resume of a resnet-mini run is not bit-exact
 * for any task (SimSiam shows the same last-digit differences), so that case checks a tolerance.
 */
class DinoResumeTest {
  private static final AugmentPipeline FLIP = new AugmentPipeline(List.of(
      new AugmentPipeline.Step("horizontal-flip", new HorizontalFlip(), 0.5)));

  /** One thread: PyTorch's multi-threaded CPU convolutions do not promise the same float sums run to run. */
  private static final EngineSetup ENGINE = new EngineSetup(new RuntimeSettings(7, 1, "cpu", Path.of("unused")));

  @TempDir Path tmp;

  private static final class Losses implements MetricsSink {
    final List<Double> values = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(String stream, Map<String, ?> line) {
      if (PretrainLoop.STREAM.equals(stream)) {
        values.add(((Number) line.get("loss")).doubleValue());
      }
    }
  }

  private static PretrainLoop loop(RunDirectory dir, MetricsSink sink) {
    TrainSettings settings = TrainSettings.from(ConfigNode.of("train", Map.of("epochs", 3, "batch-size", 8,
        "learning-rate", 0.01, "checkpoint-every", 4, "keep-checkpoints", 20, "workers", 2, "log-every", 1000)));
    return new PretrainLoop(settings, new SeedSource(5), ENGINE, dir, sink, ProgressReporter.NONE);
  }

  private static DinoTask globalOnly() {
    return new DinoTask(new DinoTask.Settings(32, true, 0.996, 0.9, 0.1, 0.04, 0.07, 1,
        new MultiCrop(Optional.of(new MultiCrop.Crop(10, 0.4, 1)), 0, new MultiCrop.Crop(1, 1, 1))));
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 8})
  void aResumedRunEndsWithTheSameLossesEncoderAndCentre(long at) throws IOException {
    List<List<Double>> losses = resume(at, DinoResumeTest::globalOnly, TinyEncoders.mlp(32, 16), true);
    assertEquals(losses.get(0), losses.get(1));
  }

  @Test
  void aResumedMultiCropRunFollowsTheSameLosses() throws IOException {
    List<List<Double>> losses = resume(8, () -> DinoContractTest.multiCrop(2), TinyEncoders.resnetMini(2), false);
    for (int i = 0; i < losses.get(1).size(); i++) {
      assertEquals(losses.get(0).get(i), losses.get(1).get(i), 1e-5, "step " + (9 + i));
    }
  }

  /** The losses after {@code at} of the whole run and of the resumed one; with {@code exact}, the bytes checked too. */
  private List<List<Double>> resume(long at, java.util.function.Supplier<DinoTask> task, io.pretext.api.spi.Encoder encoder,
      boolean exact) throws IOException {
    Losses whole = new Losses();
    RunDirectory a = RunDirectory.create(tmp.resolve("a"));
    try (TrainResult r = loop(a, whole).run(task.get(), encoder,
        Optional.empty(), TinyData.images(32, 1, 12, 12, 1), FLIP)) {
      assertEquals(12, r.steps());
    }
    assertTrue(whole.values.stream().allMatch(Double::isFinite), whole.values.toString());
    RunDirectory b = RunDirectory.create(tmp.resolve("b"));
    try (Stream<Path> files = Files.list(a.checkpoints())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, b.checkpoints().resolve(p.getFileName()));
      }
    }
    CheckpointStore.Checkpoint from = new CheckpointStore(b.checkpoints(), 20).list().stream()
        .filter(c -> c.step() == at).findFirst().orElseThrow();
    assertTrue(from.state().isPresent(), "the checkpoint holds no task state");
    Losses resumed = new Losses();
    try (TrainResult r = loop(b, resumed).resume(task.get(), encoder,
        Optional.empty(), TinyData.images(32, 1, 12, 12, 1), FLIP, from)) {
      assertEquals(12, r.steps());
    }
    assertEquals(12 - at, resumed.values.size());
    if (!exact) {
      return List.of(whole.values.subList((int) at, 12), resumed.values);
    }
    assertArrayEquals(Files.readAllBytes(a.encoderParameters()), Files.readAllBytes(b.encoderParameters()));
    CheckpointStore.Checkpoint lastA = new CheckpointStore(a.checkpoints(), 20).list().stream()
        .filter(c -> c.step() == 12).findFirst().orElseThrow();
    CheckpointStore.Checkpoint lastB = new CheckpointStore(b.checkpoints(), 20).list().stream()
        .filter(c -> c.step() == 12).findFirst().orElseThrow();
    assertArrayEquals(Files.readAllBytes(lastA.state().orElseThrow()), Files.readAllBytes(lastB.state().orElseThrow()));
    return List.of(whole.values.subList((int) at, 12), resumed.values);
  }
}

package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.testplugin.RotationTask;
import io.pretext.core.testplugin.TinyImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from one of its checkpoints ends with the same encoder bytes and the same losses as
 * the run that never stopped: mid-epoch and at an epoch's end, with Adam (moments and bias
 * correction) and SGD momentum, under a cosine schedule with warm-up.
 */
class PretrainResumeTest {
  private static final TinyImages DATA = new TinyImages(64, 8, 3);
  private static final MlpEncoder ENCODER = new MlpEncoder(List.of(32L), 16);

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"adam, 4", "adam, 8", "sgd, 12"})
  void resumedRunEndsWithTheSameEncoderBytesAndLosses(String optimizer, long at) throws IOException {
    TrainSettings settings = Fixtures.settings(Map.of("epochs", 3, "checkpoint-every", 4, "keep-checkpoints", 20,
        "optimizer", optimizer, "schedule", "cosine", "warmup-steps", 3, "workers", 2));
    Fixtures.Recorder whole = new Fixtures.Recorder();
    RunDirectory a = RunDirectory.create(tmp.resolve("a"));
    try (TrainResult r = loop(settings, a, whole).run(new RotationTask(), ENCODER, DATA, AugmentPipeline.identity())) {
      assertEquals(24, r.steps());
    }

    RunDirectory b = RunDirectory.create(tmp.resolve("b"));
    try (Stream<Path> files = Files.list(a.checkpoints())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, b.checkpoints().resolve(p.getFileName()));
      }
    }
    CheckpointStore store = new CheckpointStore(b.checkpoints(), 20);
    CheckpointStore.Checkpoint from = store.list().stream().filter(c -> c.step() == at).findFirst().orElseThrow();
    assertTrue(from.optimizer().isPresent());
    Fixtures.Recorder resumed = new Fixtures.Recorder();
    try (TrainResult r = loop(settings, b, resumed).resume(new RotationTask(), ENCODER, Optional.empty(), DATA,
        AugmentPipeline.identity(), from)) {
      assertEquals(24, r.steps());
      assertEquals(3, r.epochs());
    }
    assertEquals(whole.losses().subList((int) at, 24), resumed.losses());
    assertArrayEquals(Files.readAllBytes(a.encoderParameters()), Files.readAllBytes(b.encoderParameters()));
  }

  private static PretrainLoop loop(TrainSettings settings, RunDirectory dir, Fixtures.Recorder sink) {
    return new PretrainLoop(settings, new SeedSource(42), Fixtures.engine(), dir, sink, ProgressReporter.NONE);
  }
}

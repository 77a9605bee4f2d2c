package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigNode;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.core.train.CheckpointStore;
import io.pretext.core.train.PretrainLoop;
import io.pretext.core.train.ProgressReporter;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.TrainResult;
import io.pretext.core.train.TrainSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BYOL and MoCo resumed from one of their checkpoints, mid-epoch and at an epoch's end, end as the
 * run that never stopped, bit for bit: the same losses, the same last checkpoint (online and
 * target networks) and, for MoCo, the same queue, which the checkpoint's task state carries.
 */
class MomentumResumeTest {
  private static final int STEPS = 16;
  private static final MlpEncoder ENCODER = new MlpEncoder(List.of(32L), 16);
  private static final ProjectionHead HEAD = new ProjectionHead(Optional.of(List.of(32L)), 16, true);

  @TempDir Path tmp;

  private static Supplier<PretextTask> task(String name) {
    return name.equals("byol") ? () -> new ByolTask(0.9, List.of(16L)) : () -> new MocoTask(0.9, 64, 0.2, new SeedSource(2));
  }

  @ParameterizedTest
  @CsvSource({"byol, 4", "moco, 4", "moco, 8"})
  void aResumedRunEndsBitForBitAsTheWholeRun(String method, long at) throws IOException {
    Losses whole = new Losses();
    RunDirectory a = RunDirectory.create(tmp.resolve("a"));
    byte[] queueOfWhole;
    try (TrainResult r = loop(a, whole).run(task(method).get(), ENCODER, Optional.of(HEAD), data(), views())) {
      assertEquals(STEPS, r.steps());
      queueOfWhole = method.equals("moco") ? MocoTask.queue(r.model().getBlock()).value().encode() : new byte[0];
    }
    RunDirectory b = RunDirectory.create(tmp.resolve("b"));
    try (Stream<Path> files = Files.list(a.checkpoints())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, b.checkpoints().resolve(p.getFileName()));
      }
    }
    CheckpointStore store = new CheckpointStore(b.checkpoints(), 20);
    CheckpointStore.Checkpoint from = store.list().stream().filter(c -> c.step() == at).findFirst().orElseThrow();
    assertEquals(method.equals("moco"), from.state().isPresent(), "MoCo's queue is task state, BYOL has none");
    Losses resumed = new Losses();
    byte[] queueOfResumed;
    Path lastOfResumed;
    try (TrainResult r = loop(b, resumed).resume(task(method).get(), ENCODER, Optional.of(HEAD), data(), views(), from)) {
      assertEquals(STEPS, r.steps());
      queueOfResumed = method.equals("moco") ? MocoTask.queue(r.model().getBlock()).value().encode() : new byte[0];
      lastOfResumed = r.lastCheckpoint();
    }
    assertEquals(whole.values.subList((int) at, STEPS), resumed.values);
    assertArrayEquals(queueOfWhole, queueOfResumed, "the queue");
    Path lastOfWhole = a.checkpoints().resolve(lastOfResumed.getFileName());
    assertArrayEquals(Files.readAllBytes(lastOfWhole), Files.readAllBytes(lastOfResumed), "online and target parameters");
    assertArrayEquals(Files.readAllBytes(a.encoderParameters()), Files.readAllBytes(b.encoderParameters()));
    assertFalse(whole.values.get(0).equals(whole.values.get(STEPS - 1)));
  }

  private static PretrainLoop loop(RunDirectory dir, Losses sink) {
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("epochs", 2);
    train.put("batch-size", 8);
    train.put("learning-rate", 1e-3);
    train.put("checkpoint-every", 4);
    train.put("keep-checkpoints", 20);
    train.put("workers", 2);
    train.put("log-every", 1000);
    TrainSettings settings = TrainSettings.from(ConfigNode.of("train", train));
    return new PretrainLoop(settings, new SeedSource(9), DjlTests.engine(), dir, sink, ProgressReporter.NONE);
  }

  private static BlobImages data() {
    return new BlobImages(64, 12, 4);
  }

  private static AugmentPipeline views() {
    return TwoViewTaskContract.cropAndFlip();
  }

  /** The loss of each step, from the loop's {@code train} stream. */
  private static final class Losses implements MetricsSink {
    final List<Double> values = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(String stream, Map<String, ?> line) {
      if (PretrainLoop.STREAM.equals(stream)) {
        assertTrue(line.containsKey("loss"));
        values.add(((Number) line.get("loss")).doubleValue());
      }
    }
  }
}

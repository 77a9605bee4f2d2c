package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.core.augment.HorizontalFlip;
import io.pretext.core.augment.RandomResizedCrop;
import io.pretext.api.config.ConfigNode;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.core.train.PretrainLoop;
import io.pretext.core.train.ProgressReporter;
import io.pretext.core.train.RunDirectory;
import io.pretext.core.train.TrainResult;
import io.pretext.core.train.TrainSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SimSiam, Barlow Twins, VICReg, BYOL and MoCo through the framework's training loop: {@value #STEPS} steps
 * each on crop + flip views of small synthetic images, the mlp encoder and a 64-wide projector
 * given as the run's head (each task's default projector is checked in its task test).
 */
class JointEmbeddingEndToEndTest {
  private static final int BATCH = 32;
  private static final int STEPS = 40;
  /** Linear(32, 64) - BN - ReLU - Linear(64, 64), and for SimSiam a BN after the output. */
  private static final ProjectionHead HEAD = new ProjectionHead(Optional.of(List.of(64L)), 64, true);

  @TempDir Path tmp;

  /** Keeps the per-step lines of the {@code train} stream. */
  private static final class StepLines implements MetricsSink {
    final List<Map<String, Object>> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(String stream, Map<String, ?> values) {
      if (PretrainLoop.STREAM.equals(stream)) {
        lines.add(new LinkedHashMap<>(values));
      }
    }

    double mean(String key, int from, int to) {
      return lines.subList(from, to).stream().mapToDouble(l -> ((Number) l.get(key)).doubleValue()).average().orElseThrow();
    }
  }

  /** Trains the task and returns its step lines. */
  private StepLines train(PretextTask task, ProjectionHead head, double learningRate) {
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("epochs", 20);
    train.put("max-steps", STEPS);
    train.put("batch-size", BATCH);
    train.put("learning-rate", learningRate);
    train.put("checkpoint-every", 0);
    train.put("workers", 2);
    train.put("log-every", 1000);
    TrainSettings settings = TrainSettings.from(ConfigNode.of("train", train));
    AugmentPipeline views = new AugmentPipeline(List.of(
        new AugmentPipeline.Step("random-resized-crop", new RandomResizedCrop(16, 16, 0.5, 1, 0.75, 4.0 / 3), 1),
        new AugmentPipeline.Step("horizontal-flip", new HorizontalFlip(), 0.5)));
    StepLines sink = new StepLines();
    PretrainLoop loop = new PretrainLoop(settings, new SeedSource(11), DjlTests.engine(), RunDirectory.create(tmp),
        sink, ProgressReporter.NONE);
    try (TrainResult result = loop.run(task, new MlpEncoder(List.of(64L), 32), Optional.of(head),
        new BlobImages(256, 16, 4), views)) {
      assertEquals(STEPS, result.steps());
    }
    assertEquals(STEPS, sink.lines.size());
    for (Map<String, Object> line : sink.lines) {
      assertTrue(Double.isFinite(((Number) line.get("loss")).doubleValue()), line.toString());
      assertTrue(Double.isFinite(((Number) line.get(EmbeddingStd.NAME)).doubleValue()), line.toString());
    }
    return sink;
  }

  private static void report(String method, StepLines sink) {
    System.out.printf("%s end to end: loss %.4f -> %.4f, embedding_std %.4f -> %.4f%n", method,
        sink.mean("loss", 0, 10), sink.mean("loss", STEPS - 10, STEPS),
        sink.mean(EmbeddingStd.NAME, 0, 10), sink.mean(EmbeddingStd.NAME, STEPS - 10, STEPS));
  }

  @Test
  void simSiamLossFallsTowardsMinusOne() {
    StepLines sink = train(new SimSiamTask(List.of(16L)),
        new ProjectionHead(Optional.of(List.of(64L)), 64, true, true), 1e-3);
    report("SimSiam", sink);
    double first = sink.mean("loss", 0, 10);
    double last = sink.mean("loss", STEPS - 10, STEPS);
    assertTrue(last < first - 0.05, "loss " + first + " -> " + last);
    assertTrue(last >= -1 && first <= 1, "negative cosine out of [-1, 1]: " + first + ", " + last);
  }

  @Test
  void barlowTwinsLossFalls() {
    StepLines sink = train(new BarlowTwinsTask(BarlowTwinsTaskFactory.DEFAULT_LAMBDA), HEAD, 1e-3);
    report("Barlow Twins", sink);
    double first = sink.mean("loss", 0, 10);
    double last = sink.mean("loss", STEPS - 10, STEPS);
    assertTrue(last < 0.9 * first, "loss " + first + " -> " + last);
  }

  @Test
  void vicRegLossFalls() {
    StepLines sink = train(new VicRegTask(25, 25, 1, 1, 1e-4), HEAD, 1e-3);
    report("VICReg", sink);
    double first = sink.mean("loss", 0, 10);
    double last = sink.mean("loss", STEPS - 10, STEPS);
    assertTrue(last < 0.9 * first, "loss " + first + " -> " + last);
  }

  @Test
  void byolLossFalls() {
    StepLines sink = train(new ByolTask(0.99, List.of(32L)), HEAD, 1e-3);
    report("BYOL", sink);
    double first = sink.mean("loss", 0, 10);
    double last = sink.mean("loss", STEPS - 10, STEPS);
    assertTrue(last < 0.9 * first, "loss " + first + " -> " + last);
    assertTrue(first <= 8 && last >= 0, "BYOL's loss out of [0, 8]: " + first + ", " + last);
  }

  @Test
  void mocoLossFalls() {
    // A queue of 128 keys: two steps of batch 32 (64 keys each).
    StepLines sink = train(new MocoTask(0.99, 128, 0.2, new SeedSource(1)), HEAD, 1e-3);
    report("MoCo", sink);
    double first = sink.mean("loss", 0, 10);
    double last = sink.mean("loss", STEPS - 10, STEPS);
    assertTrue(last < first - 0.1, "loss " + first + " -> " + last);
  }
}

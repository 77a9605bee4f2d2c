package io.pretext.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigNode;
import io.pretext.core.nn.MlpEncoder;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
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
 * Context prediction through the framework's training loop: 28×28 images with a layout, 7-pixel
 * patches (grid 3·7 + 2·2 + 2·1 = 27), the mlp encoder and the default pair head.
 */
class ContextLearnsTest {
  private static final int STEPS = 300;

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

  @Test
  void pretextAccuracyRisesWellAboveChance() {
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("epochs", 100);
    train.put("max-steps", STEPS);
    train.put("batch-size", 32);
    train.put("learning-rate", 2e-3);
    train.put("checkpoint-every", 0);
    train.put("workers", 2);
    train.put("log-every", 1000);
    TrainSettings settings = TrainSettings.from(ConfigNode.of("train", train));
    StepLines sink = new StepLines();
    PretrainLoop loop = new PretrainLoop(settings, new SeedSource(3), DjlTests.engine(), RunDirectory.create(tmp),
        sink, ProgressReporter.NONE);
    ContextPredictionTask task = new ContextPredictionTask(
        new PatchPairSampler(new PatchGrid(7, 2, 1), 1, ChromaticGuard.NONE), 64);

    try (TrainResult result = loop.run(task, new MlpEncoder(List.of(64L), 32), Optional.empty(),
        new LayoutImages(256, 28, 4), AugmentPipeline.identity())) {
      assertEquals(STEPS, result.steps());
    }

    assertEquals(STEPS, sink.lines.size());
    double first = sink.mean(ContextPredictionTask.ACCURACY, 0, 20);
    double last = sink.mean(ContextPredictionTask.ACCURACY, STEPS - 50, STEPS);
    double firstLoss = sink.mean("loss", 0, 20);
    double lastLoss = sink.mean("loss", STEPS - 50, STEPS);
    System.out.printf("Context prediction: loss %.3f -> %.3f, pretext accuracy %.3f -> %.3f (chance 0.125)%n",
        firstLoss, lastLoss, first, last);
    assertTrue(last > 0.3, "pretext accuracy " + first + " -> " + last);
    assertTrue(lastLoss < firstLoss, "loss " + firstLoss + " -> " + lastLoss);
  }
}

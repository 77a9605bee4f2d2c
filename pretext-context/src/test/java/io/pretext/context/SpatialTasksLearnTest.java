package io.pretext.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RotNet and Jigsaw through the framework's training loop for a few real steps on 28×28 layout
 * images with the mlp encoder: the loss stays finite and goes down. Kept to a few seconds.
 */
class SpatialTasksLearnTest {
  private static final int STEPS = 60;

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

  private StepLines train(PretextTask task, String name) {
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("epochs", 100);
    train.put("max-steps", STEPS);
    train.put("batch-size", 16);
    train.put("learning-rate", 2e-3);
    train.put("checkpoint-every", 0);
    train.put("workers", 2);
    train.put("log-every", 1000);
    StepLines sink = new StepLines();
    PretrainLoop loop = new PretrainLoop(TrainSettings.from(ConfigNode.of("train", train)), new SeedSource(3),
        DjlTests.engine(), RunDirectory.create(tmp.resolve(name)), sink, ProgressReporter.NONE);
    try (TrainResult result = loop.run(task, new MlpEncoder(List.of(32L), 16), Optional.empty(),
        new LayoutImages(128, 28, 4), AugmentPipeline.identity())) {
      assertEquals(STEPS, result.steps());
    }
    assertEquals(STEPS, sink.lines.size());
    for (Map<String, Object> line : sink.lines) {
      assertTrue(Double.isFinite(((Number) line.get("loss")).doubleValue()), name + " loss " + line.get("loss"));
    }
    double first = sink.mean("loss", 0, 10);
    double last = sink.mean("loss", STEPS - 10, STEPS);
    System.out.printf("%s: loss %.3f -> %.3f, pretext accuracy %.3f -> %.3f%n", name, first, last,
        sink.mean("pretext_accuracy", 0, 10), sink.mean("pretext_accuracy", STEPS - 10, STEPS));
    assertTrue(last < first, name + " loss " + first + " -> " + last);
    return sink;
  }

  @Test
  void rotnetLossGoesDown() {
    train(new RotNetTask(List.of(0, 90, 180, 270), 32), "rotnet");
  }

  @Test
  void jigsawLossGoesDown() {
    TileGrid grid = new TileGrid(3, 7, 2, 1);
    train(new JigsawTask(grid, JigsawPermutations.select(grid.tiles(), 10, new SplittableRandom(1)), 1, false, 32),
        "jigsaw");
  }
}

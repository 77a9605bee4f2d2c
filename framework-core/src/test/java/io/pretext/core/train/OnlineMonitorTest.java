package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.data.DataSplits;
import io.pretext.api.data.ImageDataset;
import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.InputBatcher;
import io.pretext.core.nn.encoders.ResNetMini;
import io.pretext.core.testplugin.RotationTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online monitor measures at epoch ends and leaves training bit for bit as it was. */
class OnlineMonitorTest {
  @TempDir Path tmp;

  /** Images of 8x8 with a bright bar in the top (class 0) or bottom (class 1) half, over noise. */
  private static ImageDataset bars(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] px = new byte[count * 64];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 2;
      int row = labels[i] == 0 ? random.nextInt(4) : 4 + random.nextInt(4);
      for (int p = 0; p < 64; p++) {
        px[i * 64 + p] = (byte) (p / 8 == row ? 200 + random.nextInt(50) : random.nextInt(60));
      }
    }
    return new ImageDataset(1, 8, 8, px, labels, List.of("top", "bottom"));
  }

  private record Trained(List<Double> losses, Map<String, float[]> parameters, Fixtures.Recorder sink) {}

  private Trained train(String name, boolean withMonitor) {
    DataSplits<?> splits = new DataSplits<>(bars(64, 1), Optional.of(bars(32, 2)));
    TrainSettings settings = Fixtures.settings(Map.of("monitor-samples", withMonitor ? 24 : 0,
        "monitor-linear-probe", true));
    Fixtures.Recorder sink = new Fixtures.Recorder();
    PretrainLoop loop = new PretrainLoop(settings, new SeedSource(42), Fixtures.engine(), RunDirectory.create(tmp.resolve(name)),
        sink, ProgressReporter.NONE);
    if (withMonitor) {
      loop = loop.withMonitor(OnlineMonitor.of(settings.monitor(), splits, AugmentPipeline.identity(),
          InputBatcher.images(), new SeedSource(42), sink));
    }
    try (TrainResult result = loop.run(new RotationTask(), new ResNetMini(4), splits.train().unlabeled(),
        AugmentPipeline.identity())) {
      return new Trained(sink.losses(), Fixtures.parameters(result.encoder()), sink);
    }
  }

  @Test
  void theSameLossAtEveryStepAndTheSameWeightsWithAndWithoutTheMonitor() {
    Trained without = train("without", false);
    Trained with = train("with", true);
    assertEquals(24, without.losses().size());
    assertEquals(without.losses(), with.losses(), "the loss of every step, bit for bit");
    assertEquals(without.parameters().keySet(), with.parameters().keySet());
    without.parameters().forEach((k, v) -> assertArrayEquals(v, with.parameters().get(k), k));
    List<Map<String, Object>> lines = with.sink().records.stream()
        .filter(r -> OnlineMonitor.STREAM.equals(r.get("stream"))).toList();
    assertEquals(3, lines.size(), "one measurement per epoch");
    for (int i = 0; i < 3; i++) {
      Map<String, Object> l = lines.get(i);
      assertEquals((long) (i + 1) * 8, ((Number) l.get("step")).longValue());
      assertEquals(24, ((Number) l.get("samples")).intValue());
      double knn = (Double) l.get("knn_accuracy");
      double probe = (Double) l.get("linear_probe_accuracy");
      assertTrue(knn >= 0 && knn <= 1 && probe >= 0 && probe <= 1, l.toString());
    }
  }

  @Test
  void dataWithoutLabelsIsAConfigError() {
    ImageDataset labeled = bars(16, 3);
    DataSplits<?> unlabeled = new DataSplits<>(labeled.unlabeled(), Optional.of(labeled.unlabeled()));
    ConfigException e = assertThrows(ConfigException.class, () -> OnlineMonitor.of(new MonitorSettings(8, 1, 5, false),
        unlabeled, AugmentPipeline.identity(), InputBatcher.images(), new SeedSource(0), new Fixtures.Recorder()));
    assertTrue(e.getMessage().contains("train.monitor-samples") && e.getMessage().contains("no labels"), e.getMessage());
  }

  @Test
  void maxMinutesStopsAfterTheStepPastTheBudget() {
    TrainSettings settings = Fixtures.settings(Map.of("max-minutes", 1e-9));
    Fixtures.Recorder sink = new Fixtures.Recorder();
    PretrainLoop loop = new PretrainLoop(settings, new SeedSource(42), Fixtures.engine(), RunDirectory.create(tmp.resolve("b")),
        sink, ProgressReporter.NONE);
    try (TrainResult result = loop.run(new RotationTask(), new ResNetMini(4), bars(64, 1).unlabeled(),
        AugmentPipeline.identity())) {
      assertEquals(1, result.steps());
    }
    Map<String, Object> summary = sink.records.stream()
        .filter(r -> PretrainLoop.SUMMARY_STREAM.equals(r.get("stream"))).findFirst().orElseThrow();
    assertEquals(true, summary.get("budget_stopped"));
    assertEquals(1.0 / 8, (Double) summary.get("epochs_completed"), 1e-12);
  }
}

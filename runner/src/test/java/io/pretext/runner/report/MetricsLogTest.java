package io.pretext.runner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
  @TempDir
  Path dir;

  static String trainLine(int step, int epoch, double loss) {
    return String.format(java.util.Locale.ROOT, "{\"stream\":\"train\",\"step\":%d,\"epoch\":%d,\"loss\":%s,"
        + "\"samples_per_s\":%d.0,\"wait_ms\":1.0,\"step_ms\":%d.0,\"accuracy\":0.5}", step, epoch, loss,
        100 + step, 10 + step);
  }

  @Test
  void readsStepsSeriesEpochMeansAndSummary() throws Exception {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, String.join("\n", trainLine(1, 1, 2.0), trainLine(2, 1, 1.0), trainLine(3, 2, 0.5),
        "{\"stream\":\"train-summary\",\"steps\":3,\"epochs\":2,\"final_loss\":0.5,\"median_step_ms\":12.0,"
            + "\"data_wait_fraction\":0.1,\"wall_s\":0.04}") + "\n");
    MetricsLog log = MetricsLog.read(file);
    assertEquals(3, log.trainSteps());
    assertArrayEquals(new double[] {1, 2, 3}, log.steps());
    assertArrayEquals(new double[] {2, 1, 0.5}, log.series("loss"));
    assertEquals(Map.of(1, 1.5, 2, 0.5), log.epochMeans("loss"));
    assertEquals(Set.of("step", "epoch", "loss", "samples_per_s", "wait_ms", "step_ms", "accuracy"),
        log.trainFields());
    assertEquals(12.0, log.median("step_ms"));
    assertEquals(0.1, log.summary().orElseThrow().get("data_wait_fraction"));
    assertTrue(log.warnings().isEmpty());
    assertTrue(Arrays.stream(log.series("missing")).allMatch(Double::isNaN));
  }

  @Test
  void truncatedLastLineIsSkippedWithAWarning() throws Exception {
    Path file = dir.resolve("metrics.jsonl");
    String cut = trainLine(3, 1, 0.7).substring(0, 40);
    Files.writeString(file, trainLine(1, 1, 2.0) + "\n" + trainLine(2, 1, 1.0) + "\n" + cut);
    MetricsLog log = MetricsLog.read(file);
    assertEquals(2, log.trainSteps());
    assertArrayEquals(new double[] {2, 1}, log.series("loss"));
    assertEquals(1, log.warnings().size());
    assertTrue(log.warnings().get(0).contains(":3: skipped a truncated last line"), log.warnings().get(0));
    assertTrue(log.summary().isEmpty());
  }

  @Test
  void cutMultiByteCharacterAndSpecialNumbersAreTolerated() throws Exception {
    Path file = dir.resolve("metrics.jsonl");
    byte[] good = (trainLine(1, 1, 2.0) + "\n{\"stream\":\"train\",\"step\":2,\"epoch\":1,\"loss\":NaN}\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"stream\":\"note\",\"text\":\"caf\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(good, good.length + bad.length - 1);
    System.arraycopy(bad, 0, all, good.length, bad.length - 1);
    Files.write(file, all);
    MetricsLog log = MetricsLog.read(file);
    assertEquals(2, log.trainSteps());
    assertTrue(Double.isNaN(log.series("loss")[1]));
    assertEquals(1, log.warnings().size());
    assertFalse(log.streams().contains("note"));
  }

  @Test
  void pretrainingFromARunThatDiedIsMarkedIncomplete() {
    MetricsLog log = MetricsLog.parse(java.util.List.of(trainLine(1, 1, 2.0), trainLine(2, 2, 1.5)), "m");
    Pretraining p = Pretraining.fromMetrics(log).orElseThrow();
    assertFalse(p.complete());
    assertEquals(2, p.steps());
    assertEquals(2, p.epochs());
    assertEquals(1.5, p.finalLoss());
    assertEquals(2.0 / (2 + 11 + 12), p.dataWaitFraction(), 1e-12);
    assertTrue(Pretraining.fromMetrics(MetricsLog.parse(java.util.List.of(), "m")).isEmpty());
  }

  @Test
  void movingAverageIsTrailing() {
    assertArrayEquals(new double[] {1, 1.5, 2.5, 3.5}, Stats.movingAverage(new double[] {1, 2, 3, 4}, 2), 1e-12);
    assertEquals(2.5, Stats.median(new double[] {4, 1, Double.NaN, 2, 3}));
  }
}

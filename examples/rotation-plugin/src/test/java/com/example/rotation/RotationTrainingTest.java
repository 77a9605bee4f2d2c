package com.example.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.testkit.PretrainingRun;
import io.pretext.testkit.TinyData;
import io.pretext.testkit.TinyEncoders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real steps on the framework's training loop: the tiny images stand upright, so the rotation is learned. */
class RotationTrainingTest {

  @Test
  void aFewStepsGiveFiniteLossesThatChange() {
    try (PretrainingRun.Result run = PretrainingRun.of(new RotationPredictionTask(32, true))
        .encoder(TinyEncoders.mlp(32, 16)).data(TinyData.images(64, 1, 12, 12, 3)).steps(5).run()) {
      List<Double> losses = run.losses();
      assertEquals(5, losses.size());
      assertTrue(losses.stream().allMatch(Double::isFinite), losses.toString());
      assertTrue(losses.stream().distinct().count() > 1, losses.toString());
    }
  }

  @Test
  void theRotationIsLearned() {
    try (PretrainingRun.Result run = PretrainingRun.of(new RotationPredictionTask(32, true))
        .encoder(TinyEncoders.mlp(32, 16)).data(TinyData.images(64, 1, 12, 12, 3))
        .steps(60).learningRate(3e-3).run()) {
      double firstLoss = mean(run.losses().subList(0, 8));
      double lastLoss = mean(run.losses().subList(52, 60));
      double lastAccuracy = mean(run.metric(RotationPredictionTask.ACCURACY).subList(52, 60));
      assertTrue(lastLoss < firstLoss - 0.3, "loss " + firstLoss + " -> " + lastLoss);
      assertTrue(lastAccuracy > 0.6, "rotation accuracy " + lastAccuracy + ", chance 0.25");
    }
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}

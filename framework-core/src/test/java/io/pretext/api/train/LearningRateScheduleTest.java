package io.pretext.api.train;

import io.pretext.core.train.TrainSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void warmsUpLinearlyThenDecaysToZeroAtTheLastStep() {
    TrainSettings settings = TrainSettings.defaults().with(Map.of("learning-rate", 1e-3, "warmup-steps", 10L,
        "schedule", "linear"));
    LearningRateSchedule s = settings.learningRateSchedule(110);
    assertEquals(1e-4f, s.getNewValue(1), 1e-9f);
    assertEquals(5e-4f, s.getNewValue(5), 1e-9f);
    assertEquals(1e-3f, s.getNewValue(10), 1e-9f);
    assertEquals(5e-4f, s.getNewValue(60), 1e-9f);
    assertEquals(0f, s.getNewValue(110), 1e-9f);
    assertEquals(0f, s.getNewValue(200), 1e-9f);
  }

  @Test
  void theDefaultIsTheConstantRate() {
    LearningRateSchedule s = TrainSettings.defaults().learningRateSchedule(50);
    assertEquals(1e-3f, s.getNewValue(1), 1e-9f);
    assertEquals(1e-3f, s.getNewValue(50), 1e-9f);
    LearningRateSchedule warm = TrainSettings.defaults().with(Map.of("warmup-steps", 4L)).learningRateSchedule(50);
    assertEquals(2.5e-4f, warm.getNewValue(1), 1e-9f);
    assertEquals(1e-3f, warm.getNewValue(49), 1e-9f);
  }

  @Test
  void cosineWarmsUpLinearlyThenFollowsAHalfCosineToZero() {
    TrainSettings settings = TrainSettings.defaults().with(Map.of("learning-rate", 1e-3, "warmup-steps", 10L,
        "schedule", "cosine"));
    LearningRateSchedule s = settings.learningRateSchedule(110);
    assertEquals(LearningRateSchedule.Decay.COSINE, s.decay());
    assertEquals(5e-4f, s.getNewValue(5), 1e-9f); // warm-up: 1e-3 · 5/10
    assertEquals(1e-3f, s.getNewValue(10), 1e-9f); // cos(0) = 1: the base rate
    assertEquals(8.535534e-4f, s.getNewValue(35), 1e-9f); // a quarter: 1e-3 · (1 + cos(π/4))/2
    assertEquals(5e-4f, s.getNewValue(60), 1e-9f); // half way: 1e-3 · (1 + cos(π/2))/2
    assertEquals(1.464466e-4f, s.getNewValue(85), 1e-9f); // three quarters: 1e-3 · (1 + cos(3π/4))/2
    assertEquals(0f, s.getNewValue(110), 1e-9f);
    assertEquals(0f, s.getNewValue(200), 1e-9f);
  }
}

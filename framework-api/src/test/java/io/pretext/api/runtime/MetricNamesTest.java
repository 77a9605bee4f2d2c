package io.pretext.api.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

  @ParameterizedTest
  @CsvSource({
      "Accuracy,              accuracy",
      "masked_accuracy,       masked_accuracy",
      "masked_top5,           masked_top5",
      "TopKAccuracy,          top_k_accuracy",
      "contrastiveAccuracy,   contrastive_accuracy",
      "HTTPErrors,            http_errors",
      "top5Accuracy,          top5_accuracy",
      "'Rotation Accuracy',   rotation_accuracy",
      "masked-top5,           masked_top5",
      "__odd__ name!,         odd_name"})
  void namesBecomeSnakeCaseKeys(String name, String key) {
    assertEquals(key, MetricNames.key(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"step", "Epoch", "LOSS", "samples", "SamplesPerS", "wait-ms", "step_ms"})
  void aNameThatClashesWithTheLoopsOwnKeysIsRefused(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricNames.key(name));
    assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("rename it"), e.getMessage());
  }

  @Test
  void aNameWithoutLettersIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> MetricNames.key("--"));
  }

  @Test
  void twoNamesWithTheSameKeyAreRefused() {
    assertEquals(List.of("accuracy", "top_k_accuracy"), MetricNames.keys(List.of("Accuracy", "TopKAccuracy")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MetricNames.keys(List.of("Accuracy", "accuracy")));
    assertTrue(e.getMessage().contains("'Accuracy' and 'accuracy'"), e.getMessage());
  }
}

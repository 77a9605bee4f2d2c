package io.pretext.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  private static final List<String> KEYS = List.of("temperature", "batch-size", "epochs", "learning-rate", "p");

  @ParameterizedTest
  @CsvSource({
      "temperture, temperature",
      "tempreature, temperature",
      "batch_size, batch-size",
      "epoch, epochs",
      "learning-rat, learning-rate",
      "q, p",
      "zzzzzzzz, ''"})
  void closestKey(String given, String expected) {
    Optional<String> found = Suggestions.closest(given, KEYS);
    assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), found);
  }
}

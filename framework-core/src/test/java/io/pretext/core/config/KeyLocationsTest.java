package io.pretext.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pretext.api.config.ConfigProblem;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyLocationsTest {
  private final KeyLocations locations = new KeyLocations(
      Map.of("augment", 4, "augment[0]", 5, "augment[0].size", 6, "train", 9), Set.of("train.epochs", "augment[0].size"));

  private ConfigProblem place(String path) {
    return locations.place(new ConfigProblem(path, "wrong", 0));
  }

  @Test
  void aKeyInTheFileGetsItsLine() {
    assertEquals(new ConfigProblem("augment[0].size", "wrong (set on the command line)", 6), place("augment[0].size"));
  }

  @Test
  void aKeyLeftAtItsDefaultGetsTheLineOfTheNearestEnclosingKey() {
    assertEquals(5, place("augment[0].ratio").line());
    assertEquals(4, place("augment[3].p").line());
    assertEquals("wrong", place("augment[3].p").message());
  }

  @Test
  void aKeySetOnlyOnTheCommandLineSaysSo() {
    assertEquals(new ConfigProblem("train.epochs", "wrong (set on the command line)", 0), place("train.epochs"));
  }

  @Test
  void aKeyOutsideTheFileKeepsNoLine() {
    assertEquals(new ConfigProblem("export.opset", "wrong", 0), place("export.opset"));
  }

  @Test
  void aProblemWithALineIsKept() {
    ConfigProblem p = new ConfigProblem("train.epochs", "wrong", 2);
    assertEquals(p, locations.place(p));
  }
}

package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpreadTest {
  @Test
  void meanAndSampleStandardDeviation() {
    // 0.80, 0.82, 0.84: mean 0.82, squares 0.0004 + 0 + 0.0004, sd = sqrt(0.0008 / 2) = 0.02
    Spread s = Spread.of(List.of(0.80, 0.82, 0.84));
    assertEquals(0.82, s.mean(), 1e-12);
    assertEquals(0.02, s.sd(), 1e-12);
    assertEquals(3, s.n());
    assertEquals("82.00 ± 2.00", s.percent());
    // 0.5, 1.0: mean 0.75, sd = sqrt((0.0625 + 0.0625) / 1) = 0.353553...
    assertEquals(Math.sqrt(0.125), Spread.of(List.of(0.5, 1.0)).sd(), 1e-12);
  }

  @Test
  void oneValueHasNoDeviationAndNoneIsADash() {
    Spread one = Spread.of(List.of(0.7985));
    assertEquals(0.7985, one.mean());
    assertTrue(Double.isNaN(one.sd()));
    assertEquals("79.85", one.percent());
    assertEquals("-", Spread.of(List.of()).percent());
  }

  @Test
  void seedListsComeFromTheDownstreamSectionAndBadOnesNameTheKey() {
    SubsetSeeds seeds = SubsetSeeds.fromConfig(ConfigNode.of("downstream", Map.of("subset-seeds", List.of(0, 1, 2))));
    assertEquals(List.of(0, 1, 2), seeds.frozen());
    assertEquals(List.of(0), seeds.endToEnd());
    assertEquals(List.of(0, 1, 2), seeds.all());
    assertEquals(SubsetSeeds.DEFAULT, SubsetSeeds.fromConfig(ConfigNode.of("downstream", Map.of())));
    assertEquals(List.of(0, 5), new SubsetSeeds(List.of(0), List.of(5)).all());
    ConfigException twice = assertThrows(ConfigException.class,
        () -> SubsetSeeds.fromConfig(ConfigNode.of("downstream", Map.of("subset-seeds", List.of(1, 1)))));
    assertTrue(twice.getMessage().contains("downstream.subset-seeds") && twice.getMessage().contains("twice"),
        twice.getMessage());
    ConfigException none = assertThrows(ConfigException.class,
        () -> SubsetSeeds.fromConfig(ConfigNode.of("downstream", Map.of("end-to-end-seeds", List.of()))));
    assertTrue(none.getMessage().contains("downstream.end-to-end-seeds"), none.getMessage());
  }
}

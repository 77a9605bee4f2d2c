package io.pretext.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupervisedRecipeTest {

  @ParameterizedTest
  @CsvSource({
      // epochs, batch, n, expected steps
      "0, 32, 200, 300",   // epochs 0: the fixed step count
      "10, 16, 200, 125",  // 10 passes of 200 samples in batches of 16
      "10, 16, 50, 32",    // ceil(500 / 16)
      "10, 64, 20, 10",    // the batch is capped at the subset: one step per pass
  })
  void stepsFollowEpochsWhenGiven(int epochs, int batch, int n, int expected) {
    SupervisedRecipe recipe = new SupervisedRecipe(300, batch, 3e-4, 0, false, 0, 64, epochs, "adamw", 0.1, true, "all", 0, 0, List.of());
    assertEquals(expected, recipe.stepsFor(n));
  }

  @Test
  void warmupThenLinearDecayToZero() {
    SupervisedRecipe recipe = new SupervisedRecipe(300, 16, 1e-3, 0, false, 0, 64, 10, "adamw", 0.1, true, "all", 0, 0, List.of());
    var schedule = recipe.schedule(100);
    assertEquals(1e-4, schedule.getNewValue(1), 1e-9);
    assertEquals(1e-3, schedule.getNewValue(10), 1e-9);
    assertEquals(5e-4, schedule.getNewValue(55), 1e-9);
    assertEquals(0, schedule.getNewValue(100), 1e-9);
  }

  @Test
  void readsTheBertOptionsAndDefaultsToNone() {
    SupervisedRecipe bert = SupervisedRecipe.from(io.pretext.api.config.ConfigNode.of("downstream.evaluators[1]",
        java.util.Map.of("optimizer", "adamw", "weight-decay", 0.01, "weight-decay-scope", "matrices",
            "gradient-clip", 1.0, "head-dropout", 0.1)), 3e-4);
    assertEquals(1.0, bert.gradientClip());
    assertEquals(0.1, bert.headDropout());
    assertEquals(new io.pretext.api.train.OptimizerSpec("adamw", 0.01, "matrices", 0), bert.optimizerSpec());
    SupervisedRecipe plain = SupervisedRecipe.from(io.pretext.api.config.ConfigNode.of("downstream.evaluators[1]",
        java.util.Map.of()), 3e-4);
    assertEquals(0.0, plain.gradientClip());
    assertEquals(0.0, plain.headDropout());
    assertEquals("all", plain.decayScope());
  }

  @Test
  void theReferenceRecipeKeepsAConstantRate() {
    SupervisedRecipe recipe = new SupervisedRecipe(1500, 128, 1e-3, 0, true, 2, 500);
    assertEquals(1500, recipe.stepsFor(100));
    assertEquals(1e-3, recipe.schedule(1500).getNewValue(1), 1e-9);
    assertEquals(1e-3, recipe.schedule(1500).getNewValue(1500), 1e-9);
  }
}

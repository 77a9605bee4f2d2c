package io.pretext.contrastive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.core.run.RunConfig;
import io.pretext.core.run.RunPlugins;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The run-file checks of the momentum methods and of the predictor key, as a run and config check make them. */
class MomentumConfigTest {

  private static RunConfig withTrain(String pretext, String train) {
    return RunFiles.load(RunFiles.withPretext(pretext, "train: " + train + "\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"moco", "byol"})
  void aMomentumOutsideZeroToOneIsRefused(String method) {
    ConfigException e = RunFiles.rejected(RunFiles.withPretext("{name: " + method + ", momentum: 1.2}", ""));
    assertTrue(e.getMessage().contains("pretext.momentum"), e.getMessage());
    assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("'1.2'"), e.getMessage());
  }

  @Test
  void aQueueSmallerThanTheKeysOfOneBatchIsRefusedNamingBothKeys() {
    RunConfig config = withTrain("{name: moco, queue-size: 100}", "{batch-size: 64}");
    ConfigException e = assertThrows(ConfigException.class, () -> RunPlugins.create(config, Plugins.registry()));
    assertTrue(e.getMessage().contains("pretext.queue-size"), e.getMessage());
    assertTrue(e.getMessage().contains("train.batch-size 64 = 128"), e.getMessage());
    assertTrue(e.getMessage().contains("at least 128"), e.getMessage());
    // The same through an override, and the default queue against the default batch size.
    RunPlugins.create(withTrain("{name: moco, queue-size: 128}", "{batch-size: 64}"), Plugins.registry());
    RunPlugins made = RunPlugins.create(withTrain("{name: moco}", "{batch-size: 256}"), Plugins.registry());
    assertEquals(4096, ((MocoTask) made.task()).queueSize());
  }

  @ParameterizedTest
  @ValueSource(strings = {"simclr", "moco", "barlow-twins", "vicreg"})
  void aPredictorOnAMethodWithoutOneIsRefusedSayingWhichHaveOne(String method) {
    ConfigException e = RunFiles.rejected(RunFiles.withPretext("{name: " + method + ", predictor: {hidden: [64]}}", ""));
    assertTrue(e.getMessage().contains("pretext.predictor"), e.getMessage());
    assertTrue(e.getMessage().contains(method + " has no predictor; only byol and simsiam"), e.getMessage());
    assertTrue(!e.getMessage().contains("unknown key"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"byol", "simsiam"})
  void theMethodsWithAPredictorTakeIt(String method) {
    RunFiles.load(RunFiles.withPretext("{name: " + method + ", predictor: {hidden: [32]}}", ""));
  }

  @Test
  void aTypoBesideARefusedKeyIsStillSuggestedAmongTheAcceptedOnes() {
    ConfigException e = RunFiles.rejected(RunFiles.withPretext("{name: moco, queue-siz: 10}", ""));
    assertTrue(e.getMessage().contains("did you mean 'pretext.queue-size'"), e.getMessage());
    assertTrue(!e.getMessage().contains("valid keys here: momentum, queue-size, temperature, predictor"), e.getMessage());
  }
}

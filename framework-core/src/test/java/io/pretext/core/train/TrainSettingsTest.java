package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigNode;
import io.pretext.api.config.KeySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainSettingsTest {

  /** One way to build the settings: the record's canonical constructor, no near-copy beside it. */
  @Test
  void onlyTheCanonicalConstructorIsPublic() {
    assertEquals(1, TrainSettings.class.getConstructors().length,
        "TrainSettings has one public constructor, the record's own");
  }

  @Test
  void defaultsAreSensible() {
    TrainSettings d = TrainSettings.defaults();
    assertEquals(64, d.batchSize());
    assertEquals("adam", d.optimizer());
    assertEquals(0, d.maxSteps());
    assertTrue(d.dropLast());
    assertEquals(List.of("epochs", "batch-size", "learning-rate", "weight-decay", "optimizer", "momentum", "max-steps",
        "checkpoint-every", "keep-checkpoints", "prefetch", "workers", "drop-last", "log-every",
        "warmup-steps", "schedule", "weight-decay-scope", "gradient-clip", "init-from", "group-by-length",
        "held-out-samples", "max-minutes", "monitor-samples", "monitor-every-epochs", "monitor-k",
        "monitor-linear-probe", "auto-resume", "trust-coefficient"),
        TrainSettings.schema().names());
    assertEquals("all", d.weightDecayScope());
    assertEquals(0.0, d.gradientClip());
    assertTrue(d.initFromRun().isEmpty());
    assertTrue(!d.groupByLength());
    assertTrue(d.with(java.util.Map.of("group-by-length", true)).groupByLength());
    assertEquals(java.nio.file.Path.of("runs/a"), d.with(java.util.Map.of("init-from", "runs/a")).initFromRun().orElseThrow());
    for (KeySpec k : TrainSettings.schema().keys()) {
      k.type().coerce(k.defaultValue());
    }
  }

  @Test
  void readsASectionWithStringsFromOverrides() {
    TrainSettings s = TrainSettings.from(ConfigNode.of("train", Map.of("epochs", "3", "learning-rate", "0.5",
        "optimizer", "sgd", "drop-last", "false", "max-steps", 100L)));
    assertEquals(3, s.epochs());
    assertEquals(0.5, s.learningRate());
    assertEquals("sgd", s.optimizer());
    assertEquals(100, s.maxSteps());
    assertEquals(false, s.dropLast());
    assertEquals(s, TrainSettings.from(ConfigNode.of("train", s.toMap())));
  }

  @Test
  void rejectsBadValuesNamingTheKey() {
    assertRejected(Map.of("batch-size", 0), "train.batch-size");
    assertRejected(Map.of("learning-rate", -0.1), "train.learning-rate");
    assertRejected(Map.of("learning-rate", 0), "train.learning-rate");
    assertRejected(Map.of("optimizer", "rmsprop"), "train.optimizer");
    assertRejected(Map.of("epochs", 1.5), "train.epochs");
    assertRejected(Map.of("workers", 0), "train.workers");
    assertRejected(Map.of("prefetch", 0), "train.prefetch");
    assertRejected(Map.of("max-steps", -1), "train.max-steps");
    assertRejected(Map.of("drop-last", "maybe"), "train.drop-last");
    ConfigException unknown = assertRejected(Map.of("epoch", 3), "train.epoch");
    assertTrue(unknown.getMessage().contains("epochs"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new TrainSettings(1, 1, 1e-3, 0, "adam", 0.9, 0, 0, 0, 1, 1, true, 1, 0, "constant", "all", 0, "", false,
            0.001, 10_000, 0, MonitorSettings.OFF, false));
    assertRejected(Map.of("schedule", "step"), "train.schedule");
    assertRejected(Map.of("held-out-samples", 0), "train.held-out-samples");
    assertRejected(Map.of("trust-coefficient", 0), "train.trust-coefficient");
    assertRejected(Map.of("max-minutes", -1), "train.max-minutes");
    assertRejected(Map.of("monitor-samples", -1), "train.monitor-samples");
    assertRejected(Map.of("monitor-every-epochs", 0), "train.monitor-every-epochs");
    assertRejected(Map.of("monitor-k", 0), "train.monitor-k");
  }

  @Test
  void heldOutSamplesLarsAndCosineAreTrainKeys() {
    TrainSettings d = TrainSettings.defaults();
    assertEquals(10_000, d.heldOutSamples());
    assertEquals(0.001, d.trustCoefficient());
    TrainSettings s = d.with(Map.of("held-out-samples", 500, "optimizer", "lars", "trust-coefficient", 0.02,
        "schedule", "cosine"));
    assertEquals(500, s.heldOutSamples());
    assertEquals(new io.pretext.api.train.OptimizerSpec("lars", 0, "all", 0.9, 0.02), s.optimizerSpec());
    assertTrue(s.optimizerSpec().build(ai.djl.training.tracker.Tracker.fixed(0.1f)) instanceof io.pretext.api.train.Lars);
    assertEquals(io.pretext.api.train.LearningRateSchedule.Decay.COSINE, s.learningRateSchedule(100).decay());
    assertEquals(s, TrainSettings.from(ConfigNode.of("train", s.toMap())));
    assertEquals(d, new TrainSettings(10, 64, 1e-3, 0, "adam", 0.9, 0, 500, 3, 4, 2, true, 10, 0, "constant", "all", 0,
        "", false, 0.001, 10_000, 0, MonitorSettings.OFF, false), "the defaults, key by key");
    assertEquals(1, TrainSettings.class.getConstructors().length, "one constructor: the canonical one");
  }

  private static ConfigException assertRejected(Map<String, ?> values, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> TrainSettings.from(ConfigNode.of("train", values)));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    return e;
  }
}

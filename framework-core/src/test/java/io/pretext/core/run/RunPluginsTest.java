package io.pretext.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigProblem;
import io.pretext.api.runtime.MetricsSink;
import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.core.plugin.PluginLoader;
import io.pretext.core.plugin.PluginRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checks a plugin's {@code create} makes, as the user meets them: with the file, key and line. */
class RunPluginsTest {
  private static final String RUN = """
      data: {name: idx, train-images: never-read.idx}
      pretext: {name: rotation}
      encoder: {name: mlp, hidden: [32], features: 16}
      augment:
        - name: gaussian-blur
          kernel-size: 4
      train: {epochs: 1, batch-size: 8}
      """;
  private static PluginRegistry registry;
  private static RunConfigLoader loader;

  @BeforeAll
  static void discover() {
    registry = PluginLoader.discover().createRegistry(RuntimeSettings.defaults(), MetricsSink.NONE);
    loader = new RunConfigLoader(registry);
  }

  @Test
  void aValueTheSchemaAcceptsButCreateRefusesIsPlacedInTheFile() {
    RunConfig config = loader.load("blur.yaml", RUN, List.of());
    ConfigException e = assertThrows(ConfigException.class, () -> RunPlugins.create(config, registry));
    ConfigProblem p = e.problems().get(0);
    assertEquals("augment[0].kernel-size", p.path());
    assertEquals(6, p.line());
    assertTrue(e.getMessage().startsWith("Invalid configuration in blur.yaml: augment[0].kernel-size (line 6): must be odd"),
        e.getMessage());
  }

  @Test
  void aRefusedOverrideSaysItWasSetOnTheCommandLine() {
    RunConfig config = loader.load("blur.yaml", RUN.replace("    kernel-size: 4\n", ""),
        List.of("augment[0].kernel-size=8"));
    ConfigException e = assertThrows(ConfigException.class, () -> RunPlugins.create(config, registry));
    assertTrue(e.getMessage().contains("blur.yaml: augment[0].kernel-size: must be odd, got 8; use 7 or 9"
        + " (set on the command line)"), e.getMessage());
  }

  @Test
  void aRefusedTrainSettingIsPlacedToo() {
    RunConfig config = loader.load("blur.yaml", RUN.replace("kernel-size: 4", "kernel-size: 5"), List.of());
    assertEquals(1, RunPlugins.create(config, registry).augment().steps().size());
    ConfigException unplaced = ConfigException.at("train.batch-size", "too large");
    ConfigException placed = config.locate(unplaced);
    assertEquals("Invalid configuration in blur.yaml: train.batch-size (line 7): too large", placed.getMessage());
    assertSame(unplaced, placed.getCause());
    assertSame(placed, config.locate(placed), "a located problem stays as it is");
  }
}

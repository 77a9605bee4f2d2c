package com.example.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.data.Image;
import io.pretext.api.plugin.PluginKind;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.PretextTask;
import io.pretext.testkit.InstalledPlugins;
import io.pretext.testkit.TinyData;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The jar registers its task through META-INF/services, and run files are checked against its schema. */
class RotationPluginsTest {
  private static final String RUN = """
      data: {name: idx, train-images: unused.idx}
      pretext: {name: example-rotation%s}
      encoder: mlp
      """;
  private final InstalledPlugins plugins = InstalledPlugins.discover();

  @Test
  void theTaskIsFoundByItsName() {
    assertTrue(plugins.names(PluginKind.PRETEXT_TASK).contains("example-rotation"), plugins.names(PluginKind.PRETEXT_TASK).toString());
    assertTrue(plugins.description(PluginKind.PRETEXT_TASK, "example-rotation").startsWith("Rotation prediction"));
  }

  @Test
  void aRunFileMakesTheTaskWithItsDefaultsAndItsKeys() {
    assertEquals(64L, plugins.checkRunFile(RUN.formatted("")).getNode("pretext").get("hidden"));
    PretextTask oneRotation = plugins.pretextTask(RUN.formatted(", all-rotations: false"));
    assertInstanceOf(RotationPredictionTask.class, oneRotation);
    List<Image> samples = List.of(TinyData.images(1, 1, 8, 8, 0).get(0));
    assertEquals(1, oneRotation.prepareBatch(samples, AugmentPipeline.identity(), new SplittableRandom(0))
        .labels().get(0).ints().length);
  }

  @Test
  void aBadValueIsReportedAtItsKeyAndLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> plugins.checkRunFile(RUN.formatted(", hidden: -1")));
    assertTrue(e.getMessage().contains("pretext.hidden"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    ConfigException typo = assertThrows(ConfigException.class, () -> plugins.checkRunFile(RUN.formatted(", all-rotation: true")));
    assertTrue(typo.getMessage().contains("all-rotations"), typo.getMessage());
  }
}

package io.pretext.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.api.plugin.PluginKind;
import io.pretext.core.testplugin.NanAtStep;
import io.pretext.core.testplugin.RotationTask;
import org.junit.jupiter.api.Test;

/** Over the engine's built-in plugins and its test plugin {@code rotation}, found on the test classpath. */
class InstalledPluginsTest {
  private final InstalledPlugins plugins = InstalledPlugins.discover();

  @Test
  void findsThePluginsOnTheClasspath() {
    assertTrue(plugins.names(PluginKind.PRETEXT_TASK).contains("rotation"));
    assertTrue(plugins.names(PluginKind.ENCODER).contains("mlp"));
    assertTrue(plugins.description(PluginKind.PRETEXT_TASK, "rotation").startsWith("rotation prediction"));
  }

  @Test
  void createsTheTaskARunFileNamesWithItsDefaults() {
    String run = """
        data: {name: idx, train-images: unused.idx}
        pretext: {name: rotation%s}
        encoder: mlp
        """;
    assertInstanceOf(RotationTask.class, plugins.pretextTask(run.formatted("")));
    assertInstanceOf(NanAtStep.class, plugins.pretextTask(run.formatted(", nan-at-step: 3")));
    assertEquals(0L, plugins.checkRunFile(run.formatted("")).getNode("pretext").get("nan-at-step"));
  }

  @Test
  void aBadKeyIsReportedWithItsPathAndLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> plugins.checkRunFile("""
        data: {name: idx, train-images: unused.idx}
        pretext: {name: rotation, nan-at-stp: 3}
        encoder: mlp
        """));
    assertTrue(e.getMessage().contains("pretext.nan-at-stp"), e.getMessage());
    assertTrue(e.getMessage().contains("nan-at-step"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }
}

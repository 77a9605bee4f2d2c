package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PluginsCommandTest {

  @Test
  void listsBuiltInPluginsByKindWithTheirOrigin() {
    CliHarness.Result r = CliHarness.run("plugins");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("encoder ("), r.out());
    assertTrue(r.out().contains("  mlp "), r.out());
    assertTrue(r.out().contains("io.pretext.core.nn.ModelPlugins"), r.out());
  }

  @Test
  void findsAPluginThatExistsOnlyOnTheTestClasspath() {
    CliHarness.Result r = CliHarness.run("plugins", "--keys");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("  rotation "), r.out());
    assertTrue(r.out().contains("framework-core/target/test-classes") || r.out().contains("framework-core-0.1.0-SNAPSHOT-tests.jar"),
        r.out());
    assertTrue(r.out().contains("io.pretext.core.testplugin.TestPlugins"), r.out());
  }

  @Test
  void keysShowTheirTypeDefaultAndDescription() {
    CliHarness.Result r = CliHarness.run("plugins", "--keys");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("nan-at-step: an integer >= 0, default 0 - make the loss NaN from this step on"), r.out());
    assertTrue(r.out().contains("kernel-size: an integer in [1, 255], default 3 - odd kernel side in pixels"), r.out());
    assertTrue(r.out().contains("sigma: a list of numbers > 0, default [0.1, 2.0] - [min, max] standard deviation"), r.out());
  }

  @Test
  void helpIsEverywhere() {
    for (String[] args : new String[][] {{"--help"}, {"plugins", "--help"}, {"config", "check", "--help"}, {"run", "--help"}}) {
      CliHarness.Result r = CliHarness.run(args);
      assertEquals(0, r.code(), String.join(" ", args) + r.err());
      assertTrue(r.out().contains("Usage:"), r.out());
    }
  }

  @Test
  void unknownCommandIsAUserError() {
    CliHarness.Result r = CliHarness.run("trian");
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("trian"), r.err());
  }
}

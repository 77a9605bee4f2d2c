package io.pretext.context;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.config.ConfigException;
import io.pretext.testkit.InstalledPlugins;
import org.junit.jupiter.api.Test;

/**
 * The grids of jigsaw and context prediction are checked against the size of the images the task
 * receives, through the contract ({@code PluginFactory.checkRun} and its {@code RunFacts}), before
 * any image is read.
 */
class GridFitCheckTest {
  private static final InstalledPlugins PLUGINS = InstalledPlugins.discover();

  private static String run(String data, String pretext, String augment) {
    return "data: " + data + "\npretext: " + pretext + "\nencoder: {name: mlp, hidden: [8], features: 4}\n"
        + (augment.isEmpty() ? "" : "augment: " + augment + "\n");
  }

  @Test
  void aJigsawGridWiderThanTheCatalogImagesIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> PLUGINS.pretextTask(run("fashion-mnist", "{name: jigsaw, tile: 9, permutations: 10}", "")));
    assertTrue(e.getMessage().contains("pretext.tile") && e.getMessage().contains("= 33")
        && e.getMessage().contains("28x28"), e.getMessage());
    assertDoesNotThrow(() -> PLUGINS.pretextTask(run("fashion-mnist", "{name: jigsaw, tile: 9, permutations: 10,"
        + " upscale: 2}", "")));
    assertDoesNotThrow(() -> PLUGINS.pretextTask(run("mnist", "{name: jigsaw, permutations: 10}", "")),
        "the default grid (27 pixels) fits 28x28");
  }

  @Test
  void theSizeIsTheOneTheAugmentListLeaves() {
    String crop = "[{name: random-resized-crop, size: 40}, horizontal-flip]";
    assertDoesNotThrow(() -> PLUGINS.pretextTask(run("fashion-mnist", "{name: jigsaw, tile: 11, permutations: 10}",
        crop)), "3*11 + 2*2 + 2*1 = 39 fits the 40x40 crop");
    ConfigException e = assertThrows(ConfigException.class, () -> PLUGINS.pretextTask(run("fashion-mnist",
        "{name: context, patch: 12, gap: 2, jitter: 1}", "[{name: resize, size: 32}]")));
    assertTrue(e.getMessage().contains("pretext.patch") && e.getMessage().contains("= 42")
        && e.getMessage().contains("receives 32x32 images") && e.getMessage().contains("at most 8"), e.getMessage());
  }

  @Test
  void anUnknownSizeIsLeftToTheRunStart() {
    // idx files may hold any size: the check waits for the images (JigsawTask.encoderInputShape)
    assertDoesNotThrow(() -> PLUGINS.pretextTask(run("{name: idx, train-images: unused.idx}",
        "{name: jigsaw, tile: 9, permutations: 10}", "")));
  }
}

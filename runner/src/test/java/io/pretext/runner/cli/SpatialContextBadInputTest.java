package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad settings of the spatial-context methods (jigsaw, rotnet) through the real CLI: exit 2, the
 * key named, what is allowed, and no stack trace.
 */
class SpatialContextBadInputTest {
  private static final Path CONFIGS = Path.of("..", "configs");

  @TempDir
  Path dir;

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("jigsaw-fashion-mnist.yaml", "pretext.permutations=362881",
            List.of("pretext.permutations", "362881")),
        Arguments.of("jigsaw-fashion-mnist.yaml", "pretext.permutations=25\" --set \"pretext.grid=2",
            List.of("pretext.permutations", "4! = 24")),
        Arguments.of("jigsaw-fashion-mnist.yaml", "pretext.grid=4", List.of("pretext.grid")),
        // 3*9 + 2*2 + 2*1 = 33 > 28: the grid does not fit fashion-mnist's 28x28 images
        Arguments.of("jigsaw-fashion-mnist.yaml", "pretext.tile=9", List.of("pretext.tile", "pretext.grid 3", "= 33",
            "receives 28x28 images", "pretext.tile to at most 7", "pretext.gap", "pretext.upscale to 2")),
        // 3*20 + 2*3 + 2*1 = 68 > 56, the 28x28 images upscaled twice
        Arguments.of("context-fashion-mnist.yaml", "pretext.patch=20", List.of("pretext.patch", "= 68", "28x28",
            "56x56 after pretext.upscale 2", "pretext.patch to at most 16", "pretext.upscale to 3")),
        Arguments.of("rotnet-fashion-mnist.yaml", "pretext.rotations=[0, 45]", List.of("pretext.rotations", "45")),
        Arguments.of("rotnet-fashion-mnist.yaml", "pretext.rotations=[0, 360]", List.of("pretext.rotations", "270")),
        Arguments.of("rotnet-fashion-mnist.yaml", "pretext.rotations=[90, 90]", List.of("pretext.rotations")),
        Arguments.of("rotnet-fashion-mnist.yaml", "pretext.rotations=[90]", List.of("pretext.rotations")));
  }

  @ParameterizedTest(name = "{0} --set {1}")
  @MethodSource("badConfigs")
  void configCheckRefusesWithExit2(String config, String override, List<String> expected) {
    List<String> args = new java.util.ArrayList<>(List.of("config", "check", CONFIGS.resolve(config).toString()));
    for (String set : override.split("\" --set \"")) {
      args.add("--set");
      args.add(set);
    }
    CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    for (String e : expected) {
      assertTrue(r.err().contains(e), "'" + e + "' in: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void theShippedConfigsAreValid() {
    for (String config : List.of("jigsaw-fashion-mnist.yaml", "rotnet-fashion-mnist.yaml")) {
      CliHarness.Result r = CliHarness.run("config", "check", "-q", CONFIGS.resolve(config).toString());
      assertEquals(0, r.code(), r.err());
    }
  }

  @Test
  void theGridIsCheckedAgainstTheSizeTheAugmentListGivesAtConfigCheck() throws Exception {
    Path file = dir.resolve("crop.yaml");
    // the default grid needs 3*7 + 2*2 + 2*1 = 27 pixels; the crop gives 20x20
    Files.writeString(file, """
        data: fashion-mnist
        pretext: {name: jigsaw, permutations: 10}
        encoder: {name: mlp, hidden: [8], features: 4}
        augment:
          - {name: horizontal-flip}
          - {name: random-resized-crop, size: 20}
        """);
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("pretext.tile") && r.err().contains("= 27") && r.err().contains("receives 20x20 images"),
        r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    CliHarness.Result upscaled = CliHarness.run("config", "check", "-q", file.toString(), "--set", "pretext.upscale=2");
    assertEquals(0, upscaled.code(), upscaled.err());
  }

  @Test
  void anImageFolderGridIsCheckedAgainstTheFolderSize() throws Exception {
    Files.createDirectories(dir.resolve("images/a"));
    Path file = dir.resolve("folder.yaml");
    Files.writeString(file, """
        data: {name: image-folder, path: %s, size: 16}
        pretext: {name: context, patch: 8}
        encoder: {name: mlp, hidden: [8], features: 4}
        """.formatted(dir.resolve("images")));
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("pretext.patch") && r.err().contains("receives 16x16 images"), r.err());
    CliHarness.Result larger = CliHarness.run("config", "check", "-q", file.toString(), "--set", "data.size=32");
    assertEquals(0, larger.code(), larger.err());
  }

  @Test
  void aJigsawGridLargerThanTheImagesIsRefusedBeforeAnyTraining() throws Exception {
    IdxFiles.write(dir.resolve("train.idx"), dir.resolve("train-labels.idx"), 64, 8, 1);
    Path file = dir.resolve("run.yaml");
    // 3 * 4 + 2 * 1 + 2 * 0 = 14 pixels per side, the images are 8x8
    Files.writeString(file, """
        data: {name: idx, train-images: %1$s/train.idx, train-labels: %1$s/train-labels.idx}
        pretext: {name: jigsaw, grid: 3, tile: 4, gap: 1, jitter: 0, permutations: 10, hidden: 0}
        encoder: {name: mlp, hidden: [8], features: 4}
        train: {epochs: 1, batch-size: 8, threads: 1}
        downstream: {enabled: false}
        """.formatted(dir));
    Path runDir = dir.resolve("runs/jigsaw");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(), "--no-progress");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("pretext.tile") && r.err().contains("= 14") && r.err().contains("8x8"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(runDir.resolve("encoder/encoder.params")), "nothing was trained");
  }
}

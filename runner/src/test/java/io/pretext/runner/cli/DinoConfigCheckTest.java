package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DINO's bad inputs at {@code pretext config check}: exit 2, the key and its line, what to do, no stack trace. */
class DinoConfigCheckTest {
  private static final String RUN = """
      data: {name: mnist}
      pretext:
        name: dino
        %s
      encoder: {name: resnet-mini, width: 4}
      augment: [{name: horizontal-flip, p: 0.5}]
      train: {epochs: 1, batch-size: 8}
      """;

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'global-crops: {size: 14}\n  local-crops: {count: 2, size: 20}' | pretext.local-crops.size (line 5) | larger than the global crops of 14",
      "'prototypes: 0' | pretext.prototypes (line 4) | 0",
      "'teacher-momentum: 1.5' | pretext.teacher-momentum (line 4) | 1.5",
      "'center-momentum: -0.2' | pretext.center-momentum (line 4) | -0.2"})
  void aBadDinoSectionExits2NamingTheKey(String section, String where, String what) throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, RUN.formatted(section.replace("\\n", "\n")));
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(where), r.err());
    assertTrue(r.err().contains(what), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @ParameterizedTest
  @CsvSource({"configs/dino-fashion-mnist.yaml"})
  void theShippedConfigIsValid(String config) {
    CliHarness.Result r = CliHarness.run("config", "check", Path.of("..").resolve(config).toString(), "-q");
    assertEquals(0, r.code(), r.out() + r.err());
  }
}

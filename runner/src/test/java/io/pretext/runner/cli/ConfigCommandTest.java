package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  static final String VALID = """
      data: {name: %s}
      pretext: {name: rotation}
      encoder: {name: mlp, hidden: [32], features: 16}
      train:
        epochs: 1
        batch-size: 8
      """;

  @TempDir
  Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void misspeltKeyPrintsKeyAndSuggestionAndExits2() throws Exception {
    Path file = write(VALID.formatted("mnist").replace("epochs: 1", "epoch: 1"));
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("train.epoch (line 5)"), r.err());
    assertTrue(r.err().contains("did you mean 'train.epochs'?"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void overrideWithAWrongTypeIsRejected() throws Exception {
    Path file = write(VALID.formatted("mnist"));
    CliHarness.Result r = CliHarness.run("config", "check", file.toString(), "--set", "train.batch-size=many");
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("train.batch-size"), r.err());
    assertTrue(r.err().contains("'many'"), r.err());
  }

  @Test
  void validFilePrintsTheResolvedConfig() throws Exception {
    Path file = write(VALID.formatted("mnist"));
    CliHarness.Result r = CliHarness.run("config", "check", file.toString(), "--set", "train.epochs=2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("epochs: 2"), r.out());
    assertTrue(r.out().contains("learning-rate: 0.001"), r.out());
    assertTrue(r.out().contains(": valid"), r.out());
  }

  @Test
  void unknownPluginNameIsNamedWithTheKnownOnes() throws Exception {
    Path file = write(VALID.formatted("mnist").replace("name: rotation", "name: rotatoin"));
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("no pretext-task plugin named 'rotatoin' (did you mean 'rotation'?)"), r.err());
  }

  @Test
  void aValueThePluginRefusesWhenCreatedIsRefusedHereWithFileKeyAndLine() throws Exception {
    Path file = write(VALID.formatted("mnist") + "augment:\n  - name: gaussian-blur\n    kernel-size: 4\n");
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("Invalid configuration in " + file + ": augment[0].kernel-size (line 9): must be odd,"
        + " got 4; use 3 or 5"), r.err());
    assertFalse(r.out().contains("valid"), r.out());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void anOverrideThePluginRefusesSaysItCameFromTheCommandLine() throws Exception {
    Path file = write(VALID.formatted("mnist") + "augment: [{name: gaussian-blur}]\n");
    assertEquals(0, CliHarness.run("config", "check", file.toString()).code());
    CliHarness.Result r = CliHarness.run("config", "check", file.toString(), "--set", "augment[0].kernel-size=6");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(file + ": augment[0].kernel-size: must be odd, got 6; use 5 or 7 (set on the command line)"),
        r.err());
  }

  @Test
  void missingFileIsAUserError() {
    CliHarness.Result r = CliHarness.run("config", "check", dir.resolve("absent.yaml").toString());
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("absent.yaml"), r.err());
  }
}

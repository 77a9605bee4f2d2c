package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pretext config check} on the BYOL and MoCo run files of {@code configs/}, each with one bad
 * value: exit 2, a message naming the key and what to do, no stack trace.
 */
class MomentumMethodsConfigCheckTest {
  @TempDir
  Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("byol", "pretext.momentum=1.5", List.of("pretext.momentum", "a number in [0, 1]", "'1.5'")),
        Arguments.of("moco", "pretext.momentum=-0.01", List.of("pretext.momentum", "a number in [0, 1]")),
        Arguments.of("moco", "pretext.queue-size=500", List.of("pretext.queue-size (line", "smaller than the batch",
            "2 x train.batch-size 256 = 512", "Set queue-size to at least 512")),
        Arguments.of("moco", "train.batch-size=4096", List.of("pretext.queue-size", "2 x train.batch-size 4096 = 8192")),
        Arguments.of("moco", "pretext.predictor.hidden=64", List.of("pretext.predictor",
            "moco has no predictor; only byol and simsiam")),
        Arguments.of("simclr", "pretext.predictor.hidden=64", List.of("simclr has no predictor; only byol and simsiam")),
        Arguments.of("barlow-twins", "pretext.predictor.hidden=64", List.of("barlow-twins has no predictor")),
        Arguments.of("vicreg", "pretext.predictor.hidden=64", List.of("vicreg has no predictor")));
  }

  @ParameterizedTest(name = "{0} --set {1}")
  @MethodSource("cases")
  void aBadValueExitsTwoNamingTheKey(String method, String override, List<String> fragments) throws Exception {
    Path file = config(method);
    CliHarness.Result r = CliHarness.run("config", "check", "-q", file.toString(), "--set", override);
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "missing '" + f + "' in: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void theShippedRunFilesAreValid(String method) throws Exception {
    CliHarness.Result r = CliHarness.run("config", "check", "-q", config(method).toString());
    assertEquals(0, r.code(), r.out() + r.err());
  }

  static Stream<String> methods() {
    return Stream.of("byol", "moco");
  }

  /** The repository's configs/METHOD-fashion-mnist.yaml. */
  private static Path config(String method) {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
    return root.resolve("configs").resolve(method + "-fashion-mnist.yaml");
  }
}

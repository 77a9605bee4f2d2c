package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated config values and keys: any YAML scalar written at any key of a valid run file, in
 * the file or through {@code --set}, gives {@code pretext config check} exit 0, or exit 2 with an
 * {@code error:} line; never an internal error (exit 1) or a stack trace.
 */
class ConfigValuePropertiesTest {
  private static final String BASE = """
      data: {name: idx, train-images: t.idx, train-labels: l.idx}
      pretext: {name: rotnet}
      encoder: {name: mlp, hidden: [8], features: 4}
      augment:
        - {name: normalize, mean: [0.5], std: [0.5]}
      train: {epochs: 1, batch-size: 16, learning-rate: 0.01, threads: 1}
      downstream: {labels: [8], evaluators: [linear-probe]}
      """;

  private static final String[] KEYS = {
      "data.name", "data.train-images", "data.max-bytes", "pretext.name", "encoder.name", "encoder.hidden",
      "encoder.features", "augment[0].name", "augment[0].mean", "augment[0].p", "train.epochs", "train.batch-size",
      "train.learning-rate", "train.threads", "train.seed", "train.optimizer", "train.checkpoint-every",
      "downstream.labels", "downstream.evaluators", "export.enabled", "output.dir", "nosuch.key", "train.nosuch"};

  @Provide
  Arbitrary<String> key() {
    return Arbitraries.oneOf(Arbitraries.of(KEYS),
        Arbitraries.strings().withChars("abcxyz-_.[]019").ofMinLength(1).ofMaxLength(30));
  }

  @Provide
  Arbitrary<String> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.of("true", "false", "null", "~", "", "-1", "0", "1e400", "NaN", ".inf", "-.inf", "0x1F", "0o17",
            "[]", "{}", "[1, 2]", "{a: 1}", "'quoted'", "\"x\"", "2026-12-03", "12:30:00", "&a", "*a", "!!str x",
            "!!python/object x", "|", ">", "- item", "a: b", "#"),
        Arbitraries.strings().ofMaxLength(40));
  }

  @Property(tries = 60, seed = "14")
  void anyValueAtAnyKeyThroughSetIsExitZeroOrTwo(@ForAll("key") String key, @ForAll("scalar") String value)
      throws IOException {
    Path file = Files.createTempFile("props", ".yaml");
    try {
      Files.writeString(file, BASE);
      check(CliHarness.run("config", "check", file.toString(), "--set", key + "=" + value), key + "=" + value);
    } finally {
      Files.delete(file);
    }
  }

  @Provide
  Arbitrary<String[]> keyAndValue() {
    return Combinators.combine(Arbitraries.of("data", "pretext", "encoder", "train", "downstream", "export"),
        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz-").ofMinLength(1).ofMaxLength(16),
        scalar()).as((section, k, v) -> new String[] {section, k, v});
  }

  @Property(tries = 40, seed = "15")
  void anyValueWrittenInTheFileIsExitZeroOrTwo(@ForAll("keyAndValue") String[] kv) throws IOException {
    Path file = Files.createTempFile("props", ".yaml");
    try {
      String yaml = BASE + kv[0] + "-extra: 0\n" + "x-" + kv[1] + ": " + kv[2] + "\n";
      Files.writeString(file, yaml.replace(kv[0] + ": {", kv[0] + ": {" + kv[1] + ": " + kv[2].replace("\n", " ") + ", "));
      check(CliHarness.run("config", "check", file.toString()), yaml);
    } finally {
      Files.delete(file);
    }
  }

  private static void check(CliHarness.Result r, String input) {
    assertTrue(r.code() == 0 || r.code() == PretextCli.USER_ERROR, () -> "exit " + r.code() + " for " + input + ":\n"
        + r.out() + r.err());
    if (r.code() != 0) {
      assertTrue(r.err().startsWith("error: "), () -> input + ":\n" + r.err());
    }
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), () -> input + ":\n" + r.err());
  }
}

package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of run files: each case runs {@code pretext config check} in-process on a
 * hostile file and checks exit code 2, a message naming what, where and what to do, no stack trace,
 * and that a huge key is not echoed in full.
 */
class BadConfigCorpusTest {
  private static final String VALID = """
      data: {name: idx, train-images: t.idx, train-labels: l.idx}
      pretext: {name: simclr}
      encoder: {name: resnet-mini, width: 8}
      augment:
        - {name: random-resized-crop, size: 28}
      train: {epochs: 1, batch-size: 256}
      """;

  @TempDir
  Path dir;

  interface Content {
    byte[] bytes() throws IOException;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("not UTF-8 (Latin-1)", (Content) () -> concat(VALID.getBytes(StandardCharsets.UTF_8),
            new byte[] {'#', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'}),
            List.of("run.yaml", "(line 7)", "not UTF-8", "byte offset", "0xE9", "save the file as UTF-8")),
        Arguments.of("control character", (Content) () -> VALID.replace("simclr}", "sim\u0001clr}")
            .getBytes(StandardCharsets.UTF_8),
            List.of("run.yaml", "(line 2)", "U+0001", "remove it")),
        Arguments.of("larger than the limit", (Content) () -> (VALID + "#" + "x".repeat(1 << 20) + "\n")
            .getBytes(StandardCharsets.UTF_8),
            List.of("run.yaml", "over the limit of 1048576 bytes", "PRETEXT_MAX_CONFIG_BYTES")),
        Arguments.of("alias bomb", (Content) () -> aliasBomb().getBytes(StandardCharsets.UTF_8),
            List.of("run.yaml", "aliases", "more than 100000 values")),
        Arguments.of("encoder too wide for the memory", (Content) () -> VALID.replace("width: 8", "width: 4096")
            .getBytes(StandardCharsets.UTF_8),
            List.of("run.yaml", "encoder.width (line 3)", "billion parameters", "GiB", "machine's memory",
                "choose a smaller value")),
        Arguments.of("crop too large for the heap", (Content) () -> VALID.replace("size: 28", "size: 16384")
            .getBytes(StandardCharsets.UTF_8),
            List.of("run.yaml", "augment[0].size (line 5)", "copies of a batch", "Java heap", "train.batch-size",
                "PRETEXT_JAVA_OPTS=-Xmx")),
        // at a batch of 2 one batch is 4 GiB: it passed a check of one batch, then ran out of heap in the workers
        Arguments.of("crop too large for the heap at a tiny batch", (Content) () -> VALID.replace("size: 28", "size: 16384")
            .replace("batch-size: 256", "batch-size: 2").getBytes(StandardCharsets.UTF_8),
            List.of("run.yaml", "augment[0].size (line 5)", "at train.batch-size 2", "copies of a batch", "Java heap")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aHostileRunFileGivesAUserError(String name, Content content, List<String> fragments) throws Exception {
    Path file = Files.write(dir.resolve("run.yaml"), content.bytes());
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertUserError(r);
    for (String f : fragments) {
      assertTrue(r.err().contains(f), () -> name + ": expected '" + f + "' in\n" + r.err());
    }
  }

  @Test
  void aHugeKeyIsNotEchoedInFull() throws Exception {
    String key = "k".repeat(200_000);
    Path file = Files.writeString(dir.resolve("run.yaml"), VALID.replace("train:", "? " + key + "\n: 1\ntrain:"));
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertUserError(r);
    assertTrue(r.err().contains("(a key path of 200000 characters)"), r.err().substring(0, 400));
    assertTrue(r.err().length() < 2_000, "message of " + r.err().length() + " characters");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void anEndlessInputIsRefusedWithoutReadingItAll() {
    CliHarness.Result r = CliHarness.run("config", "check", "/dev/zero");
    assertUserError(r);
    assertTrue(r.err().contains("/dev/zero") && r.err().contains("more than 1048576 bytes")
        && r.err().contains("PRETEXT_MAX_CONFIG_BYTES"), r.err());
  }

  @Test
  void aValidFileStillPasses() throws Exception {
    Path file = Files.writeString(dir.resolve("run.yaml"), VALID);
    CliHarness.Result r = CliHarness.run("config", "check", file.toString());
    assertEquals(0, r.code(), r.err());
  }

  /** Six levels of eight aliases (48 in all, under SnakeYAML's limit of 50): 9 * 8^6 values once expanded. */
  private static String aliasBomb() {
    StringBuilder sb = new StringBuilder(VALID).append("x:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'g'; c++) {
      char p = (char) (c - 1);
      sb.append("  ").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 8; i++) {
        sb.append(i == 0 ? "" : ",").append('*').append(p);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void assertUserError(CliHarness.Result r) {
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err().substring(0, Math.min(2000, r.err().length())));
    assertTrue(r.err().contains("error: "), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "stack trace or exception name:\n" + r.err());
  }
}

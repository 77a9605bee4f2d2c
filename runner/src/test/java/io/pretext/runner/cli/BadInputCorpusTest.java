package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: each case writes small broken IDX files, runs the real CLI in-process and
 * checks exit code 2, a message naming what is wrong, where and what to do, and no stack trace.
 */
class BadInputCorpusTest {
  @TempDir
  Path dir;

  /** Writes the broken input into a folder and returns extra data settings (YAML lines). */
  interface Corpus {
    String write(Path dir) throws IOException;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("missing image file", (Corpus) d -> {
          Files.delete(d.resolve("train.idx"));
          return "";
        }, List.of("train.idx", "does not exist", "check the path")),
        Arguments.of("empty image file", (Corpus) d -> {
          Files.write(d.resolve("train.idx"), header(0x803, 0, 8, 8));
          Files.write(d.resolve("train-labels.idx"), header(0x801, 0));
          return "";
        }, List.of("train.idx", "empty IDX file", "declares 0 images", "fetch it again")),
        Arguments.of("huge declared count, plain", (Corpus) d -> {
          Files.write(d.resolve("train.idx"), header(0x803, 2_000_000_000, 28, 28));
          return "";
        }, List.of("train.idx", "over the limit", "data.max-bytes", "raise data.max-bytes")),
        Arguments.of("declared size overflows a long", (Corpus) d -> {
          Files.write(d.resolve("train.idx"), header(0x803, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
          return "";
        }, List.of("train.idx", "more than " + Long.MAX_VALUE + " bytes", "over the limit", "data.max-bytes")),
        Arguments.of("huge declared count, gzip", (Corpus) d -> {
          Files.write(d.resolve("train.idx"), gzip(header(0x803, 100_000_000, 100, 100)));
          return "";
        }, List.of("train.idx", "over the limit", "data.max-bytes")),
        Arguments.of("declared count beyond the file", (Corpus) d -> {
          byte[] h = header(0x803, 5_000, 8, 8);
          Files.write(d.resolve("train.idx"), Arrays.copyOf(h, h.length + 64 * 10));
          return "";
        }, List.of("train.idx", "truncated", "expected 320016 bytes in all, present 656", "fetch the file again")),
        Arguments.of("limit set low", (Corpus) d -> "  max-bytes: 1000\n",
            List.of("train.idx", "over the limit of 1000 bytes", "data.max-bytes")),
        Arguments.of("bad gzip CRC", (Corpus) d -> {
          byte[] gz = gzip(Files.readAllBytes(d.resolve("train.idx")));
          gz[gz.length - 6] ^= 0x55; // inside the CRC-32 of the trailer
          Files.write(d.resolve("train.idx"), gz);
          return "";
        }, List.of("train.idx", "gzip data is corrupt", "fetch it again")),
        Arguments.of("wrong magic", (Corpus) d -> {
          Files.copy(d.resolve("train-labels.idx"), d.resolve("train.idx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return "";
        }, List.of("train.idx", "wrong magic number 0x00000801", "expected 0x00000803")),
        Arguments.of("test split of another shape", (Corpus) d -> {
          IdxFiles.write(d.resolve("test.idx"), d.resolve("test-labels.idx"), 16, 6, 2);
          return "";
        }, List.of("test.idx", "6x6", "8x8", "same image size")),
        Arguments.of("one class only", (Corpus) d -> {
          byte[] labels = Files.readAllBytes(d.resolve("train-labels.idx"));
          Arrays.fill(labels, 8, labels.length, (byte) 0);
          Files.write(d.resolve("train-labels.idx"), labels);
          return "";
        }, List.of("train-labels.idx", "only one class", "at least two classes")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputGivesAUserError(String name, Corpus corpus, List<String> fragments) throws Exception {
    CliHarness.Result r = runWith(corpus);
    assertUserError(r);
    for (String f : fragments) {
      assertTrue(r.err().contains(f), () -> name + ": expected '" + f + "' in\n" + r.err());
    }
    assertFalse(r.err().contains("batch-size"), r.err());
  }

  /** Generated bad headers (seeded): random magic, dimensions and counts over a short body. */
  static Stream<Arguments> generatedHeaders() {
    SplittableRandom random = new SplittableRandom(14);
    return IntStream.range(0, 12).mapToObj(i -> {
      int magic = random.nextBoolean() ? 0x803 : random.nextInt();
      int count = random.nextBoolean() ? random.nextInt() : random.nextInt(0, 1 << 20);
      int rows = random.nextBoolean() ? random.nextInt() : random.nextInt(-2, 4096);
      int cols = random.nextInt(-2, 1 << 16);
      int body = random.nextInt(0, 256);
      return Arguments.of(magic, count, rows, cols, body);
    });
  }

  @ParameterizedTest(name = "magic={0} count={1} {2}x{3} body={4}")
  @MethodSource("generatedHeaders")
  void anyGeneratedBadHeaderGivesExitTwo(int magic, int count, int rows, int cols, int body) throws Exception {
    CliHarness.Result r = runWith(d -> {
      byte[] h = header(magic, count, rows, cols);
      Files.write(d.resolve("train.idx"), Arrays.copyOf(h, h.length + body));
      return "";
    });
    assertUserError(r);
    assertTrue(r.err().contains("train.idx"), r.err());
  }

  private CliHarness.Result runWith(Corpus corpus) throws IOException {
    IdxFiles.write(dir.resolve("train.idx"), dir.resolve("train-labels.idx"), 32, 8, 1);
    IdxFiles.write(dir.resolve("test.idx"), dir.resolve("test-labels.idx"), 16, 8, 2);
    String extra = corpus.write(dir);
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, """
        data:
          name: idx
          train-images: %1$s/train.idx
          train-labels: %1$s/train-labels.idx
          test-images: %1$s/test.idx
          test-labels: %1$s/test-labels.idx
        %2$spretext: {name: rotation}
        encoder: {name: mlp, hidden: [8], features: 4}
        train: {epochs: 1, batch-size: 16, learning-rate: 0.01, threads: 1}
        downstream:
          labels: [8]
          evaluators: [linear-probe]
        """.formatted(dir, extra));
    return CliHarness.run("run", file.toString(), "--run-dir", dir.resolve("runs/x").toString(), "--no-progress");
  }

  private static void assertUserError(CliHarness.Result r) {
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("error: "), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "stack trace or exception name:\n" + r.err());
  }

  private static byte[] header(int magic, int... dims) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      for (int d : dims) {
        out.writeInt(d);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}

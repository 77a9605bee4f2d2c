package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.transfer.PretrainedWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.init-from}: a second mlm run continues from a finished one on other texts, with the
 * earlier tokenizer and weights; a learning rate of almost 0 leaves the weights as they were.
 */
class ContinuedRunTest {
  @TempDir
  static Path dir;
  private static Path first;

  @BeforeAll
  static void pretrainFirst() throws Exception {
    List<String> corpus = new ArrayList<>();
    for (String s : new String[] {"I am", "You are", "We are", "They are"}) {
      for (String r : new String[] {"an instructor", "a student", "a teacher", "a pilot"}) {
        corpus.add(s + " " + r + ".");
      }
    }
    Files.write(dir.resolve("speeches.txt"), corpus);
    Files.write(dir.resolve("reviews.txt"), List.of("The food was great.", "The food was awful.", "A lovely teacher.",
        "An awful pilot.", "The student was fine.", "We are great.", "They are poor.", "I am a good cook."));
    first = dir.resolve("runs/first");
    CliHarness.Result r = CliHarness.run("run", write("first.yaml", "speeches.txt", ", learning-rate: 0.003", "mask-probability: 0.15"),
        "--run-dir", first.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err());
  }

  private static String write(String name, String corpus, String train, String pretext) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, """
        data: {name: text-lines, path: %1$s/%2$s}
        pretext: {name: mlm, vocabulary-size: 80, min-pair-count: 1, max-length: 12, %4$s}
        encoder: {name: transformer, vocabulary-size: 80, max-length: 12, dimension: 16, layers: 1, heads: 2, feed-forward: 32}
        train: {epochs: 2, batch-size: 4, optimizer: adamw, threads: 1%3$s}
        downstream: {enabled: false}
        """.formatted(dir, corpus, train, pretext));
    return file.toString();
  }

  @Test
  void takesOverTheTokenizerAndTheWholeModel() throws Exception {
    Path second = continueFirst("second", "mask-probability: 0.15");
    assertEquals(Files.readString(first.resolve("tokenizer/vocab.txt")), Files.readString(second.resolve("tokenizer/vocab.txt")));
    String log = Files.readString(second.resolve("logs/run.log"));
    assertTrue(log.contains("continuing from the whole pretext model"), log);
    assertTrue(log.contains("taken over from"), log);
    assertSameWeights(first, second);
  }

  @Test
  void anotherTaskSectionTakesTheEncoderOnly() throws Exception {
    Path third = continueFirst("third", "mask-probability: 0.3");
    assertTrue(Files.readString(third.resolve("logs/run.log")).contains("continuing from the encoder from"));
    assertSameWeights(first, third);
  }

  /** One step at a learning rate of almost 0 on the reviews, continuing the first run. */
  private static Path continueFirst(String name, String pretext) throws Exception {
    Path run = dir.resolve("runs/" + name);
    CliHarness.Result r = CliHarness.run("run", write(name + ".yaml", "reviews.txt",
        ", init-from: " + first + ", max-steps: 1, learning-rate: 1.0e-12, weight-decay: 0", pretext),
        "--run-dir", run.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err());
    return run;
  }

  /** The encoders' parameters agree (the saved input shapes differ with the texts). */
  private static void assertSameWeights(Path a, Path b) {
    Map<String, float[]> left = encoderWeights(a);
    Map<String, float[]> right = encoderWeights(b);
    assertEquals(left.keySet(), right.keySet());
    left.forEach((k, v) -> assertArrayEquals(v, right.get(k), 1e-6f, k));
  }

  private static Map<String, float[]> encoderWeights(Path run) {
    try (NDManager manager = NDManager.newBaseManager()) {
      TransformerEncoder encoder = new TransformerEncoder(80, 12, 16, 1, 2, 32, 0f);
      PretrainedWeights.read(run.resolve("encoder/encoder.params")).loadInto(encoder, manager);
      Map<String, float[]> out = new LinkedHashMap<>();
      encoder.getParameters().forEach(p -> out.put(p.getKey(), p.getValue().getArray().toFloatArray()));
      return out;
    }
  }

  @Test
  void anUnfinishedRunIsAClearError() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("runs/empty"));
    CliHarness.Result r = CliHarness.run("run", write("bad.yaml", "reviews.txt", ", init-from: " + empty,
        "mask-probability: 0.15"), "--run-dir", dir.resolve("runs/bad").toString(), "--no-progress");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("train.init-from: " + empty + " is not a finished run"), r.err());
  }
}

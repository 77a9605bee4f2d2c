package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text pipeline from a run file: mlm pretraining, transfer to labeled sentences, fill-mask. */
class TextRunTest {
  @TempDir
  Path dir;
  private Path file;

  @BeforeEach
  void writeRun() throws Exception {
    List<String> corpus = new ArrayList<>();
    String[] subjects = {"I am", "You are", "We are", "They are"};
    String[] roles = {"an instructor", "a student", "a teacher", "a pilot"};
    for (String s : subjects) {
      for (String r : roles) {
        corpus.add(s + " " + r + ".");
      }
    }
    Files.write(dir.resolve("corpus.txt"), corpus);
    StringBuilder labeled = new StringBuilder("[");
    String[] good = {"great", "good", "fine", "lovely"};
    String[] bad = {"awful", "bad", "poor", "terrible"};
    for (int i = 0; i < 24; i++) {
      labeled.append(i == 0 ? "" : ",").append(String.format("{\"text\": \"The food was %s.\", \"class\": \"%s\"}",
          i % 2 == 0 ? good[i / 2 % 4] : bad[i / 2 % 4], i % 2 == 0 ? "pos" : "neg"));
    }
    Files.writeString(dir.resolve("reviews.json"), labeled.append("]").toString());
    file = dir.resolve("text.yaml");
    Files.writeString(file, """
        data: {name: text-lines, path: %1$s/corpus.txt, test-path: %1$s/corpus.txt}
        pretext: {name: mlm, vocabulary-size: 80, min-pair-count: 1, max-length: 12}
        encoder: {name: transformer, vocabulary-size: 80, max-length: 12, dimension: 16, layers: 1, heads: 2, feed-forward: 32}
        train: {epochs: 2, batch-size: 8, optimizer: adamw, learning-rate: 0.003, warmup-steps: 2, schedule: linear, threads: 1}
        downstream:
          data: {name: labeled-text, path: %1$s/reviews.json, test-path: %1$s/reviews.json}
          labels: [4, 12]
          evaluators:
            - linear-probe
            - {name: fine-tune, steps: 5, batch-size: 4}
            - {name: from-scratch, steps: 5, batch-size: 4}
        """.formatted(dir));
  }

  @Test
  void pretrainTransferAndFillMask() throws Exception {
    Path runDir = dir.resolve("runs/text");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("linear probe") && r.out().contains("fine-tune") && r.out().contains("12 labels"),
        r.out());
    assertTrue(Files.isRegularFile(runDir.resolve("tokenizer/vocab.txt")));
    assertTrue(Files.readString(runDir.resolve("downstream.json")).contains("from scratch"));

    CliHarness.Result transfer = CliHarness.run("transfer", "--encoder", runDir.toString(), "--set",
        "downstream.labels=[8]");
    assertEquals(0, transfer.code(), transfer.err());
    assertTrue(transfer.out().contains("8 labels"), transfer.out());

    CliHarness.Result fill = CliHarness.run("fill-mask", "--model", runDir.toString(), "-k", "3",
        "I [MASK] an instructor.", "They [MASK] a [MASK].");
    assertEquals(0, fill.code(), fill.err());
    assertTrue(fill.out().contains("I [MASK] an instructor.") && fill.out().contains("[MASK] #2:"), fill.out());
    assertTrue(fill.out().contains("top 3"), fill.out());

    CliHarness.Result eval = CliHarness.run("mlm-eval", "--model", runDir.toString(), "--mask-probability", "0.5");
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().contains("| unigram baseline |") && eval.out().contains("| model |"), eval.out());

    CliHarness.Result export = CliHarness.run("export", runDir.toString());
    assertEquals(0, export.code(), export.err());
    assertTrue(export.out().contains("exported " + runDir.resolve("export/classifier.onnx")), export.out());
    Path reviews = Files.write(dir.resolve("reviews.txt"), List.of("The food was great.", "The food was awful."));
    CliHarness.Result predict = CliHarness.run("predict", "--model", runDir.resolve("export/classifier.onnx").toString(),
        "--input", reviews.toString(), "--top", "2", "--device", "cpu");
    assertEquals(0, predict.code(), predict.err());
    List<String> lines = predict.out().lines().filter(l -> l.startsWith("0\t") || l.startsWith("1\t")).toList();
    assertEquals(2, lines.size(), predict.out());
    assertTrue(lines.stream().allMatch(l -> l.contains("pos") && l.contains("neg")), predict.out());

    CliHarness.Result none = CliHarness.run("fill-mask", "--model", runDir.toString(), "No mask at all.");
    assertEquals(2, none.code(), none.out());
    assertTrue(none.err().contains("Sentence 1 has no [MASK]"), none.err());
  }
}

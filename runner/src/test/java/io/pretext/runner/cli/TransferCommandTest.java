package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pretraining followed by transfer with few labels, in one run and in two halves. */
class TransferCommandTest {
  @TempDir
  Path dir;
  private Path file;

  @BeforeEach
  void writeRun() throws Exception {
    IdxFiles.write(dir.resolve("train.idx"), dir.resolve("train-labels.idx"), 64, 8, 1);
    IdxFiles.write(dir.resolve("test.idx"), dir.resolve("test-labels.idx"), 40, 8, 2);
    file = dir.resolve("run.yaml");
    Files.writeString(file, """
        data:
          name: idx
          train-images: %1$s/train.idx
          train-labels: %1$s/train-labels.idx
          test-images: %1$s/test.idx
          test-labels: %1$s/test-labels.idx
        pretext: {name: rotation}
        encoder: {name: mlp, hidden: [32], features: 16}
        train: {epochs: 1, batch-size: 16, learning-rate: 0.01, threads: 1}
        downstream:
          labels: [8, 20]
          evaluators: [linear-probe, {name: knn, k: 3}, raw-pixels-logreg]
        """.formatted(dir));
  }

  @Test
  void runPrintsTheTableAndWritesTheReport() throws Exception {
    Path runDir = dir.resolve("runs/full");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("test accuracy (%) on 40 test samples"), r.out());
    assertTrue(r.out().contains("pretext task on 32 held-out samples: loss"), r.out());
    assertTrue(r.out().contains("accuracy"), r.out());
    assertTrue(r.out().contains("linear probe"), r.out());
    assertTrue(r.out().contains("8 labels"), r.out());
    String report = Files.readString(runDir.resolve("report.md"));
    assertTrue(report.contains("## Downstream") && report.contains("| kNN |"), report);
    assertTrue(Files.exists(runDir.resolve("plots/label-efficiency.png")));
    assertTrue(Files.readString(runDir.resolve("downstream.json")).contains("linear probe"));
  }

  @Test
  void pretrainThenTransferTheSavedEncoder() throws Exception {
    Path runDir = dir.resolve("runs/halves");
    CliHarness.Result pre = CliHarness.run("pretrain", file.toString(), "--run-dir", runDir.toString(), "--no-progress");
    assertEquals(0, pre.code(), pre.err());
    assertFalse(pre.out().contains("test accuracy"), pre.out());
    CliHarness.Result transfer = CliHarness.run("transfer", "--encoder", runDir.toString(), "--set", "downstream.labels=[10]");
    assertEquals(0, transfer.code(), transfer.err());
    assertTrue(transfer.out().contains("10 labels"), transfer.out());
    assertTrue(Files.readString(runDir.resolve("report.md")).contains("## Downstream"));
  }

  @Test
  void compareSetsTwoRunsSideBySide() throws Exception {
    Path a = dir.resolve("runs/a");
    Path b = dir.resolve("runs/b");
    CliHarness.Result runA = CliHarness.run("run", file.toString(), "--run-dir", a.toString(), "--no-progress",
        "--set", "downstream.subset-seeds=[0, 1, 2]", "--set", "train.monitor-samples=16",
        "--set", "train.monitor-linear-probe=true");
    assertEquals(0, runA.code(), runA.err());
    assertEquals(0, CliHarness.run("run", file.toString(), "--run-dir", b.toString(), "--no-progress",
        "--set", "downstream.labels=[20]").code());
    // the report plots the online monitor beside the loss, from the run's own metrics.jsonl
    String report = Files.readString(a.resolve("report.md"));
    assertTrue(report.contains("![Online monitor: accuracy per epoch](plots/monitor.png)"), report);
    assertTrue(report.indexOf("plots/monitor.png") > report.indexOf("![Loss per step]"), report);
    assertTrue(report.contains("### Online monitor") && report.contains("| epoch | step | kNN | online linear probe |"),
        report);
    assertTrue(Files.size(a.resolve("plots/monitor.png")) > 0);
    assertFalse(Files.readString(b.resolve("report.md")).contains("monitor.png"), "no monitor, no plot");
    CliHarness.Result r = CliHarness.run("compare", a.toString(), b.toString(), "--out", dir.resolve("cmp").toString());
    assertEquals(0, r.code(), r.err());
    String md = r.out();
    assertTrue(md.contains("| method | evaluator | 8 labels | 20 labels |"), md);
    assertTrue(md.matches("(?s).*\\| rotation \\(a\\) \\| linear probe \\| \\d+\\.\\d\\d ± \\d+\\.\\d\\d \\|.*"), md);
    assertTrue(md.matches("(?s).*\\| rotation \\(b\\) \\| kNN \\|  \\| \\d+\\.\\d\\d \\|.*"), "one seed: no sd; " + md);
    assertEquals(1, md.split("logistic regression, raw pixels", -1).length - 1, "a baseline once: " + md);
    assertTrue(md.contains("| baseline (rotation (a)) | logistic regression, raw pixels |"), md);
    assertTrue(md.contains("| method | run | epochs | pretraining time | median step | peak RSS |"), md);
    assertTrue(md.matches("(?s).*\\| rotation \\(a\\) \\| a \\| 1 \\| \\d+(\\.\\d min| s) \\| \\d+ ms \\|.*"), md);
    assertTrue(Files.exists(dir.resolve("cmp/comparison.png")));
    assertTrue(Files.readString(dir.resolve("cmp/comparison.md")).contains("| rotation (a) | kNN |"));
    CliHarness.Result missing = CliHarness.run("compare", dir.toString());
    assertEquals(PretextCli.USER_ERROR, missing.code());
  }

  @Test
  void compareTakesTheBaselinesFromARunOfTheBaselinesAlone() throws Exception {
    Path method = dir.resolve("runs/method");
    Path baselines = dir.resolve("runs/baselines");
    // the benchmark's split: each method evaluates the pretrained encoder only, the baselines run once
    CliHarness.Result m = CliHarness.run("run", file.toString(), "--run-dir", method.toString(), "--no-progress",
        "--set", "downstream.evaluators=[linear-probe, {name: knn, k: 3}]");
    assertEquals(0, m.code(), m.err());
    assertTrue(m.out().contains("kNN") && !m.out().contains("raw pixels"), m.out());
    CliHarness.Result b = CliHarness.run("run", file.toString(), "--run-dir", baselines.toString(), "--no-progress",
        "--set", "train.max-steps=1", "--set", "downstream.evaluators=[raw-pixels-logreg, random-init-probe]");
    assertEquals(0, b.code(), b.err());
    CliHarness.Result r = CliHarness.run("compare", method.toString(), baselines.toString(),
        "--out", dir.resolve("cmp").toString());
    assertEquals(0, r.code(), r.err());
    String md = r.out();
    assertTrue(md.contains("| rotation | linear probe |") && md.contains("| rotation | kNN |"), md);
    assertTrue(md.contains("| baseline | logistic regression, raw pixels |"), md);
    assertTrue(md.contains("| baseline | linear probe, random-init encoder |"), md);
    assertTrue(md.indexOf("| rotation | kNN |") < md.indexOf("| baseline |"), "methods first: " + md);
    assertTrue(md.contains("| rotation | method |") && !md.contains("| baselines |"),
        "the baseline run has no cost row: " + md);
  }

  @Test
  void transferToDataOfAnotherShapeIsRefused() throws Exception {
    Path runDir = dir.resolve("runs/shape");
    assertEquals(0, CliHarness.run("pretrain", file.toString(), "--run-dir", runDir.toString(), "--no-progress").code());
    IdxFiles.write(dir.resolve("big.idx"), dir.resolve("big-labels.idx"), 64, 12, 3);
    IdxFiles.write(dir.resolve("big-test.idx"), dir.resolve("big-test-labels.idx"), 40, 12, 4);
    CliHarness.Result r = CliHarness.run("transfer", "--encoder", runDir.toString(),
        "--set", "data.train-images=" + dir.resolve("big.idx"), "--set", "data.train-labels=" + dir.resolve("big-labels.idx"),
        "--set", "data.test-images=" + dir.resolve("big-test.idx"),
        "--set", "data.test-labels=" + dir.resolve("big-test-labels.idx"));
    assertEquals(PretextCli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("trained on inputs of shape (1, 8, 8)"), r.err());
  }

  @Test
  void aLabelBudgetTheClassesCannotFillFailsBeforeTraining() {
    Path runDir = dir.resolve("runs/budget");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(), "--no-progress",
        "--set", "downstream.labels=[100]");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out());
    assertTrue(r.err().contains("downstream.labels"), r.err());
    assertTrue(r.err().contains("32"), "names the class size: " + r.err());
    assertFalse(Files.exists(runDir.resolve("encoder/encoder.params")), "nothing was trained");
  }

  @Test
  void transferOfAFolderThatIsNoRunIsAUserError() {
    CliHarness.Result r = CliHarness.run("transfer", "--encoder", dir.resolve("nowhere").toString());
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("does not exist"), r.err());
  }
}

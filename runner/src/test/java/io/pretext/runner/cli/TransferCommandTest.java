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
    assertEquals(0, CliHarness.run("run", file.toString(), "--run-dir", a.toString(), "--no-progress").code());
    assertEquals(0, CliHarness.run("run", file.toString(), "--run-dir", b.toString(), "--no-progress",
        "--set", "downstream.labels=[20]").code());
    CliHarness.Result r = CliHarness.run("compare", a.toString(), b.toString(), "--out", dir.resolve("cmp").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("| run: method | 8 labels | 20 labels |"), r.out());
    assertTrue(r.out().contains("| rotation (a): linear probe |"), r.out());
    assertTrue(Files.exists(dir.resolve("cmp/comparison.png")));
    CliHarness.Result missing = CliHarness.run("compare", dir.toString());
    assertEquals(PretextCli.USER_ERROR, missing.code());
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

package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir
  Path dir;
  private Path file;

  @BeforeEach
  void writeRun() throws Exception {
    IdxFiles.write(dir.resolve("images.idx"), dir.resolve("labels.idx"), 64, 8, 1);
    file = dir.resolve("rotation.yaml");
    Files.writeString(file, """
        data:
          name: idx
          train-images: %s
        pretext: {name: rotation}
        encoder: {name: mlp, hidden: [32], features: 16}
        train:
          epochs: 2
          batch-size: 16
          learning-rate: 0.01
          checkpoint-every: 4
          threads: 1
        output: {dir: %s}
        """.formatted(dir.resolve("images.idx"), dir.resolve("runs")));
  }

  @Test
  void runsATestOnlyPretextTaskIntoARunDirectory() throws Exception {
    Path runDir = dir.resolve("runs/one");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("pretraining: 8 steps over 2 epochs on 64 samples"), r.out());
    assertTrue(r.out().contains("run directory: " + runDir.toAbsolutePath()), r.out());
    assertTrue(Files.readString(runDir.resolve("config.yaml")).contains("learning-rate: 0.01"));
    List<String> metrics = Files.readAllLines(runDir.resolve("metrics.jsonl"));
    assertEquals(8, metrics.stream().filter(l -> l.contains("\"stream\":\"train\"")).count(), "one line per step");
    assertEquals(2, metrics.stream().filter(l -> l.contains("\"stream\":\"resources\"")).count(), "RSS per epoch");
    String report = Files.readString(runDir.resolve("report.md"));
    assertTrue(report.contains("### Per epoch") && report.contains("RSS at the end"), report);
    assertTrue(Files.exists(runDir.resolve("plots/loss.png")));
    assertTrue(Files.exists(runDir.resolve("encoder/encoder.params")));
    try (Stream<Path> ckpts = Files.list(runDir.resolve("checkpoints"))) {
      assertTrue(ckpts.anyMatch(p -> p.getFileName().toString().equals("step-000008.params")));
    }
    assertTrue(Files.readString(runDir.resolve("logs/run.log")).contains("pretraining done: 8 steps"));

    CliHarness.Result again = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(), "--no-progress");
    assertEquals(PretextCli.USER_ERROR, again.code(), again.out() + again.err());
    assertEquals(metrics, Files.readAllLines(runDir.resolve("metrics.jsonl")), "the first run's metrics are untouched");

    Files.writeString(runDir.resolve("checkpoints/step-000099.params"), "an old run's checkpoint");
    CliHarness.Result overwritten = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(),
        "--no-progress", "--overwrite", "--set", "train.epochs=1");
    assertEquals(0, overwritten.code(), overwritten.err());
    assertEquals(4, Files.readAllLines(runDir.resolve("metrics.jsonl")).stream()
        .filter(l -> l.contains("\"stream\":\"train\"")).count(), "a fresh metrics file, not appended");
    assertFalse(Files.exists(runDir.resolve("checkpoints/step-000099.params")), "the old run's files are gone");
  }

  @Test
  void aRerunIntoAnEarlierRunsOutputNameIsRefusedBeforeAnyWork() throws Exception {
    Path earlier = Files.createDirectories(dir.resolve("runs/nightly"));
    Files.writeString(earlier.resolve("metrics.jsonl"), "{\"stream\":\"train\",\"step\":1}\n");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--set", "output.name=nightly", "--no-progress");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("The run directory " + earlier.toAbsolutePath() + " already exists"), r.err());
    assertTrue(r.err().contains("Pick another output.name or --run-dir, or give --overwrite to clear the folder first;"), r.err());
    assertTrue(r.err().contains("run 'pretext resume "), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    try (Stream<Path> files = Files.list(earlier)) {
      assertEquals(List.of(earlier.resolve("metrics.jsonl")), files.toList(), "nothing written into it");
    }
  }

  @Test
  void aConfigAPluginRefusesLeavesNoRunDirectory() throws Exception {
    Files.writeString(file, Files.readString(file) + "augment:\n  - {name: gaussian-blur, kernel-size: 2}\n");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--no-progress");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(file + ": augment[0].kernel-size (line 14): must be odd"), r.err());
    assertFalse(Files.exists(dir.resolve("runs")), "nothing was created");
  }

  @Test
  void divergingRunStopsWithAUserErrorAndKeepsItsCheckpointAndLog() throws Exception {
    Path runDir = dir.resolve("runs/diverge");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--run-dir", runDir.toString(), "--no-progress",
        "--set", "pretext.nan-at-step=6", "--set", "train.checkpoint-every=2");
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("step 6"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertTrue(Files.readString(runDir.resolve("logs/run.log")).contains("run failed"));
    try (Stream<Path> ckpts = Files.list(runDir.resolve("checkpoints"))) {
      assertTrue(ckpts.anyMatch(p -> p.getFileName().toString().equals("step-000004.params")), "a good checkpoint is kept");
    }
  }

  @Test
  void absentPluginFailsClearlyBeforeAnyWork() throws Exception {
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--set", "pretext.name=exemplar", "--no-progress");
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("no pretext-task plugin named 'exemplar'"), r.err());
    assertTrue(r.err().matches("(?s).*known: [a-z, -]*\\bcontext\\b[a-z, -]*\\bsimclr\\b.*"), r.err());
    assertFalse(Files.exists(dir.resolve("runs")), "nothing was created");
  }

  @Test
  void batchLargerThanTheDataIsAUserError() {
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--set", "train.batch-size=100", "--no-progress");
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("train.batch-size"), r.err());
    assertTrue(r.err().contains("64 samples"), r.err());
  }

  @Test
  void textDataForAnImageTaskIsRefused() throws Exception {
    Path lines = Files.writeString(dir.resolve("lines.txt"), "one\ntwo\n");
    CliHarness.Result r = CliHarness.run("run", file.toString(), "--no-progress", "--set", "data.name=text-lines",
        "--set", "data.path=" + lines, "--set", "data.train-images=x");
    assertEquals(PretextCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("data.train-images"), r.err());
  }
}

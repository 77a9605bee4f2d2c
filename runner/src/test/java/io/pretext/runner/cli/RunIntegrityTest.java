package io.pretext.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.core.train.RunLock;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's files at the CLI: corrupt weights, the run directory's lock and --overwrite. */
class RunIntegrityTest {
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
          train-images: %1$s
          train-labels: %2$s
          test-images: %1$s
          test-labels: %2$s
        pretext: {name: rotation}
        encoder: {name: mlp, hidden: [16], features: 8}
        train: {epochs: 1, batch-size: 16, learning-rate: 0.01, checkpoint-every: 2, threads: 1}
        downstream: {labels: [20], evaluators: [linear-probe]}
        output: {dir: %3$s}
        """.formatted(dir.resolve("images.idx"), dir.resolve("labels.idx"), dir.resolve("runs")));
  }

  private Path pretrain(String name) {
    Path runDir = dir.resolve("runs/" + name);
    CliHarness.Result r = CliHarness.run("pretrain", file.toString(), "--run-dir", runDir.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err());
    return runDir;
  }

  private static void assertUserError(CliHarness.Result r, String... parts) {
    assertEquals(PretextCli.USER_ERROR, r.code(), r.out() + r.err());
    for (String part : parts) {
      assertTrue(r.err().contains(part), "'" + part + "' in: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void aFlippedOrTruncatedEncoderStopsTransferAndExportNamingTheFile() throws Exception {
    Path runDir = pretrain("r");
    Path encoder = runDir.resolve("encoder/encoder.params");
    assertTrue(Files.readString(runDir.resolve("manifest.json")).contains("\"encoder/encoder.params\""));
    try (RandomAccessFile f = new RandomAccessFile(encoder.toFile(), "rw")) {
      f.seek(f.length() - 5);
      int b = f.read();
      f.seek(f.length() - 5);
      f.write(b ^ 0x10);
    }
    assertUserError(CliHarness.run("transfer", "--encoder", runDir.toString()),
        "The file " + encoder + " is corrupt: its sha256", "Restore it from a backup");
    try (RandomAccessFile f = new RandomAccessFile(encoder.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    assertUserError(CliHarness.run("transfer", "--encoder", runDir.toString()),
        "The file " + encoder + " is corrupt", "truncated");
    assertUserError(CliHarness.run("export", runDir.toString()), "The file " + encoder + " is corrupt", "truncated");
  }

  @Test
  void aTruncatedEncoderWithoutAManifestIsCalledTruncatedNotAShapeMismatch() throws Exception {
    Path runDir = pretrain("no-manifest");
    Files.delete(runDir.resolve("manifest.json"));
    Path encoder = runDir.resolve("encoder/encoder.params");
    for (long keep : new long[] {Files.size(encoder) - 3, Files.size(encoder) / 2, 40}) { // shorter each time
      try (RandomAccessFile f = new RandomAccessFile(encoder.toFile(), "rw")) {
        f.setLength(keep);
      }
      CliHarness.Result r = CliHarness.run("transfer", "--encoder", runDir.toString());
      assertUserError(r, encoder.toString(), "truncated", "pretrain again");
      assertFalse(r.err().contains("(null)"), r.err());
    }
  }

  @Test
  void transferOnAFolderThatIsNotARunSaysSo() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("photos"));
    assertUserError(CliHarness.run("transfer", "--encoder", folder.toString()),
        "transfer --encoder: " + folder + " is not a finished run's directory (it has no config.yaml)",
        "Give the --run-dir of a `pretext run` or `pretext pretrain`");
  }

  @Test
  void aRunDirectoryHeldByALiveRunIsRefusedNamingItsPid() throws Exception {
    Path runDir = Files.createDirectories(dir.resolve("runs/busy"));
    try (RunLock held = RunLock.acquire(runDir)) {
      assertUserError(CliHarness.run("pretrain", file.toString(), "--run-dir", runDir.toString(), "--no-progress"),
          "is in use by another run (PID " + ProcessHandle.current().pid());
    }
    assertFalse(Files.exists(runDir.resolve("config.yaml")), "nothing written into it");
  }

  @Test
  void aFinishedRunIsKeptUnlessOverwriteClearsIt() throws Exception {
    Path runDir = pretrain("again");
    Path stale = Files.writeString(Files.createDirectories(runDir.resolve("export")).resolve("classifier.onnx"), "old");
    assertUserError(CliHarness.run("pretrain", file.toString(), "--run-dir", runDir.toString(), "--no-progress"),
        "already exists", "give --overwrite to clear the folder first");
    assertTrue(Files.exists(stale));

    CliHarness.Result r = CliHarness.run("pretrain", file.toString(), "--run-dir", runDir.toString(), "--no-progress",
        "--overwrite");
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(stale), "the old run's classifier.onnx is gone");
    assertTrue(Files.exists(runDir.resolve("checkpoints/step-000004.params")), "its own newest checkpoint kept");
    assertTrue(Files.readString(runDir.resolve("manifest.json")).contains("checkpoints/step-000004.params"));
  }
}

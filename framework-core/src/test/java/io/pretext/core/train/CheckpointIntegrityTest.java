package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import io.pretext.api.PretextUserException;
import io.pretext.core.integrity.CorruptFileException;
import io.pretext.core.integrity.RunManifest;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints against the run manifest: flipped and truncated files, broken sidecars, temp files, a full disk. */
public class CheckpointIntegrityTest {
  @TempDir Path run;

  @BeforeAll
  static void engine() {
    Fixtures.engine().start();
  }

  private static Block block(NDManager manager, float value, int units) {
    Block b = new SequentialBlock().add(Linear.builder().setUnits(units).build());
    b.setInitializer(Initializer.ONES, ai.djl.nn.Parameter.Type.WEIGHT);
    b.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    b.getParameters().forEach(p -> p.getValue().getArray().muli(value));
    return b;
  }

  static void flipByte(Path file, long at) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0xFF);
    }
  }

  static void truncate(Path file, long to) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(to);
    }
  }

  @Test
  void optimizerStateIsListedCheckedOnLoadAndForgottenWhenPruned() throws Exception {
    CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 2);
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int step = 1; step <= 3; step++) {
        int s = step;
        store.save(block(manager, step, 3), Map.of(), java.util.Optional.<CheckpointStore.OptimizerWriter>of(out -> {
          for (int i = 0; i < 64; i++) {
            out.writeFloat(s * i);
          }
        }), step, 1, 0.5);
      }
    }
    RunManifest manifest = RunManifest.of(run);
    Path newest = run.resolve("checkpoints/step-000003.optim");
    assertEquals(RunManifest.sha256(newest), manifest.entry(newest).orElseThrow().sha256());
    assertTrue(manifest.entry(run.resolve("checkpoints/step-000001.optim")).isEmpty(), "pruned with its checkpoint");

    flipByte(newest, 10);
    CheckpointStore.Checkpoint latest = store.latest().orElseThrow();
    CorruptFileException e = assertThrows(CorruptFileException.class, () -> store.verify(latest));
    assertTrue(e.getMessage().contains(newest.toString()), e.getMessage());
    assertEquals(2, store.newestValid().orElseThrow().step(), "falls back to the checkpoint before");
  }

  @Test
  void everyCheckpointIsListedWithItsSha256AndPrunedOnesLeaveTheManifest() throws Exception {
    CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 2);
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int step = 1; step <= 3; step++) {
        store.save(block(manager, step, 3), step, 1, 0.5);
      }
    }
    RunManifest manifest = RunManifest.of(run);
    Path newest = run.resolve("checkpoints/step-000003.params");
    assertEquals(RunManifest.sha256(newest), manifest.entry(newest).orElseThrow().sha256());
    assertEquals(Files.size(newest), manifest.entry(newest).orElseThrow().bytes());
    assertTrue(manifest.entry(run.resolve("checkpoints/step-000001.params")).isEmpty(), "pruned");
    String json = Files.readString(run.resolve("manifest.json"));
    assertTrue(json.contains("\"checkpoints/step-000003.params\"") && json.contains("\"version\": 1"), json);
  }

  @Test
  void aFlippedNewestCheckpointIsSkippedForThePreviousValidOneAndRefusedOnLoad() throws Exception {
    CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 3);
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int step = 1; step <= 3; step++) {
        store.save(block(manager, step, 3), step, 1, 0.5);
      }
      Path newest = run.resolve("checkpoints/step-000003.params");
      flipByte(newest, Files.size(newest) - 3);
      assertEquals(2L, store.newestValid().orElseThrow().step(), "falls back to the previous valid one");
      assertEquals(3L, store.latest().orElseThrow().step(), "latest() still lists it");
      CorruptFileException e = assertThrows(CorruptFileException.class,
          () -> store.load(store.latest().orElseThrow(), block(manager, 0, 3), manager));
      assertTrue(e.getMessage().contains(newest.toString()) && e.getMessage().contains("sha256")
          && e.getMessage().contains("Restore it from a backup"), e.getMessage());

      Path second = run.resolve("checkpoints/step-000002.params");
      truncate(second, Files.size(second) / 2);
      assertEquals(1L, store.newestValid().orElseThrow().step());
      Block fresh = block(manager, 0, 3);
      store.load(store.newestValid().orElseThrow(), fresh, manager);
      assertArrayEquals(Fixtures.parameters(block(manager, 1, 3)).values().iterator().next(),
          Fixtures.parameters(fresh).values().iterator().next());
    }
  }

  @Test
  void aBrokenSidecarIsReportedAndItsCheckpointIgnored() throws Exception {
    CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 3);
    try (NDManager manager = NDManager.newBaseManager()) {
      store.save(block(manager, 1, 3), 1, 1, 0.5);
      store.save(block(manager, 2, 3), 2, 1, 0.5);
    }
    Files.writeString(run.resolve("checkpoints/step-000002.json"), "{\"step\": 2, \"parameters\": ");
    assertEquals(List.of(1L), store.list().stream().map(CheckpointStore.Checkpoint::step).toList());
    Files.writeString(run.resolve("checkpoints/step-000002.json"), "[1, 2]");
    assertEquals(1L, store.newestValid().orElseThrow().step());
  }

  @Test
  void onlyItsOwnStaleTemporaryFilesAreRemoved() throws Exception {
    Path folder = Files.createDirectories(run.resolve("checkpoints"));
    Path stale = Files.writeString(folder.resolve(".step-000004.params812.tmp"), "gone writer");
    Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.HOURS.toMillis(2)));
    Path inProgress = Files.writeString(folder.resolve(".step-000005.params99.tmp"), "being written");
    Path foreign = Files.writeString(folder.resolve("notes.tmp"), "someone else's");
    Files.setLastModifiedTime(foreign, FileTime.fromMillis(0));
    new CheckpointStore(folder, 2, java.time.Instant.now().minusSeconds(60));
    assertFalse(Files.exists(stale), "a temp file of a writer that is gone");
    assertTrue(Files.exists(inProgress), "another writer's checkpoint still being written");
    assertTrue(Files.exists(foreign), "not a checkpoint temp file");
  }

  @Test
  void aFullDiskNamesThePathAndTheSpaceAndKeepsThePreviousCheckpoint() throws Exception {
    Path mount = Files.createDirectories(run.resolve("small"));
    assumeTrue(mountTmpfs(mount), "needs root to mount a 1 MiB tmpfs");
    try {
      Path folder = mount.resolve("checkpoints");
      CheckpointStore store = new CheckpointStore(folder, 3);
      try (NDManager manager = NDManager.newBaseManager()) {
        store.save(block(manager, 1, 3), 1, 1, 0.5);
        Path previous = folder.resolve("step-000001.params");
        String sha = RunManifest.sha256(previous);
        Block big = block(manager, 2, 200_000); // 1.6 MB of weights into 1 MiB
        PretextUserException e = assertThrows(PretextUserException.class, () -> store.save(big, 2, 1, 0.5));
        assertTrue(e.getMessage().contains(folder.resolve("step-000002.params").toString())
            && e.getMessage().contains("the disk is full") && e.getMessage().contains("MiB free"), e.getMessage());
        try (Stream<Path> files = Files.list(folder)) {
          assertEquals(List.of("step-000001.json", "step-000001.params"),
              files.map(p -> p.getFileName().toString()).sorted().toList(), "no half-written file");
        }
        assertEquals(sha, RunManifest.sha256(previous));
        assertEquals(1L, store.newestValid().orElseThrow().step());
      }
    } finally {
      new ProcessBuilder("umount", mount.toString()).start().waitFor();
    }
  }

  public static boolean mountTmpfs(Path at) {
    try {
      Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", at.toString())
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}

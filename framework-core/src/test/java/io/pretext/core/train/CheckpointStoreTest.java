package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.pretext.api.train.ArrayState;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir Path root;
  /** A run's checkpoints/ folder: the manifest goes into its parent. */
  private Path tmp;

  @BeforeEach
  void folder() throws Exception {
    tmp = Files.createDirectories(root.resolve("checkpoints"));
  }

  @BeforeAll
  static void engine() {
    Fixtures.engine().start();
  }

  private static Block block(NDManager manager, float value) {
    Block b = new SequentialBlock().add(Linear.builder().setUnits(3).build());
    b.setInitializer(Initializer.ONES, ai.djl.nn.Parameter.Type.WEIGHT);
    b.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    b.getParameters().forEach(p -> p.getValue().getArray().muli(value));
    return b;
  }

  @Test
  void keepsTheNewestAndLoadsThemBackExactly() throws Exception {
    Files.writeString(tmp.resolve(".step-000001.params123.tmp"), "stale");
    Files.setLastModifiedTime(tmp.resolve(".step-000001.params123.tmp"),
        java.nio.file.attribute.FileTime.fromMillis(0)); // a writer that is gone
    CheckpointStore store = new CheckpointStore(tmp, 2);
    assertFalse(Files.exists(tmp.resolve(".step-000001.params123.tmp")), "stale temp files are removed");
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int step = 1; step <= 4; step++) {
        store.save(block(manager, step), step * 100L, step, 1.0 / step);
      }
      List<CheckpointStore.Checkpoint> kept = store.list();
      assertEquals(List.of(300L, 400L), kept.stream().map(CheckpointStore.Checkpoint::step).toList());
      assertEquals(tmp.resolve("step-000400.params"), kept.get(1).parameters());
      assertEquals(0.25, kept.get(1).loss());
      assertEquals(4, kept.get(1).epoch());
      try (Stream<Path> files = Files.list(tmp)) {
        assertEquals(4, files.count(), "two parameter files and two sidecars, no temporary files");
      }

      Block fresh = block(manager, 0);
      CheckpointStore.Checkpoint loaded = store.loadLatest(fresh, manager);
      assertEquals(400L, loaded.step());
      Map<String, float[]> expected = Fixtures.parameters(block(manager, 4));
      Map<String, float[]> actual = Fixtures.parameters(fresh);
      expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
      assertTrue(store.latest().isPresent());
    }
  }

  @Test
  void taskStateIsSavedBesideTheParametersAndLoadedBack() throws Exception {
    CheckpointStore store = new CheckpointStore(tmp, 2);
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      ArrayState queue = new ArrayState(manager.create(new float[] {1f, 2f, 3f}), manager);
      for (int step = 1; step <= 3; step++) {
        queue.value().addi(manager.create(new float[] {10f, 10f, 10f}));
        store.save(block(manager, step), Map.of("queue", queue), step, 1, 0.5);
      }
      try (Stream<Path> files = Files.list(tmp)) {
        assertEquals(6, files.count(), "parameters, sidecar and state of the two newest checkpoints");
      }
      CheckpointStore.Checkpoint first = store.list().get(0);
      assertEquals(Optional.of(tmp.resolve("step-000002.state")), first.state());

      ArrayState restored = new ArrayState(manager.zeros(new Shape(3)), manager);
      Block fresh = block(manager, 0);
      store.load(first, fresh, Map.of("queue", restored), manager);
      assertArrayEquals(new float[] {21f, 22f, 23f}, restored.value().toFloatArray());
      assertArrayEquals(Fixtures.parameters(block(manager, 2)).values().iterator().next(),
          Fixtures.parameters(fresh).values().iterator().next());
    }
  }

  @Test
  void aCheckpointWithoutStateLoadsAndLeavesTheStateAsItIs() {
    CheckpointStore store = new CheckpointStore(tmp, 2);
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      CheckpointStore.Checkpoint old = store.save(block(manager, 5), 7, 1, 0.5); // as runs before task state
      assertTrue(old.state().isEmpty());
      assertTrue(store.latest().orElseThrow().state().isEmpty());
      ArrayState centre = new ArrayState(manager.create(new float[] {4f, 5f}), manager);
      Block fresh = block(manager, 0);
      store.load(store.latest().orElseThrow(), fresh, Map.of("centre", centre), manager);
      assertArrayEquals(new float[] {4f, 5f}, centre.value().toFloatArray());
      assertArrayEquals(Fixtures.parameters(block(manager, 5)).values().iterator().next(),
          Fixtures.parameters(fresh).values().iterator().next());
    }
  }

  @Test
  void anEmptyFolderHasNoLatest() {
    assertTrue(new CheckpointStore(tmp.resolve("none"), 1).latest().isEmpty());
  }
}

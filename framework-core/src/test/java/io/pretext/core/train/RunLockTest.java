package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.PretextUserException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path dir;

  @Test
  void aSecondHolderIsRefusedNamingTheFirstsPid() {
    String pid = String.valueOf(ProcessHandle.current().pid());
    try (RunLock first = RunLock.acquire(dir)) {
      assertEquals(pid, RunLock.holder(first.file()));
      assertTrue(RunLock.isHeld(dir));
      PretextUserException e = assertThrows(PretextUserException.class, () -> RunLock.acquire(dir));
      assertTrue(e.getMessage().contains("in use by another run (PID " + pid + ","), e.getMessage());
    }
    assertFalse(RunLock.isHeld(dir));
    RunLock.acquire(dir).close();
  }

  @Test
  void aLockFileLeftByADeadRunDoesNotBlock() throws Exception {
    Files.writeString(dir.resolve(RunLock.FILE_NAME), "999999999\n");
    assertFalse(RunLock.isHeld(dir));
    try (RunLock lock = RunLock.acquire(dir)) {
      assertEquals(String.valueOf(ProcessHandle.current().pid()), RunLock.holder(lock.file()));
    }
  }

  @Test
  void createRefusesAHeldFolderAndOverwriteClearsAFinishedOne() throws Exception {
    Path root = dir.resolve("run");
    RunDirectory first = RunDirectory.create(root);
    Files.writeString(first.root().resolve("export-classifier.onnx"), "old");
    PretextUserException held = assertThrows(PretextUserException.class, () -> RunDirectory.create(root, true));
    assertTrue(held.getMessage().contains("PID " + ProcessHandle.current().pid()), held.getMessage());
    first.release();

    PretextUserException used = assertThrows(PretextUserException.class, () -> RunDirectory.create(root));
    assertTrue(used.getMessage().contains("give --overwrite"), used.getMessage());
    RunDirectory second = RunDirectory.create(root, true);
    try {
      assertFalse(Files.exists(root.resolve("export-classifier.onnx")), "the earlier run's files are cleared");
      assertTrue(Files.isDirectory(second.checkpoints()));
    } finally {
      second.release();
    }
  }
}

package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.PretextUserException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  @TempDir Path tmp;

  @Test
  void createsTheLayoutInANewOrAnEmptyFolder() throws Exception {
    try (RunDirectory fresh = RunDirectory.create(tmp.resolve("runs/a"))) {
      assertTrue(Files.isDirectory(fresh.checkpoints()) && Files.isDirectory(fresh.logs()) && Files.isDirectory(fresh.plots()));
    }
    try (RunDirectory empty = RunDirectory.create(Files.createDirectories(tmp.resolve("runs/empty")))) {
      assertTrue(Files.isDirectory(empty.encoder()));
    }
  }

  @Test
  void refusesAFolderAnEarlierRunWroteInto() throws Exception {
    RunDirectory earlier = RunDirectory.create(tmp.resolve("runs/r"));
    Files.writeString(earlier.metrics(), "{\"stream\":\"train\",\"step\":1}\n");
    earlier.close();

    PretextUserException e = assertThrows(PretextUserException.class, () -> RunDirectory.create(earlier.root()));

    assertTrue(e.getMessage().contains(earlier.root().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("checkpoints, encoder, logs, metrics.jsonl, plots"), e.getMessage());
    assertTrue(e.getMessage().contains("give --overwrite to empty it first"), e.getMessage());
    assertEquals("{\"stream\":\"train\",\"step\":1}\n", Files.readString(earlier.metrics()), "the earlier run is untouched");
  }

  @Test
  void refusesAnyFolderThatHoldsFiles() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(folder.resolve("notes.txt"), "keep");
    assertThrows(PretextUserException.class, () -> RunDirectory.create(folder));
    assertEquals("keep", Files.readString(folder.resolve("notes.txt")));
  }

  @Test
  void overwriteEmptiesAnEarlierRunButNeverAFolderThatIsNotARun() throws Exception {
    RunDirectory earlier = RunDirectory.create(tmp.resolve("runs/o"));
    Files.writeString(earlier.metrics(), "old\n");
    Files.createDirectories(earlier.root().resolve("export"));
    Files.writeString(earlier.root().resolve("export/classifier.onnx"), "old probe");
    earlier.close();

    try (RunDirectory again = RunDirectory.create(earlier.root(), true)) {
      assertFalse(Files.exists(again.metrics()), "the old metrics are gone");
      assertFalse(Files.exists(again.root().resolve("export/classifier.onnx")), "no old probe beside a new encoder");
      assertTrue(Files.isDirectory(again.checkpoints()));
    }

    Path mine = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(mine.resolve("thesis.tex"), "keep");
    PretextUserException e = assertThrows(PretextUserException.class, () -> RunDirectory.create(mine, true));
    assertTrue(e.getMessage().contains("not emptied"), e.getMessage());
    assertEquals("keep", Files.readString(mine.resolve("thesis.tex")));
  }

  @Test
  void aSecondRunInTheSameJvmIsRefusedWhileTheFirstHoldsTheFolder() throws Exception {
    try (RunDirectory first = RunDirectory.create(tmp.resolve("runs/busy"))) {
      PretextUserException e = assertThrows(PretextUserException.class, () -> RunDirectory.create(first.root(), true));
      assertTrue(e.getMessage().contains("in use by another pretext run (process " + ProcessHandle.current().pid()),
          e.getMessage());
    }
  }

  @Test
  void aLockHeldByAnotherProcessNamesItsPidAndALockLeftByADeadProcessDoesNotBlock() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("runs/shared"));
    Path lockFile = root.resolve(RunLock.FILE_NAME);
    // python's fcntl.lockf takes the same POSIX record lock as FileChannel.tryLock on Linux
    Process holder;
    try {
      holder = new ProcessBuilder("python3", "-c", "import fcntl,os,sys,time\n"
          + "f=open(sys.argv[1],'a+'); fcntl.lockf(f, fcntl.LOCK_EX); f.truncate(0); f.write(str(os.getpid()));"
          + " f.flush(); print('locked', flush=True); time.sleep(120)", lockFile.toString())
          .redirectErrorStream(true).start();
    } catch (java.io.IOException noPython) {
      Assumptions.abort("python3 is not on the PATH: " + noPython.getMessage());
      return;
    }
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))) {
      assertEquals("locked", out.readLine());
      PretextUserException e = assertThrows(PretextUserException.class, () -> RunDirectory.create(root));
      assertTrue(e.getMessage().contains("(process " + holder.pid() + ","), e.getMessage());

      holder.destroyForcibly().waitFor();
      try (RunDirectory after = RunDirectory.create(root)) {
        assertEquals(String.valueOf(ProcessHandle.current().pid()), Files.readString(lockFile).trim());
      }
    } finally {
      holder.destroyForcibly();
    }
  }
}

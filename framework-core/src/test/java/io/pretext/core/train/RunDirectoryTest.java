package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.PretextUserException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  @TempDir Path tmp;

  @Test
  void createsTheLayoutInANewOrAnEmptyFolder() throws Exception {
    RunDirectory fresh = RunDirectory.create(tmp.resolve("runs/a"));
    assertTrue(Files.isDirectory(fresh.checkpoints()) && Files.isDirectory(fresh.logs()) && Files.isDirectory(fresh.plots()));
    RunDirectory empty = RunDirectory.create(Files.createDirectories(tmp.resolve("runs/empty")));
    assertTrue(Files.isDirectory(empty.encoder()));
  }

  @Test
  void refusesAFolderAnEarlierRunWroteInto() throws Exception {
    RunDirectory earlier = RunDirectory.create(tmp.resolve("runs/r"));
    Files.writeString(earlier.metrics(), "{\"stream\":\"train\",\"step\":1}\n");
    earlier.release(); // the earlier run finished

    PretextUserException e = assertThrows(PretextUserException.class, () -> RunDirectory.create(earlier.root()));

    assertTrue(e.getMessage().contains(earlier.root().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("checkpoints, encoder, logs, metrics.jsonl, plots"), e.getMessage());
    assertTrue(e.getMessage().contains("Pick another output.name or --run-dir, or give --overwrite to clear the folder first"), e.getMessage());
    assertTrue(e.getMessage().contains("run 'pretext resume " + earlier.root() + "'"), e.getMessage());
    assertEquals("{\"stream\":\"train\",\"step\":1}\n", Files.readString(earlier.metrics()), "the earlier run is untouched");
  }

  @Test
  void refusesAnyFolderThatHoldsFiles() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(folder.resolve("notes.txt"), "keep");
    assertThrows(PretextUserException.class, () -> RunDirectory.create(folder));
    assertEquals("keep", Files.readString(folder.resolve("notes.txt")));
  }
}

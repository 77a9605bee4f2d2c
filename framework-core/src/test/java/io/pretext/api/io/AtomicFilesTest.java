package io.pretext.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void writesTheContentReadableByOthersAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("model.onnx");
    AtomicFiles.writeString(target, "weights");
    assertEquals("weights", Files.readString(target));
    assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ),
        "permissions " + Files.getPosixFilePermissions(target));
    assertEquals(List.of(target), list());
  }

  @Test
  void aFailedWriteKeepsThePreviousFile() throws IOException {
    Path target = dir.resolve("encoder.params");
    AtomicFiles.writeString(target, "good");
    assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
      out.write(1);
      throw new IOException("disk full");
    }));
    assertEquals("good", Files.readString(target));
    assertEquals(List.of(target), list());
  }

  private List<Path> list() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}

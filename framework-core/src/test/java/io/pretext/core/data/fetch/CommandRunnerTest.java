package io.pretext.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.data.DataException;
import io.pretext.core.data.fetch.PackageSource.Manager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
  @TempDir Path dir;

  private Path script(String name, String body) throws Exception {
    Path s = dir.resolve(name);
    Files.writeString(s, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
    return s;
  }

  @Test
  void missingToolSaysWhichCommand() {
    AptDownloader apt = new AptDownloader(new CommandRunner(), "pretext-no-such-apt-get");
    FetchCommandException e = assertThrows(FetchCommandException.class,
        () -> apt.download(new PackageSource(Manager.APT, "dataset-fashion-mnist", null), dir));
    assertEquals(-1, e.exitCode());
    assertEquals(List.of("pretext-no-such-apt-get", "download", "dataset-fashion-mnist"), e.command());
    assertTrue(e.getMessage().contains("pretext-no-such-apt-get download dataset-fashion-mnist"), e.getMessage());
    assertTrue(e.getMessage().contains("not found on the PATH"), e.getMessage());
  }

  @Test
  void missingNpm() {
    NpmDownloader npm = new NpmDownloader(new CommandRunner(), "pretext-no-such-npm");
    FetchCommandException e = assertThrows(FetchCommandException.class,
        () -> npm.download(new PackageSource(Manager.NPM, "sentiment", "5.0.2"), dir));
    assertTrue(e.getMessage().contains("pretext-no-such-npm pack sentiment@5.0.2")
        && e.getMessage().contains("not found on the PATH"), e.getMessage());
  }

  @Test
  void failedCommandReportsExitCodeAndStderrTail() throws Exception {
    Path tool = script("failing", "i=0; while [ $i -lt 40 ]; do echo \"line $i\" >&2; i=$((i+1)); done; exit 3");
    FetchCommandException e = assertThrows(FetchCommandException.class,
        () -> new CommandRunner().run(List.of(tool.toString(), "x"), dir));
    assertEquals(3, e.exitCode());
    assertTrue(e.getMessage().contains("failed with exit code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("line 39") && !e.getMessage().contains("line 10\n"), e.getMessage());
    assertTrue(e.stderrTail().endsWith("line 39"));
  }

  @Test
  void aptPackageNotFoundSaysToRunAptGetUpdate() throws Exception {
    Path tool = script("apt-get", "echo 'E: Unable to locate package dataset-fashion-mnist' >&2; exit 100");
    AptDownloader apt = new AptDownloader(new CommandRunner(), tool.toString());
    FetchCommandException e = assertThrows(FetchCommandException.class,
        () -> apt.download(new PackageSource(Manager.APT, "dataset-fashion-mnist", null), dir));
    assertEquals(100, e.exitCode());
    assertTrue(e.getMessage().contains("run 'apt-get update'"), e.getMessage());
    assertTrue(e.getMessage().contains("Unable to locate package"), e.getMessage());
  }

  @Test
  void successfulDownloadReturnsTheArchive() throws Exception {
    Path tool = script("npm", "echo tgz > \"$(echo $2 | tr / - | tr -d @)-1.0.0.tgz\"; echo done");
    Path out = Files.createDirectories(dir.resolve("out"));
    Path tgz = new NpmDownloader(new CommandRunner(), tool.toString())
        .download(new PackageSource(Manager.NPM, "tiny", null), out);
    assertEquals("tiny-1.0.0.tgz", tgz.getFileName().toString());
  }

  @Test
  void commandThatLeavesNoArchive() throws Exception {
    Path tool = script("apt-get", "exit 0");
    DataException e = assertThrows(DataException.class, () -> new AptDownloader(new CommandRunner(), tool.toString())
        .download(new PackageSource(Manager.APT, "x", null), dir));
    assertTrue(e.getMessage().contains("left 0 .deb files"), e.getMessage());
  }

  @Test
  void aSilentFailureOnAFullDiskSaysTheDiskIsFullAndWhere() throws Exception {
    Path tool = script("npm-like", "exit 228");
    Path small = Files.createDirectories(dir.resolve("small"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.pretext.core.train.CheckpointIntegrityTest.mountTmpfs(small), "needs root to mount a 1 MiB tmpfs");
    try {
      try (java.io.OutputStream fill = Files.newOutputStream(small.resolve("fill"))) {
        byte[] block = new byte[4096];
        for (int i = 0; i < 1024; i++) {
          fill.write(block);
        }
      } catch (java.io.IOException expected) {
        // the 1 MiB file system is full now
      }
      FetchCommandException e = assertThrows(FetchCommandException.class,
          () -> new CommandRunner(30).run(List.of(tool.toString()), small));
      assertTrue(e.getMessage().contains("failed with exit code 228 because the disk is full")
          && e.getMessage().contains("MiB free on the file system of " + small)
          && e.getMessage().contains("Free some space"), e.getMessage());
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
    }
  }
}

package io.pretext.core.data.fetch;

import io.pretext.core.integrity.WriteFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an external command in a folder and fails with a {@link FetchCommandException} saying what went wrong. */
public final class CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
  private static final int TAIL_LINES = 15;
  private static final long MIN_FREE_BYTES = 1L << 20;
  private final long timeoutSeconds;

  public CommandRunner() {
    this(1800);
  }

  public CommandRunner(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Runs the command with {@code folder} as its working folder; returns its standard output. */
  public String run(List<String> command, Path folder) {
    String shown = String.join(" ", command);
    LOG.info("Running '{}' in {}", shown, folder);
    Path out;
    Path err;
    Process p;
    try {
      out = Files.createTempFile(folder, ".stdout-", ".log");
      err = Files.createTempFile(folder, ".stderr-", ".log");
      p = new ProcessBuilder(command).directory(folder.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    } catch (IOException e) {
      throw new FetchCommandException(command, -1, "", "cannot run '" + shown + "': " + command.get(0)
          + " was not found on the PATH or could not start (" + e.getMessage() + "); install it or fetch the"
          + " data set on a machine that has it");
    }
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new FetchCommandException(command, -1, tail(err), "'" + shown + "' did not finish within "
            + timeoutSeconds + " s; check the network and try again");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new FetchCommandException(command, -1, "", "interrupted while running '" + shown + "'");
    }
    String stderr = tail(err);
    if (p.exitValue() != 0 && diskFull(folder, stderr)) {
      throw new FetchCommandException(command, p.exitValue(), stderr, "'" + shown + "' failed with exit code "
          + p.exitValue() + " because the disk is full (" + WriteFailures.free(folder) + "). Free some space"
          + " there, or point the data cache at another disk, then fetch again.");
    }
    if (p.exitValue() != 0) {
      throw new FetchCommandException(command, p.exitValue(), stderr, "'" + shown + "' failed with exit code "
          + p.exitValue() + (stderr.isEmpty() ? " and no error output" : "; its error output ends with:\n" + stderr));
    }
    try {
      String stdout = Files.readString(out);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return stdout;
    } catch (IOException e) {
      return "";
    }
  }

  /** Whether a failed command ran out of disk: it says so, or its folder has under 1 MiB left. */
  static boolean diskFull(Path folder, String stderr) {
    if (stderr.contains("ENOSPC") || WriteFailures.isDiskFull(new IOException(stderr))) {
      return true;
    }
    try {
      return Files.getFileStore(folder).getUsableSpace() < MIN_FREE_BYTES;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(file));
      List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
      return String.join("\n", last).strip();
    } catch (IOException e) {
      return "";
    }
  }
}

package io.pretext.core.train;

import io.pretext.api.PretextUserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run's hold on its directory: {@code RUN_DIR/run.lock}, an OS file lock
 * ({@link FileChannel#tryLock}) plus the holder's PID as text. The OS releases the lock when its
 * process dies, so a killed run's lock file does not block the next run; a live holder's does.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name inside the run directory. */
  public static final String FILE_NAME = "run.lock";
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of a run directory (which must exist) and writes this process's PID into it.
   *
   * @throws PretextUserException naming the holder's PID when another run holds it
   */
  public static RunLock acquire(Path runDir) {
    Path file = runDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        throw new PretextUserException("The run directory " + runDir + " is in use by another run (PID "
            + holder + ", see " + file + "). Wait for it to finish or stop it, or choose another --run-dir.");
      }
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(true);
      return new RunLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw RunDirectory.ioFailure("lock the run directory with", file, e);
    }
  }

  /** Whether a live process holds the lock of {@code runDir}; false when there is no lock file. */
  public static boolean isHeld(Path runDir) {
    Path file = runDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The PID written in a lock file, or "unknown". */
  static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return text.matches("\\d{1,19}") ? text : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  public Path file() {
    return file;
  }

  /** Releases the lock; the file stays (with the last holder's PID). */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException ignored) {
      // the channel's close below releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}

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
 * An exclusive lock on a run directory, held for as long as a run writes into it: the file {@code
 * .lock} in the folder, locked with the operating system's advisory lock and holding the holder's
 * process id. The operating system drops the lock when the holder dies, even by {@code kill -9}, so
 * a stale file never blocks a later run; only a live holder does.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name inside a run directory. */
  public static final String FILE_NAME = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code root}, which must exist, and records this process's id in the lock file.
   *
   * @throws PretextUserException naming the holder's process id when another run holds the folder
   */
  public static RunLock acquire(Path root) {
    Path file = root.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        throw new PretextUserException("The run directory " + root + " is in use by another pretext run (process "
            + holder + ", recorded in " + file + "). Wait for that run to end, stop it, or choose another --run-dir.");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new PretextUserException("Cannot lock the run directory " + root + " (" + file + "): " + e.getMessage()
          + ". Choose a writable folder with --run-dir.", e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this same process, e.g. a second run started in one JVM
    }
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? "unknown" : pid;
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the open failed already; that error is the one reported
      }
    }
  }

  /** Releases the lock; the file stays, holding the last holder's id. */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot release the run directory lock", e);
    }
  }
}

package io.pretext.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a file that may be gzip-compressed, telling by its magic bytes rather than its name. */
public final class CompressedInput {
  private CompressedInput() {}

  /** A buffered stream of the file's (decompressed) content. */
  public static InputStream open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (isGzip(in)) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  /** Whether the file starts with the gzip magic bytes 1f 8b. */
  public static boolean isGzip(Path file) throws IOException {
    try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return isGzip(in);
    }
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b;
  }

  /**
   * Reads up to {@code buffer.length - offset} bytes, stopping early at the end of the stream or at
   * a truncated compressed stream; returns how many bytes were read.
   */
  public static int readUpTo(InputStream in, byte[] buffer, int offset) throws IOException {
    int total = 0;
    int want = buffer.length - offset;
    try {
      while (total < want) {
        int n = in.read(buffer, offset + total, want - total);
        if (n < 0) {
          break;
        }
        total += n;
      }
    } catch (EOFException e) {
      // a truncated gzip stream: report what was there
    }
    return total;
  }
}

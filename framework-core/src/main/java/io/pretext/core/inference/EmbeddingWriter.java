package io.pretext.core.inference;

import io.pretext.api.PretextUserException;
import io.pretext.api.io.AtomicFiles;
import io.pretext.core.integrity.WriteFailures;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes a {@code rows × cols} float matrix batch by batch: NumPy's {@code .npy} (format 1.0,
 * little-endian float32, C order; header written here) or CSV (one row per line, no header).
 * The row count is fixed when the file is opened; closing it with fewer rows is an error.
 */
public final class EmbeddingWriter implements AutoCloseable {
  /** The file formats. */
  public enum Format {
    NPY,
    CSV;

    /** Parses {@code npy} or {@code csv}. */
    public static Format parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new PretextUserException("Unknown output format '" + text + "'; use npy or csv.", e);
      }
    }
  }

  static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private final Path file;
  private final Path temporary;
  private final FileOutputStream fileStream;
  private final Format format;
  private final int rows;
  private final int cols;
  private final OutputStream out;
  private int written;

  private EmbeddingWriter(Path file, Path temporary, FileOutputStream fileStream, Format format, int rows, int cols,
      OutputStream out) {
    this.file = file;
    this.temporary = temporary;
    this.fileStream = fileStream;
    this.format = format;
    this.rows = rows;
    this.cols = cols;
    this.out = out;
  }

  /** The features per row. */
  public int cols() {
    return cols;
  }

  /**
   * Creates a temporary file beside {@code file} (and the parent folders) and writes the header;
   * {@link #close} moves it into place once every row is written, {@link #discard} deletes it, so
   * no half-written output remains.
   *
   * @throws PretextUserException when the file cannot be created
   */
  public static EmbeddingWriter open(Path file, Format format, int rows, int cols) {
    Path tmp = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      tmp = Files.createTempFile(parent, "." + file.getFileName(), AtomicFiles.TEMP_SUFFIX);
      FileOutputStream stream = new FileOutputStream(tmp.toFile());
      OutputStream out = new BufferedOutputStream(stream, 1 << 16);
      EmbeddingWriter w = new EmbeddingWriter(file, tmp, stream, format, rows, cols, out);
      if (format == Format.NPY) {
        out.write(npyHeader(rows, cols));
      }
      return w;
    } catch (IOException e) {
      deleteQuietly(tmp);
      if (WriteFailures.isDiskFull(e)) {
        throw WriteFailures.diskFull("create the output file", file, e);
      }
      throw new PretextUserException("Cannot create the output file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The .npy 1.0 preamble: magic, version, header length (uint16, little-endian) and the header
   * dictionary padded with spaces and a newline so that the data starts at a multiple of 64 bytes.
   */
  static byte[] npyHeader(int rows, int cols) {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    int preamble = NPY_MAGIC.length + 2 + 2;
    int total = preamble + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - total) + "\n";
    ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    b.put(NPY_MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  /** Appends the rows of a batch. */
  public void write(FeatureBatch batch) {
    if (batch.cols() != cols) {
      throw new IllegalArgumentException("the file has " + cols + " columns, the batch " + batch.cols());
    }
    if (written + batch.rows() > rows) {
      throw new IllegalStateException("the file holds " + rows + " rows; " + (written + batch.rows()) + " given");
    }
    try {
      if (format == Format.NPY) {
        ByteBuffer b = ByteBuffer.allocate(batch.values().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(batch.values());
        out.write(b.array());
      } else {
        StringBuilder line = new StringBuilder();
        float[] v = batch.values();
        for (int r = 0; r < batch.rows(); r++) {
          line.setLength(0);
          for (int c = 0; c < cols; c++) {
            line.append(c > 0 ? "," : "").append(v[r * cols + c]);
          }
          out.write(line.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
        }
      }
      written += batch.rows();
    } catch (IOException e) {
      discard();
      throw WriteFailures.of("write", file, e);
    }
  }

  /** Syncs the complete file and moves it into place; an incomplete one is deleted instead. */
  @Override
  public void close() {
    if (written != rows) {
      discard();
      throw new IllegalStateException(file + " was opened for " + rows + " rows but got " + written);
    }
    try {
      out.flush();
      fileStream.getFD().sync();
      out.close();
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      discard();
      throw WriteFailures.of("write", file, e);
    }
  }

  /** Deletes the temporary file after a failure; the output file is left as it was. */
  public void discard() {
    try {
      out.close();
    } catch (IOException ignored) {
      // the file is deleted next
    }
    deleteQuietly(temporary);
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp != null) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // nothing more to do: it is a hidden .tmp file
      }
    }
  }
}

package io.pretext.core.inference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a float32 2-D .npy file back, checking its preamble as NumPy would: for tests. */
public final class NpyFiles {
  private static final Pattern SHAPE = Pattern.compile(
      "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), } *\n");

  private NpyFiles() {}

  /** The matrix in a .npy file. */
  public static FeatureBatch read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    b.get(magic);
    if (!Arrays.equals(magic, EmbeddingWriter.NPY_MAGIC) || b.get() != 1 || b.get() != 0) {
      throw new IOException("not a .npy 1.0 file");
    }
    int headerLength = Short.toUnsignedInt(b.getShort());
    byte[] header = new byte[headerLength];
    b.get(header);
    if (b.position() % 64 != 0) {
      throw new IOException("data not aligned to 64 bytes: " + b.position());
    }
    Matcher m = SHAPE.matcher(new String(header, StandardCharsets.US_ASCII));
    if (!m.matches()) {
      throw new IOException("unexpected header " + new String(header, StandardCharsets.US_ASCII));
    }
    int rows = Integer.parseInt(m.group(1));
    int cols = Integer.parseInt(m.group(2));
    float[] values = new float[rows * cols];
    b.asFloatBuffer().get(values);
    if (b.remaining() != values.length * 4L) {
      throw new IOException(b.remaining() + " data bytes for " + values.length + " floats");
    }
    return new FeatureBatch(values, rows, cols);
  }
}

package io.pretext.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddingWriterTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 1000})
  void npyHeaderAndValuesReadBack(int rows) throws Exception {
    float[] values = new float[rows * 5];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) Math.sin(i) * 1e3f;
    }
    Path file = dir.resolve("out/emb.npy");
    try (EmbeddingWriter w = EmbeddingWriter.open(file, EmbeddingWriter.Format.NPY, rows, 5)) {
      int half = rows / 2;
      w.write(new FeatureBatch(java.util.Arrays.copyOf(values, half * 5), half, 5));
      w.write(new FeatureBatch(java.util.Arrays.copyOfRange(values, half * 5, values.length), rows - half, 5));
    }
    FeatureBatch back = NpyFiles.read(file);
    assertEquals(rows, back.rows());
    assertEquals(5, back.cols());
    assertArrayEquals(values, back.values());
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(0, (bytes.length - values.length * 4) % 64, "the header is padded to 64 bytes");
  }

  @Test
  void csvHasOneLinePerRow() throws Exception {
    Path file = dir.resolve("emb.csv");
    try (EmbeddingWriter w = EmbeddingWriter.open(file, EmbeddingWriter.Format.CSV, 2, 2)) {
      w.write(new FeatureBatch(new float[] {1.5f, -2f, 0.25f, 3e-5f}, 2, 2));
    }
    assertEquals(List.of("1.5,-2.0", "0.25,3.0E-5"), Files.readAllLines(file));
  }

  @Test
  void tooFewRowsFailOnClose() {
    EmbeddingWriter w = EmbeddingWriter.open(dir.resolve("short.npy"), EmbeddingWriter.Format.NPY, 3, 1);
    w.write(new FeatureBatch(new float[] {1}, 1, 1));
    assertThrows(IllegalStateException.class, w::close);
    assertThrows(io.pretext.api.PretextUserException.class, () -> EmbeddingWriter.Format.parse("parquet"));
  }
}

package io.pretext.api.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pretext.api.PretextUserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearClassifierTest {
  @TempDir
  Path dir;

  @Test
  void foldingTheStandardizationGivesTheSameLogitsOnRawFeatures() {
    double[] w = {0.5, -1.0, 2.0, 0.25, 1.5, -0.75};
    double[] b = {0.1, -0.2};
    double[] mean = {1.0, -2.0, 0.5};
    double[] std = {2.0, 0.5, 4.0};
    LinearClassifier c = LinearClassifier.folded(List.of("a", "b"), w, b, mean, std);
    float[] x = {3.0f, -1.0f, 2.5f};
    for (int k = 0; k < 2; k++) {
      double z = b[k];
      for (int j = 0; j < 3; j++) {
        z += w[k * 3 + j] * (x[j] - mean[j]) / std[j];
      }
      assertEquals(z, c.logits(x)[k], 1e-6);
    }
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    LinearClassifier c = new LinearClassifier(List.of("cat", "dog"), 2, new float[] {1, 2, 3, 4}, new float[] {-1, 1});
    Path file = dir.resolve("sub/probe-10.json");
    c.write(file);
    LinearClassifier back = LinearClassifier.read(file);
    assertEquals(c, back);
    assertArrayEquals(new float[] {2, 8}, back.logits(new float[] {1, 1}));
  }

  @Test
  void aBrokenFileIsAUserErrorNamingIt() throws Exception {
    Path file = dir.resolve("probe-1.json");
    Files.writeString(file, "{\"classNames\": [\"a\"], \"features\": 3, \"weights\": [1], \"bias\": [0]}");
    PretextUserException e = assertThrows(PretextUserException.class, () -> LinearClassifier.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertThrows(PretextUserException.class, () -> LinearClassifier.read(dir.resolve("missing.json")));
  }
}

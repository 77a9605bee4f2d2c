package io.pretext.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pretext.core.engine.EngineSetup;
import io.pretext.api.runtime.RuntimeSettings;
import java.nio.file.Path;

/** Starts the PyTorch engine the way a run does, and turns Java matrices into NDArrays. */
final class DjlTests {
  private DjlTests() {}

  static EngineSetup engine() {
    return new EngineSetup(new RuntimeSettings(7, 2, "cpu", Path.of("unused")));
  }

  /** A manager on the started engine; close it after the test. */
  static NDManager manager() {
    engine().start();
    return NDManager.newBaseManager();
  }

  /** A (rows, columns) float array. */
  static NDArray matrix(NDManager manager, double[][] rows) {
    int d = rows[0].length;
    float[] flat = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < d; j++) {
        flat[i * d + j] = (float) rows[i][j];
      }
    }
    return manager.create(flat, new ai.djl.ndarray.types.Shape(rows.length, d));
  }
}

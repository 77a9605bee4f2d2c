package io.pretext.core.onnx;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the export tests share: one NDManager for the models of a class, a temporary folder per test. */
abstract class ExportTestBase {
  static NDManager manager;

  @TempDir
  Path dir;

  @BeforeAll
  static void openManager() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void closeManager() {
    manager.close();
  }
}

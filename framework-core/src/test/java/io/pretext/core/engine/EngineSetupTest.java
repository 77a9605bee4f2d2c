package io.pretext.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import io.pretext.api.runtime.RuntimeSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EngineSetupTest {

  @Test
  void startsPyTorchOfflineFromTheCacheFolderWithTheThreadCount() {
    RuntimeSettings settings = new RuntimeSettings(1, 1, "cpu", Path.of("unused"));
    EngineSetup setup = new EngineSetup(settings);
    Engine engine = setup.start();

    assertEquals("PyTorch", engine.getEngineName());
    assertTrue(Utils.isOfflineMode(), "DJL must be in offline mode");
    assertEquals(setup.cacheDir().toString(), System.getProperty("DJL_CACHE_DIR"));
    assertTrue(Path.of(LibUtils.getLibtorchPath()).startsWith(setup.cacheDir()),
        "natives come from the jars, extracted under " + setup.cacheDir() + ", not " + LibUtils.getLibtorchPath());
    assertEquals(1, JniUtils.getNumThreads());
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {1, 2, 3});
      assertEquals(6f, a.sum().getFloat());
    }
  }

  @Test
  void isIdempotentAndUpdatesIntraOpThreads() {
    Engine first = new EngineSetup(new RuntimeSettings(1, 2, "cpu", Path.of("unused"))).start();
    assertEquals(2, JniUtils.getNumThreads());
    Engine second = new EngineSetup(new RuntimeSettings(1, 1, "cpu", Path.of("unused"))).start();
    assertSame(first, second);
    assertEquals(1, JniUtils.getNumThreads());
  }
}

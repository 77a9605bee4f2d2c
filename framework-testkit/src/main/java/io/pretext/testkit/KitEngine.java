package io.pretext.testkit;

import io.pretext.api.runtime.RuntimeSettings;
import io.pretext.core.engine.EngineSetup;
import java.nio.file.Path;

/** The engine the kit runs on: PyTorch on the CPU, offline, natives from the jars, as a run starts it. */
final class KitEngine {
  /** Compute threads: tests share the machine with the rest of the build. */
  static final int THREADS = 1;

  private KitEngine() {}

  static EngineSetup cpu(long seed) {
    return new EngineSetup(new RuntimeSettings(seed, THREADS, "cpu", Path.of("unused-data-cache")));
  }
}

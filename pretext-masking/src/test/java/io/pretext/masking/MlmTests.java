package io.pretext.masking;

import io.pretext.core.engine.EngineSetup;
import io.pretext.api.runtime.RuntimeSettings;
import java.nio.file.Path;

/** Starts the PyTorch engine the way a run does, on one thread (2 threads crawl when other work shares the 2 cores). */
final class MlmTests {
  private MlmTests() {}

  static EngineSetup engine() {
    return new EngineSetup(new RuntimeSettings(7, 1, "cpu", Path.of("unused")));
  }
}
